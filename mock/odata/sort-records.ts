import { type FieldReader, type FieldValue, readerFor } from './field-values.ts';
import type { OrderByItem } from './types.ts';

function foldCase(read: FieldReader): FieldReader {
  return (r) => {
    const v = read(r);
    return typeof v === 'string' ? v.toLowerCase() : v;
  };
}

// Without a declared type, numbers and booleans order by value and everything else as text.
function inferredReader(field: string): FieldReader {
  return (r) => {
    const v = r[field];
    if (typeof v === 'number') return Number.isNaN(v) ? null : v;
    if (typeof v === 'boolean' || typeof v === 'string') return v;
    return null;
  };
}

export function sortKeyReader(item: OrderByItem): FieldReader {
  return foldCase(item.type === undefined ? inferredReader(item.field) : readerFor(item.field, item.type));
}

// Nulls sort first ascending and last descending, as SQL Server orders them.
export function compareKeys(a: FieldValue, b: FieldValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  // Keys of one column share a type, so the cast only lets TypeScript order them.
  return (a as number) < (b as number) ? -1 : 1;
}

/**
 * Stable multi-key sort. Keys are computed once per record (date parsing and case folding would
 * otherwise run O(n log n) times), and ties keep the input order.
 */
export function sortRecords<T extends Record<string, unknown>>(
  records: readonly T[],
  orderBy: readonly OrderByItem[],
): T[] {
  if (orderBy.length === 0) return [...records];
  const columns = orderBy.map((item) => {
    const read = sortKeyReader(item);
    return { keys: records.map(read), sign: item.desc ? -1 : 1 };
  });
  const order = records.map((_, i) => i);
  order.sort((i, j) => {
    for (const { keys, sign } of columns) {
      const c = compareKeys(keys[i] ?? null, keys[j] ?? null);
      if (c !== 0) return c * sign;
    }
    return i - j;
  });
  return order.map((i) => records[i] as T);
}
