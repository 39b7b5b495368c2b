// Reads every page of an OData answer by following the server's own @odata.nextLink until there is
// none, and checks the paging itself (JOBSVIEW-PAGING): page size, the link keeps every other query
// option, the count is the same on every page, a link never leads to an empty page.
import type { Exchange } from '../../http/exchange.ts';
import { resolveLink, sameEndpoint } from '../../http/link.ts';
import type { Row } from './filter-eval.ts';

export type ODataPage = { value?: unknown; '@odata.nextLink'?: unknown; '@odata.count'?: unknown };
/** Query options as sent, in order; a repeated key appears once per value. */
export type RawQuery = [string, string][];
/** The first page is asked by its options; every later one by the server's link, sent exactly as given (S30). */
export type PageTarget = { query: RawQuery } | { url: string };
export type Fetch = (target: PageTarget) => Promise<{ exchange: Exchange; body: ODataPage | undefined }>;

export type WalkProblem = {
  page: number;
  what: string;
  received: string;
  expected: string;
  exchange: Exchange;
};
export type Walk = {
  rows: Row[];
  /** Row index where each page starts. */
  pageStarts: number[];
  exchanges: Exchange[];
  /** @odata.count of the first page (undefined when absent). */
  count: number | undefined;
  /** false when maxPages stopped the walk before the server's last page, or a page could not be read. */
  complete: boolean;
  /** A page was refused or unreadable: the walk says nothing about the set's size. */
  broken: boolean;
  problems: WalkProblem[];
};

export const COUNT_CHANGED = '@odata.count changed from page to page';

/** Options the server may change from one page to the next; every other one must stay as asked. */
const PAGING_OPTIONS = new Set(['$skip', '$top', '$skiptoken']);

/** Splits a URL's query into options, read as application/x-www-form-urlencoded ('+' is a space), as ASP.NET and WHATWG URL read a query (S17). */
export function splitQuery(url: string): RawQuery {
  const at = url.indexOf('?');
  if (at === -1) return [];
  const out: RawQuery = [];
  for (const part of url
    .slice(at + 1)
    .split('#')[0]
    ?.split('&') ?? []) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    try {
      out.push([decodeURIComponent(key.replace(/\+/g, ' ')), decodeURIComponent(value.replace(/\+/g, ' '))]);
    } catch {
      out.push([key, value]);
    }
  }
  return out;
}

/** The options of `asked` (other than the paging ones) that `link` drops or changes. */
export function droppedOptions(asked: RawQuery, link: RawQuery): string[] {
  const out: string[] = [];
  for (const [key, value] of asked) {
    if (PAGING_OPTIONS.has(key)) continue;
    if (!link.some(([k, v]) => k === key && v === value)) out.push(`${key}=${value}`);
  }
  return out;
}

type WalkOptions = { pageSize: number; maxPages: number };

/** Follows @odata.nextLink from the first page; `fetch` sends each link as given, only to the same endpoint. */
export async function walk(fetch: Fetch, first: RawQuery, options: WalkOptions): Promise<Walk> {
  const result: Walk = {
    rows: [],
    pageStarts: [],
    exchanges: [],
    count: undefined,
    complete: true,
    broken: false,
    problems: [],
  };
  const asked = first;
  let target: PageTarget = { query: first };
  const counts: number[] = [];
  for (let page = 0; ; page++) {
    if (page >= options.maxPages) {
      result.complete = false;
      return result;
    }
    const { exchange, body } = await fetch(target);
    result.exchanges.push(exchange);
    const problem = (what: string, received: string, expected: string) =>
      result.problems.push({ page, what, received, expected, exchange });
    if (exchange.response?.status !== 200 || !body || !Array.isArray(body.value)) {
      problem(
        'a page could not be read',
        String(exchange.response?.status ?? exchange.error),
        '200 with value[]',
      );
      result.complete = false;
      result.broken = true;
      return result;
    }
    const rows = body.value as Row[];
    if (page > 0 && rows.length === 0)
      problem('@odata.nextLink led to an empty page', '0 rows', 'no link on the last page');
    if (rows.length > options.pageSize)
      problem('a page holds too many rows', String(rows.length), `at most ${options.pageSize}`);
    result.pageStarts.push(result.rows.length);
    result.rows.push(...rows);
    if (asked.some(([k, v]) => k === '$count' && v === 'true')) {
      const c = body['@odata.count'];
      if (typeof c !== 'number') problem('@odata.count is missing with $count=true', String(c), 'a number');
      else counts.push(c);
      if (page === 0 && typeof c === 'number') result.count = c;
      if (typeof c === 'number' && counts[0] !== c) problem(COUNT_CHANGED, String(c), String(counts[0]));
    }
    const next = body['@odata.nextLink'];
    if (next === undefined) return result;
    if (typeof next !== 'string') {
      problem('@odata.nextLink is not a URL', JSON.stringify(next), 'a string');
      return result;
    }
    let url: string;
    try {
      url = resolveLink(next, exchange.request.url);
      new URL(url);
    } catch {
      problem('@odata.nextLink is not a URL', next, 'a URL');
      return result;
    }
    if (!sameEndpoint(url, exchange.request.url)) {
      // Never sent: credentials must not follow a link to another endpoint.
      const endpoint = new URL(exchange.request.url);
      problem('@odata.nextLink leaves the endpoint', next, `${endpoint.origin}${endpoint.pathname}`);
      return result;
    }
    target = { url };
    const dropped = droppedOptions(asked, splitQuery(url));
    if (dropped.length)
      problem('@odata.nextLink drops or changes query options', next, `keeps ${dropped.join(', ')}`);
  }
}
