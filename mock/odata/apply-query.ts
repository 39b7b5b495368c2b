import { sortRecords } from './sort-records.ts';
import type { ParsedQuery } from './types.ts';

export type QueryPage<T> = {
  items: Partial<T>[];
  /** Records matching $filter, before $skip/$top; report it as @odata.count when $count=true. */
  total: number;
  /** $skip for the next page (the nextLink), present only when more records remain within $top. */
  nextSkip?: number;
  /** $top for the next page, present with nextSkip when the request had $top. */
  nextTop?: number;
};

function project<T extends Record<string, unknown>>(
  record: T,
  select: readonly string[] | undefined,
): Partial<T> {
  if (select === undefined) return { ...record };
  const item: Partial<T> = {};
  for (const field of select) {
    if (Object.hasOwn(record, field)) item[field as keyof T] = record[field as keyof T];
  }
  return item;
}

/**
 * Filters, sorts, pages and projects. The page holds min($top, pageSize) records: the server page
 * size is a ceiling that $top can only lower. Items are shallow copies.
 */
export function applyQuery<T extends Record<string, unknown>>(
  records: readonly T[],
  parsed: ParsedQuery,
  pageSize: number,
): QueryPage<T> {
  const matched = parsed.filter ? records.filter(parsed.filter) : records;
  const sorted = parsed.orderBy.length > 0 ? sortRecords(matched, parsed.orderBy) : matched;
  const size = Number.isFinite(pageSize) ? Math.max(0, Math.floor(pageSize)) : 0;
  const skip = Math.max(0, parsed.skip);
  const take = parsed.top === undefined ? size : Math.min(Math.max(0, parsed.top), size);
  const page = sorted.slice(skip, skip + take);
  const available = Math.max(0, sorted.length - skip);
  const window = parsed.top === undefined ? available : Math.min(parsed.top, available);
  const result: QueryPage<T> = { items: page.map((r) => project(r, parsed.select)), total: matched.length };
  if (take > 0 && window > take) {
    result.nextSkip = skip + take;
    if (parsed.top !== undefined) result.nextTop = parsed.top - take;
  }
  return result;
}
