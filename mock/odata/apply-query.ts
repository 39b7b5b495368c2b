import { compareKeys, sortKeyReader, sortRecords } from './sort-records.ts';
import type { OrderByItem, ParsedQuery } from './types.ts';

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

/** Rows written since the ranks were built beyond which the ranks are rebuilt (on next use). */
const MAX_CHANGED = 1_000;

/**
 * An index of sort keys over a fixed array of records (issue 12): per $orderby column, every
 * record's dense rank (equal keys, equal rank), built once on first use. Comparing two records is
 * then comparing two integers, with no case folding or date parsing per comparison. Records changed
 * since (`changed`) are compared by their keys until the ranks are rebuilt. Memory: one Int32Array
 * per column used, whatever the number of distinct queries.
 */
export class SortIndex<T extends Record<string, unknown>> {
  readonly #records: readonly T[];
  readonly #ranks = new Map<string, Int32Array>();
  readonly #changed = new Set<number>();

  constructor(records: readonly T[]) {
    this.#records = records;
  }

  /** The record at `position` was replaced: its ranks are stale. */
  changed(position: number): void {
    this.#changed.add(position);
    if (this.#changed.size > MAX_CHANGED) {
      this.#ranks.clear();
      this.#changed.clear();
    }
  }

  #ranksOf(item: OrderByItem): Int32Array {
    const id = `${item.field}:${item.type ?? ''}`;
    let ranks = this.#ranks.get(id);
    if (ranks) return ranks;
    if (this.#changed.size > 0) {
      // New ranks see the changed records as they are now: older columns must be rebuilt too.
      this.#ranks.clear();
      this.#changed.clear();
    }
    const read = sortKeyReader(item);
    const keys = this.#records.map(read);
    const order = keys.map((_, i) => i).sort((a, b) => compareKeys(keys[a] ?? null, keys[b] ?? null));
    ranks = new Int32Array(keys.length);
    let rank = 0;
    for (let i = 0; i < order.length; i++) {
      const at = order[i] as number;
      if (i > 0 && compareKeys(keys[order[i - 1] as number] ?? null, keys[at] ?? null) !== 0) rank++;
      ranks[at] = rank;
    }
    this.#ranks.set(id, ranks);
    return ranks;
  }

  /** Orders positions by `orderBy`, ties in position order (the order sortRecords keeps). */
  comparator(orderBy: readonly OrderByItem[]): (a: number, b: number) => number {
    const columns = orderBy.map((item) => ({
      ranks: this.#ranksOf(item),
      read: sortKeyReader(item),
      sign: item.desc ? -1 : 1,
    }));
    const changed = this.#changed;
    const records = this.#records;
    return (a, b) => {
      const byKeys = changed.size > 0 && (changed.has(a) || changed.has(b));
      for (const { ranks, read, sign } of columns) {
        const c = byKeys
          ? compareKeys(read(records[a] as T), read(records[b] as T))
          : (ranks[a] as number) - (ranks[b] as number);
        if (c !== 0) return c * sign;
      }
      return a - b;
    };
  }
}

/**
 * applyQuery over records already in the query's order (`ordered`: positions into `records`, e.g.
 * a company's rows sorted through a SortIndex once). Without $count the scan stops as soon as the
 * page and one record past it are found, so a page of a common match reads a few rows, not all;
 * `total` is then the number of matches seen (exact only when $count asked for it). `test`, when
 * given, is parsed.filter compiled over positions (parsed.filterOn with Columns of `records`).
 */
export function queryOrdered<T extends Record<string, unknown>>(
  records: readonly T[],
  ordered: ArrayLike<number>,
  parsed: ParsedQuery,
  pageSize: number,
  test?: (position: number) => boolean,
): QueryPage<T> {
  const size = Number.isFinite(pageSize) ? Math.max(0, Math.floor(pageSize)) : 0;
  const skip = Math.max(0, parsed.skip);
  const take = parsed.top === undefined ? size : Math.min(Math.max(0, parsed.top), size);
  const filter = parsed.filter;
  const page: number[] = [];
  let total = 0;
  for (let i = 0; i < ordered.length; i++) {
    const at = ordered[i] as number;
    if (test ? !test(at) : filter && !filter(records[at] as T)) continue;
    if (total >= skip && total < skip + take) page.push(at);
    total++;
    if (!parsed.count && total > skip + take) break;
  }
  const available = Math.max(0, total - skip);
  const window = parsed.top === undefined ? available : Math.min(parsed.top, available);
  const result: QueryPage<T> = {
    items: page.map((at) => project(records[at] as T, parsed.select)),
    total,
  };
  if (take > 0 && window > take) {
    result.nextSkip = skip + take;
    if (parsed.top !== undefined) result.nextTop = parsed.top - take;
  }
  return result;
}
