// Evaluates a parsed $filter over one row, with the rules the assumptions file gives the view:
// text compares case-insensitively (A13), code unit by code unit after lower-casing (S10);
// date-times compare as instants (S12); length counts Unicode code points (S11).
import { type BinaryOp, type Expr, parseInstant } from './filter-parse.ts';

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'guid' | 'datetime';
export type FieldTypes = Record<string, FieldType>;
export type Row = Record<string, unknown>;

type Value =
  | { kind: 'string'; v: string }
  | { kind: 'number'; v: number }
  | { kind: 'boolean'; v: boolean }
  | { kind: 'guid'; v: string }
  | { kind: 'datetime'; v: number }
  | { kind: 'null' };

export class FilterTypeError extends Error {}

/** Functions of OData v4 the suite evaluates: the spec lists contains, startswith, endswith (S13). */
export const FILTER_FUNCTIONS = [
  'contains',
  'startswith',
  'endswith',
  'tolower',
  'toupper',
  'length',
  'year',
  'month',
  'day',
] as const;

/** Text comparison of the view (A13, S10): lower-cased, then code unit by code unit. */
export function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A field's value as the evaluator sees it. */
export function fieldValue(row: Row, name: string, type: FieldType): Value {
  const raw = row[name];
  if (raw === null || raw === undefined) return { kind: 'null' };
  switch (type) {
    case 'string':
      return { kind: 'string', v: String(raw) };
    case 'integer':
    case 'number':
      return { kind: 'number', v: Number(raw) };
    case 'boolean':
      return { kind: 'boolean', v: raw === true };
    case 'guid':
      return { kind: 'guid', v: String(raw).toLowerCase() };
    case 'datetime':
      return { kind: 'datetime', v: parseInstant(String(raw)) };
  }
}

function compareValues(a: Value, b: Value): number {
  if (a.kind === 'string' && b.kind === 'string') return compareText(a.v, b.v);
  if (a.kind === 'guid' && b.kind === 'guid') return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  if (
    (a.kind === 'number' && b.kind === 'number') ||
    (a.kind === 'datetime' && b.kind === 'datetime') ||
    (a.kind === 'boolean' && b.kind === 'boolean')
  )
    return Number(a.v) - Number(b.v);
  throw new FilterTypeError(`cannot compare ${a.kind} with ${b.kind}`);
}

function compare(op: BinaryOp, a: Value, b: Value): boolean {
  if (a.kind === 'null' || b.kind === 'null') {
    const same = a.kind === b.kind;
    if (op === 'eq') return same;
    if (op === 'ne') return !same;
    return false;
  }
  const c = compareValues(a, b);
  switch (op) {
    case 'eq':
      return c === 0;
    case 'ne':
      return c !== 0;
    case 'gt':
      return c > 0;
    case 'ge':
      return c >= 0;
    case 'lt':
      return c < 0;
    default:
      return c <= 0;
  }
}

function text(v: Value, fn: string): string {
  if (v.kind !== 'string') throw new FilterTypeError(`${fn} needs text, got ${v.kind}`);
  return v.v;
}

function instant(v: Value, fn: string): Date {
  if (v.kind !== 'datetime') throw new FilterTypeError(`${fn} needs a date-time, got ${v.kind}`);
  return new Date(Math.floor(v.v));
}

function call(name: string, args: Value[]): Value {
  const [a, b] = args;
  const arity = name === 'contains' || name === 'startswith' || name === 'endswith' ? 2 : 1;
  if (args.length !== arity || !a) throw new FilterTypeError(`${name} takes ${arity} argument(s)`);
  switch (name) {
    case 'contains':
    case 'startswith':
    case 'endswith': {
      // A13: these compare case-insensitively like eq.
      const hay = text(a, name).toLowerCase();
      const needle = text(b as Value, name).toLowerCase();
      const v =
        name === 'contains'
          ? hay.includes(needle)
          : name === 'startswith'
            ? hay.startsWith(needle)
            : hay.endsWith(needle);
      return { kind: 'boolean', v };
    }
    case 'tolower':
      return { kind: 'string', v: text(a, name).toLowerCase() };
    case 'toupper':
      return { kind: 'string', v: text(a, name).toUpperCase() };
    case 'length':
      return { kind: 'number', v: [...text(a, name)].length };
    case 'year':
      return { kind: 'number', v: instant(a, name).getUTCFullYear() };
    case 'month':
      return { kind: 'number', v: instant(a, name).getUTCMonth() + 1 };
    case 'day':
      return { kind: 'number', v: instant(a, name).getUTCDate() };
    default:
      throw new FilterTypeError(`unknown function ${name}`);
  }
}

function evaluate(expr: Expr, row: Row, types: FieldTypes): Value {
  switch (expr.type) {
    case 'literal': {
      const l = expr.literal;
      if (l.kind === 'null') return { kind: 'null' };
      return { kind: l.kind, v: l.value } as Value;
    }
    case 'field': {
      const type = types[expr.name];
      if (!type) throw new FilterTypeError(`unknown field ${expr.name}`);
      return fieldValue(row, expr.name, type);
    }
    case 'call':
      return call(
        expr.name,
        expr.args.map((a) => evaluate(a, row, types)),
      );
    case 'not': {
      const v = evaluate(expr.arg, row, types);
      if (v.kind !== 'boolean') throw new FilterTypeError(`not needs a boolean, got ${v.kind}`);
      return { kind: 'boolean', v: !v.v };
    }
    case 'binary': {
      const left = evaluate(expr.left, row, types);
      const right = evaluate(expr.right, row, types);
      if (expr.op === 'and' || expr.op === 'or') {
        if (left.kind !== 'boolean' || right.kind !== 'boolean')
          throw new FilterTypeError(`${expr.op} needs booleans`);
        return { kind: 'boolean', v: expr.op === 'and' ? left.v && right.v : left.v || right.v };
      }
      return { kind: 'boolean', v: compare(expr.op, left, right) };
    }
  }
}

/** Whether the row matches the filter; FilterTypeError when the filter does not type-check. */
export function matches(expr: Expr, row: Row, types: FieldTypes): boolean {
  const v = evaluate(expr, row, types);
  if (v.kind !== 'boolean') throw new FilterTypeError(`the filter is a ${v.kind}, not a condition`);
  return v.v;
}
