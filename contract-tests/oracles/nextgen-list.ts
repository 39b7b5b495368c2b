// The NextGen type list (GET /work-orders/r1/types) against the suite's own evaluation of its list
// conventions (vendor-apis "List conventions"; ASSUMPTIONS.md N12, N13, N16): filters, _order,
// _page[num]/_page[size], _fields and _language, over the whole list read page by page first.
import { type Difference, type Expected, firstDifference } from './query/evaluate.ts';
import type { Row } from './query/filter-eval.ts';

/** Equality filters of the list (vendor-apis): one value each; a null field never matches. */
export const SCALAR_FILTERS = [
  'order',
  'active',
  'requestTypeId',
  'serviceTypeId',
  'technicalObjectTypeId',
  'structureId',
  'booking',
] as const;

export type ListQuery = {
  id?: number[];
  code?: string[];
  description?: string;
  scalar?: Partial<Record<(typeof SCALAR_FILTERS)[number], number | boolean>>;
  /** `_order` as sent, e.g. "+code,-description"; undefined: the default, +order. */
  order?: string;
  fields?: string[];
  language?: string;
  pageSize?: number;
  /** undefined: every page from 0 is read in turn. */
  pageNum?: number;
};

/** The default page size (N12). */
export const DEFAULT_PAGE_SIZE = 20;

/** The request's query options, in a fixed order; repeatable ones once per value. */
export function listParams(q: ListQuery): [string, string][] {
  const out: [string, string][] = [];
  for (const id of q.id ?? []) out.push(['id', String(id)]);
  for (const code of q.code ?? []) out.push(['code', code]);
  if (q.description !== undefined) out.push(['description', q.description]);
  for (const [k, v] of Object.entries(q.scalar ?? {})) out.push([k, String(v)]);
  if (q.order !== undefined) out.push(['_order', q.order]);
  for (const f of q.fields ?? []) out.push(['_fields', f]);
  if (q.language !== undefined) out.push(['_language', q.language]);
  if (q.pageSize !== undefined) out.push(['_page[size]', String(q.pageSize)]);
  if (q.pageNum !== undefined) out.push(['_page[num]', String(q.pageNum)]);
  return out;
}

export function listQueryText(q: ListQuery): string {
  return (
    listParams(q)
      .map(([k, v]) => `${k}=${v}`)
      .join('&') || '(no options)'
  );
}

/** `*` matches any text, the rest literally, case-insensitively, over the whole value (N12). */
export function wildcardMatches(pattern: string, value: string): boolean {
  const parts = pattern.toLowerCase().split('*');
  const v = value.toLowerCase();
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (parts.length === 1) return v === first;
  if (!v.startsWith(first) || v.length < first.length + last.length || !v.endsWith(last)) return false;
  // Greedy, left to right, between the fixed ends: no backtracking is needed for '*' alone.
  let at = first.length;
  const end = v.length - last.length;
  for (const middle of parts.slice(1, -1)) {
    const found = v.indexOf(middle, at);
    if (found === -1 || found + middle.length > end) return false;
    at = found + middle.length;
  }
  return true;
}

/** Text of the list sorts linguistically, case and accents secondary (S18); values equal but for case tie. */
const collator = new Intl.Collator('en', { sensitivity: 'accent' });

type OrderKey = { field: string; desc: boolean };

/** `_order`: `+field` or `-field`, a bare field ascending; the default is +order (N12). */
function parseListOrder(text: string | undefined): OrderKey[] {
  if (text === undefined) return [{ field: 'order', desc: false }];
  return text.split(',').map((part) => {
    const p = part.trim();
    const desc = p.startsWith('-');
    return { field: p.replace(/^[+-]/, ''), desc };
  });
}

export function normalizedOrder(text: string | undefined): string[] {
  return parseListOrder(text).map((k) => `${k.desc ? '-' : '+'}${k.field}`);
}

/** Nulls last ascending and first descending, as Oracle and PostgreSQL sort them (S18). */
function compareValues(a: unknown, b: unknown): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  return Number(a) - Number(b);
}

function compareTypes(keys: OrderKey[]): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const { field, desc } of keys) {
      const c = compareValues(a[field], b[field]);
      if (c !== 0) return desc ? -c : c;
    }
    return 0;
  };
}

export type Translations = Map<unknown, { lang: string; value: string }[]>;

