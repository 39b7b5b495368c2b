import type { FieldValue } from './field-values.ts';

/** The static type of a $filter sub-expression; integer and number share 'number' as OData promotes them. */
export type ValueType = 'string' | 'guid' | 'date-time' | 'number' | 'boolean' | 'null';
export type Getter = (r: Record<string, unknown>) => FieldValue;

export type Compiled = {
  type: ValueType;
  get: Getter;
  /** How the expression is named in error messages, e.g. `'name' (string)`. */
  describe: string;
  /** Set for literals so that callers can fold work out of the per-record closure. */
  constant?: { value: FieldValue };
};

export function constant(type: ValueType, value: FieldValue, describe: string): Compiled {
  return { type, get: () => value, describe, constant: { value } };
}

function fold(value: FieldValue): FieldValue {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/**
 * Case-insensitive view of a string expression. The real endpoint runs on SQL Server with a
 * case-insensitive collation, so string comparisons and contains/startswith/endswith ignore case.
 */
export function foldCase(c: Compiled): Compiled {
  if (c.type !== 'string') return c;
  if (c.constant) return constant(c.type, fold(c.constant.value), c.describe);
  const get = c.get;
  return { ...c, get: (r) => fold(get(r)) };
}
