// The suite's own reading of an OData v4 $filter (OData v4.01 URL conventions, section 5.1.1), for
// the reference evaluation of JobsView queries. Written apart from the mock on purpose: an oracle
// that shared the server's parser could not catch its bugs. Operators are lower case only
// (vendor-apis: `and` works, `AND` does not).

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'guid'; value: string }
  | { kind: 'datetime'; value: number; text: string }
  | { kind: 'null' };

export type Expr =
  | { type: 'literal'; literal: Literal }
  | { type: 'field'; name: string }
  | { type: 'call'; name: string; args: Expr[] }
  | { type: 'not'; arg: Expr }
  | { type: 'binary'; op: BinaryOp; left: Expr; right: Expr };

export type BinaryOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'and' | 'or';

export class FilterSyntaxError extends Error {}

type Token =
  | { t: 'literal'; literal: Literal; at: number }
  | { t: 'word'; text: string; at: number }
  | { t: '(' | ')' | ','; at: number };

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,12})?)?(Z|[+-]\d{2}:\d{2})/;
const NUMBER = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?/;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * An instant in milliseconds since the epoch, sub-millisecond digits kept as a fraction; a date-time
 * without offset is read as UTC (ASSUMPTIONS.md A3: a real system may leave the offset out). NaN when unreadable.
 */
export function parseInstant(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?$/.exec(
    text,
  );
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  if (frac) ms += Number(`0.${frac}`) * 1000;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  return ms;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ') {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ t: c, at: i });
      i++;
      continue;
    }
    if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new FilterSyntaxError(`unterminated string at ${i}`);
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j++;
      }
      tokens.push({ t: 'literal', literal: { kind: 'string', value }, at: i });
      i = j + 1;
      continue;
    }
    const rest = text.slice(i);
    const guid = GUID.exec(rest);
    if (guid && !/[\w-]/.test(rest[guid[0].length] ?? '')) {
      tokens.push({ t: 'literal', literal: { kind: 'guid', value: guid[0].toLowerCase() }, at: i });
      i += guid[0].length;
      continue;
    }
    const dt = DATETIME.exec(rest);
    if (dt) {
      tokens.push({
        t: 'literal',
        literal: { kind: 'datetime', value: parseInstant(dt[0]), text: dt[0] },
        at: i,
      });
      i += dt[0].length;
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num && !/[A-Za-z_]/.test(rest[num[0].length] ?? '')) {
      tokens.push({ t: 'literal', literal: { kind: 'number', value: Number(num[0]) }, at: i });
      i += num[0].length;
      continue;
    }
    const word = WORD.exec(rest);
    if (word) {
      const w = word[0];
      if (w === 'true' || w === 'false')
        tokens.push({ t: 'literal', literal: { kind: 'boolean', value: w === 'true' }, at: i });
      else if (w === 'null') tokens.push({ t: 'literal', literal: { kind: 'null' }, at: i });
      else tokens.push({ t: 'word', text: w, at: i });
      i += w.length;
      continue;
    }
    throw new FilterSyntaxError(`unexpected '${c}' at ${i}`);
  }
  return tokens;
}

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const RESERVED = new Set([...COMPARISONS, 'and', 'or', 'not']);

/** Parses a $filter into an expression tree; throws FilterSyntaxError on anything OData v4 does not allow. */
export function parseFilter(text: string): Expr {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (w: string) => {
    const t = peek();
    return t?.t === 'word' && t.text === w;
  };
  const expect = (t: '(' | ')' | ',') => {
    if (peek()?.t !== t) throw new FilterSyntaxError(`expected '${t}' at ${peek()?.at ?? text.length}`);
    pos++;
  };

  // Precedence (OData v4 URL conventions 5.1.1.15): or < and < comparison < not < primary.
  function orExpr(): Expr {
    let left = andExpr();
    while (isWord('or')) {
      pos++;
      left = { type: 'binary', op: 'or', left, right: andExpr() };
    }
    return left;
  }
  function andExpr(): Expr {
    let left = comparison();
    while (isWord('and')) {
      pos++;
      left = { type: 'binary', op: 'and', left, right: comparison() };
    }
    return left;
  }
  function comparison(): Expr {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t?.t !== 'word' || !COMPARISONS.has(t.text)) return left;
      pos++;
      left = { type: 'binary', op: t.text as BinaryOp, left, right: unary() };
    }
  }
  function unary(): Expr {
    if (isWord('not')) {
      pos++;
      return { type: 'not', arg: unary() };
    }
    return primary();
  }
  function primary(): Expr {
    const t = peek();
    if (!t) throw new FilterSyntaxError('unexpected end of $filter');
    if (t.t === '(') {
      pos++;
      const inner = orExpr();
      expect(')');
      return inner;
    }
    if (t.t === 'literal') {
      pos++;
      return { type: 'literal', literal: t.literal };
    }
    if (t.t === 'word') {
      if (RESERVED.has(t.text))
        throw new FilterSyntaxError(`'${t.text}' at ${t.at} needs an operand before it`);
      pos++;
      if (peek()?.t === '(') {
        pos++;
        const args: Expr[] = [];
        if (peek()?.t !== ')') {
          args.push(orExpr());
          while (peek()?.t === ',') {
            pos++;
            args.push(orExpr());
          }
        }
        expect(')');
        return { type: 'call', name: t.text, args };
      }
      return { type: 'field', name: t.text };
    }
    throw new FilterSyntaxError(`unexpected '${t.t}' at ${t.at}`);
  }

  const expr = orExpr();
  if (pos < tokens.length) throw new FilterSyntaxError(`unexpected token at ${peek()?.at}`);
  return expr;
}