/** The description of a type in a language: its translation, else English (N13). */
function describedIn(row: Row, language: string | undefined, translations: Translations): unknown {
  if (language === 'ALL') return translations.get(row.id) ?? row.description;
  // USER is the default (N13): the row as the list answers it without _language.
  if (language === undefined || language === 'USER') return row.description;
  const all = translations.get(row.id) ?? [];
  const pick = (lang: string) => all.find((t) => t.lang.toUpperCase() === lang.toUpperCase())?.value;
  return pick(language) ?? pick('EN') ?? row.description;
}

/** Translations in one order (by language), so that two answers compare by content. */
export function sortTranslations(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return [...value].sort((a, b) => String(a?.lang).localeCompare(String(b?.lang)));
}

/**
 * The reference answer of the list to a query, over `rows` (the whole list without _language, in
 * the default order), as an Expected the shared comparison reads. `translations`: the _language=ALL answer.
 */
export function evaluateList(rows: Row[], q: ListQuery, translations: Translations): Expected {
  const matched = rows.filter((r) => {
    if (q.id?.length && !q.id.some((id) => Number(r.id) === id)) return false;
    // N16: the code filter is exact.
    if (q.code?.length && !q.code.includes(String(r.code))) return false;
    if (q.description !== undefined && !wildcardMatches(q.description, String(r.description))) return false;
    for (const [k, v] of Object.entries(q.scalar ?? {})) if (r[k] !== v) return false;
    return true;
  });
  const keys = parseListOrder(q.order);
  const cmp = compareTypes(keys);
  matched.sort(cmp);
  const groups: number[] = [];
  matched.forEach((row, i) => {
    const prev = matched[i - 1];
    groups.push(
      i === 0 ? 0 : prev && cmp(prev, row) === 0 ? (groups[i - 1] as number) : (groups[i - 1] as number) + 1,
    );
  });
  const shown = matched.map((r) => ({
    ...r,
    description: sortTranslations(describedIn(r, q.language, translations)),
  }));
  const size = q.pageSize ?? DEFAULT_PAGE_SIZE;
  let start = 0;
  let end = shown.length;
  if (q.pageNum !== undefined && size > 0) {
    start = Math.min(shown.length, q.pageNum * size);
    end = Math.min(shown.length, start + size);
  }
  return {
    rows: shown,
    groups,
    start,
    end,
    select: q.fields ? [...new Set(['id', ...q.fields])] : undefined,
  };
}

export type ListPage = {
  content?: unknown;
  _page?: { num?: unknown; size?: unknown; hasMore?: unknown };
  _order?: unknown;
};

type PageProblem = { page: number; what: string; received: string; expected: string };

/**
 * What is wrong with the pages of an answer: each page's _page (num as asked, hasMore true exactly
 * when rows remain, at most `size` rows), the echoed _order; then the rows against the evaluation.
 */
export function listProblems(
  expected: Expected,
  q: ListQuery,
  pages: { num: number; body: ListPage }[],
  complete: boolean,
): { problems: PageProblem[]; difference?: Difference; rows: Row[]; pageStarts: number[] } {
  const problems: PageProblem[] = [];
  const rows: Row[] = [];
  const pageStarts: number[] = [];
  const size = q.pageSize ?? DEFAULT_PAGE_SIZE;
  const order = normalizedOrder(q.order);
  for (const [i, { num, body }] of pages.entries()) {
    const content = Array.isArray(body.content) ? (body.content as Row[]) : [];
    pageStarts.push(rows.length);
    rows.push(
      ...content.map((r) =>
        'description' in r ? { ...r, description: sortTranslations(r.description) } : r,
      ),
    );
    const problem = (what: string, received: unknown, want: unknown) =>
      problems.push({ page: i, what, received: JSON.stringify(received), expected: JSON.stringify(want) });
    if (body._page?.num !== num) problem('_page.num is not the page asked for', body._page?.num, num);
    if (q.pageSize !== undefined && body._page?.size !== undefined && body._page.size !== q.pageSize)
      problem('_page.size is not the size asked for', body._page.size, q.pageSize);
    if (size > 0 && content.length > size)
      problem('a page holds more rows than _page[size]', content.length, size);
    const remaining = size > 0 ? expected.rows.length - (num + 1) * size > 0 : false;
    if (body._page?.hasMore !== remaining)
      problem('_page.hasMore does not say whether rows remain', body._page?.hasMore, remaining);
    if (body._order !== undefined && JSON.stringify(body._order) !== JSON.stringify(order))
      problem('_order does not echo the order applied', body._order, order);
  }
  const difference = firstDifference(expected, rows, complete);
  return { problems, ...(difference ? { difference } : {}), rows, pageStarts };
}
