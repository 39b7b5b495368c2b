import { FILTER_FUNCTIONS, UNSUPPORTED_FUNCTIONS } from './filter-functions.ts';
import type { Token } from './filter-lexer.ts';
import { fail, ok, syntaxError } from './result.ts';
import type { Result } from './types.ts';

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type LiteralNode =
  | { kind: 'literal'; type: 'string' | 'guid'; value: string; text: string; pos: number }
  | { kind: 'literal'; type: 'number' | 'date-time'; value: number; text: string; pos: number }
  | { kind: 'literal'; type: 'boolean'; value: boolean; text: string; pos: number }
  | { kind: 'literal'; type: 'null' | 'date'; value: null; text: string; pos: number };

export type FilterNode =
  | LiteralNode
  | { kind: 'field'; name: string; pos: number }
  | { kind: 'call'; name: string; args: FilterNode[]; pos: number }
  | { kind: 'compare'; op: CompareOp; left: FilterNode; right: FilterNode; pos: number }
  | { kind: 'and' | 'or'; operands: FilterNode[]; pos: number }
  | { kind: 'not'; operand: FilterNode; pos: number };

type ParserOptions = { maxDepth: number; isField: (name: string) => boolean };

const PARAMETER = '$filter';
const COMPARE_OPS: ReadonlySet<string> = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const OPERATORS: ReadonlySet<string> = new Set([...COMPARE_OPS, 'and', 'or', 'not']);
const UNSUPPORTED_OPERATORS: ReadonlySet<string> = new Set([
  'add',
  'sub',
  'mul',
  'div',
  'divby',
  'mod',
  'has',
  'in',
]);
const LITERAL_KEYWORDS: ReadonlySet<string> = new Set(['true', 'false', 'null']);
const FUNCTION_LIST = [...FILTER_FUNCTIONS.keys()].join(', ');

function quoted(token: Token): string {
  return token.kind === 'string' ? token.text : `'${token.text}'`;
}

function isWord(token: Token, word: string): boolean {
  return token.kind === 'identifier' && token.text === word;
}

function operatorCaseError(token: Token): Result<never> | undefined {
  if (token.kind !== 'identifier') return undefined;
  const lower = token.text.toLowerCase();
  if ((OPERATORS.has(lower) || UNSUPPORTED_OPERATORS.has(lower)) && lower !== token.text) {
    return fail(
      `The operator '${token.text}' at position ${token.pos} in $filter is not valid; OData operators are lower case: '${lower}'`,
      PARAMETER,
      token.pos,
    );
  }
  return undefined;
}

