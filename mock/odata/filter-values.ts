import type { FieldValue } from './field-values.ts';
import type { FieldType } from './types.ts';

/** The static type of a $filter sub-expression; integer and number share 'number' as OData promotes them. */
export type ValueType = 'string' | 'guid' | 'date-time' | 'number' | 'boolean' | 'null';
/** Reads a value from what a compiled filter is given: a record, or a row position (FieldSource). */
export type Getter = (r: unknown) => FieldValue;

/**
 * Where a compiled filter reads its fields. By default from the record it is given; a source can
 * instead read columns by row position (issue 12: a scan then reads no row objects), and give a
 * string field already case-folded, so that a scan folds no string per row.
 */
export type FieldSource = {
  read(field: string, type: FieldType): Getter;
  /** The field's string value lower-cased, null where `read(field, 'string')` gives null. */
  readFolded?(field: string): Getter;
};

export type Compiled = {
  type: ValueType;
  get: Getter;
  /** How the expression is named in error messages, e.g. `'name' (string)`. */
  describe: string;
  /** Set for literals so that callers can fold work out of the per-record closure. */
  constant?: { value: FieldValue };
  /** The same value case-folded, where the source keeps it so (a string field of a FieldSource). */
  folded?: Getter;
};

export function constant(type: ValueType, value: FieldValue, describe: string): Compiled {
  return { type, get: () => value, describe, constant: { value } };
}

export function fold(value: FieldValue): FieldValue {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/**
 * Case-insensitive view of a string expression. The real endpoint runs on SQL Server with a
 * case-insensitive collation, so string comparisons and contains/startswith/endswith ignore case.
 */
export function foldCase(c: Compiled): Compiled {
  if (c.type !== 'string') return c;
  if (c.constant) return constant(c.type, fold(c.constant.value), c.describe);
  if (c.folded) return { type: c.type, get: c.folded, describe: c.describe };
  const get = c.get;
  return { ...c, get: (r) => fold(get(r)) };
}