/** Recursive descent over: or < and < comparison < not < primary (OData precedence). */
export function parseFilterTokens(tokens: readonly Token[], options: ParserOptions): Result<FilterNode> {
  let index = 0;
  let depth = 0;
  const endToken: Token = tokens[tokens.length - 1] ?? { kind: 'end', text: '', pos: 0 };
  const peek = (offset = 0): Token => tokens[index + offset] ?? endToken;
  const previous = (): Token | undefined => tokens[index - 1];

  const enter = (token: Token): Result<never> | undefined => {
    depth++;
    if (depth <= options.maxDepth) return undefined;
    return fail(
      `The $filter expression is nested too deeply at position ${token.pos}; at most ${options.maxDepth} levels of parentheses, functions and 'not' are allowed`,
      PARAMETER,
      token.pos,
    );
  };

  const unexpected = (token: Token, expectation: string): Result<never> => {
    const caseError = operatorCaseError(token);
    if (caseError) return caseError;
    if (token.kind === 'identifier' && UNSUPPORTED_OPERATORS.has(token.text)) {
      return fail(
        `The operator '${token.text}' at position ${token.pos} in $filter is not supported by this endpoint`,
        PARAMETER,
        token.pos,
      );
    }
    const found = token.kind === 'end' ? 'the end of the expression' : quoted(token);
    return syntaxError(PARAMETER, token.pos, `expected ${expectation} but found ${found}`);
  };

  const expectedValue = (token: Token): Result<never> => {
    const before = previous();
    const where = before === undefined ? 'at the start of the expression' : `after '${before.text}'`;
    const found =
      token.kind === 'end'
        ? ''
        : ` but found ${token.kind === 'identifier' && OPERATORS.has(token.text) ? 'the operator ' : ''}${quoted(token)}`;
    return syntaxError(PARAMETER, token.pos, `expected a value ${where}${found}`);
  };

  function parseOr(): Result<FilterNode> {
    return parseChain('or', parseAnd);
  }

  function parseAnd(): Result<FilterNode> {
    return parseChain('and', parseComparison);
  }

  // and/or chains are collected into one n-ary node, so long chains cost no recursion.
  function parseChain(word: 'and' | 'or', next: () => Result<FilterNode>): Result<FilterNode> {
    const first = next();
    if (!first.ok) return first;
    const operands = [first.value];
    const pos = peek().pos;
    while (isWord(peek(), word)) {
      index++;
      const operand = next();
      if (!operand.ok) return operand;
      operands.push(operand.value);
    }
    return operands.length === 1 ? first : ok({ kind: word, operands, pos });
  }

  function parseComparison(): Result<FilterNode> {
    const first = parseUnary();
    if (!first.ok) return first;
    let left = first.value;
    let chained = 0;
    for (let token = peek(); token.kind === 'identifier' && COMPARE_OPS.has(token.text); token = peek()) {
      // A chained comparison such as `a eq b eq c` nests one level deeper per extra operator.
      if (chained > 0) {
        const tooDeep = enter(token);
        if (tooDeep) return tooDeep;
      }
      chained++;
      index++;
      const right = parseUnary();
      if (!right.ok) return right;
      left = { kind: 'compare', op: token.text as CompareOp, left, right: right.value, pos: token.pos };
    }
    depth -= Math.max(0, chained - 1);
    return ok(left);
  }

  function parseUnary(): Result<FilterNode> {
    const token = peek();
    if (isWord(token, 'not')) {
      const tooDeep = enter(token);
      if (tooDeep) return tooDeep;
      index++;
      const operand = parseUnary();
      depth--;
      if (!operand.ok) return operand;
      return ok({ kind: 'not', operand: operand.value, pos: token.pos });
    }
    if (token.kind === 'identifier' && token.text.toLowerCase() === 'not' && !options.isField(token.text)) {
      return operatorCaseError(token) ?? expectedValue(token);
    }
    return parsePrimary();
  }

  function parseCall(token: Token & { kind: 'identifier' }): Result<FilterNode> {
    const name = token.text;
    if (!FILTER_FUNCTIONS.has(name)) {
      const lower = name.toLowerCase();
      if (FILTER_FUNCTIONS.has(lower)) {
        return fail(
          `The function '${name}' at position ${token.pos} in $filter is not valid; OData function names are lower case: '${lower}'`,
          PARAMETER,
          token.pos,
        );
      }
      const known = UNSUPPORTED_FUNCTIONS.has(lower) ? 'is not supported by this endpoint' : 'is unknown';
      return fail(
        `The function '${name}' at position ${token.pos} in $filter ${known}; supported functions are ${FUNCTION_LIST}`,
        PARAMETER,
        token.pos,
      );
    }
    const tooDeep = enter(token);
    if (tooDeep) return tooDeep;
    index += 2;
    const args: FilterNode[] = [];
    if (peek().kind === 'rparen') {
      index++;
    } else {
      for (;;) {
        const arg = parseOr();
        if (!arg.ok) return arg;
        args.push(arg.value);
        const separator = peek();
        index++;
        if (separator.kind === 'rparen') break;
        if (separator.kind !== 'comma') {
          index--;
          return unexpected(separator, `',' or ')' in the arguments of '${name}'`);
        }
      }
    }
    depth--;
    return ok({ kind: 'call', name, args, pos: token.pos });
  }

  function parsePrimary(): Result<FilterNode> {
    const token = peek();
    switch (token.kind) {
      case 'lparen': {
        const tooDeep = enter(token);
        if (tooDeep) return tooDeep;
        index++;
        const inner = parseOr();
        if (!inner.ok) return inner;
        const close = peek();
        if (close.kind !== 'rparen') {
          return unexpected(close, `')' to close the '(' at position ${token.pos}`);
        }
        index++;
        depth--;
        return inner;
      }
      case 'string':
      case 'guid':
        index++;
        return ok({
          kind: 'literal',
          type: token.kind,
          value: token.value,
          text: token.text,
          pos: token.pos,
        });
      case 'number':
      case 'date-time':
        index++;
        return ok({
          kind: 'literal',
          type: token.kind,
          value: token.value,
          text: token.text,
          pos: token.pos,
        });
      case 'date':
        index++;
        return ok({ kind: 'literal', type: 'date', value: null, text: token.text, pos: token.pos });
      case 'identifier':
        return parseIdentifier(token);
      default:
        return expectedValue(token);
    }
  }

  function parseIdentifier(token: Token & { kind: 'identifier' }): Result<FilterNode> {
    if (peek(1).kind === 'lparen') return parseCall(token);
    const text = token.text;
    if (text === 'true' || text === 'false') {
      index++;
      return ok({ kind: 'literal', type: 'boolean', value: text === 'true', text, pos: token.pos });
    }
    if (text === 'null') {
      index++;
      return ok({ kind: 'literal', type: 'null', value: null, text, pos: token.pos });
    }
    if (!options.isField(text)) {
      const lower = text.toLowerCase();
      if (LITERAL_KEYWORDS.has(lower)) {
        return fail(
          `The literal '${text}' at position ${token.pos} in $filter is not valid; OData literals are lower case: '${lower}'`,
          PARAMETER,
          token.pos,
        );
      }
      if (OPERATORS.has(text)) return expectedValue(token);
    }
    index++;
    return ok({ kind: 'field', name: text, pos: token.pos });
  }

  const root = parseOr();
  if (!root.ok) return root;
  const last = peek();
  if (last.kind === 'rparen') return syntaxError(PARAMETER, last.pos, "')' has no matching '('");
  if (last.kind !== 'end') return unexpected(last, "an operator such as 'eq', 'and' or 'or'");
  return root;
}
