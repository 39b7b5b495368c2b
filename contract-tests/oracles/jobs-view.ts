// JobsView queries against the suite's reference evaluation: the contact's whole set is read once
// through the server's own links, then each query's pages are compared with what the evaluator
// computes over that set (issue 10, "Queries against a reference evaluation").
import { catalog } from '../../lib/spec.ts';
import type { CaseContext } from '../cases/case.ts';
import { contactCredential } from '../cases/fixtures.ts';
import { type Failure, mismatch, show } from '../checks/failure.ts';
import type { SuiteConfig } from '../config/suite-config.ts';
import { jsonBody, parseBody } from '../http/body.ts';
import type { Fixtures } from '../runner/discovery.ts';
import {
  describeRow,
  evaluateQuery,
  firstDifference,
  type ODataQuery,
  parseOrderBy,
} from './query/evaluate.ts';
import { FILTER_FUNCTIONS, type FieldType, type FieldTypes, type Row } from './query/filter-eval.ts';
import {
  COUNT_CHANGED,
  type Fetch,
  type ODataPage,
  type RawQuery,
  splitQuery,
  type Walk,
  walk,
} from './query/walk.ts';

/** The view's fields and their types, from the jobs_view schema (A2: uuid -> GUID, date-time -> instant). */
export function jobsViewTypes(): FieldTypes {
  const props = (catalog().schema('jobs', 'jobs_view').properties ?? {}) as Record<
    string,
    { type?: unknown; format?: unknown }
  >;
  const out: FieldTypes = {};
  for (const [name, p] of Object.entries(props)) {
    const type = Array.isArray(p.type) ? p.type.find((x) => x !== 'null') : p.type;
    let t: FieldType = 'string';
    if (type === 'integer') t = 'integer';
    else if (type === 'number') t = 'number';
    else if (type === 'boolean') t = 'boolean';
    else if (p.format === 'uuid') t = 'guid';
    else if (p.format === 'date-time') t = 'datetime';
    out[name] = t;
  }
  return out;
}

/** The server's page size: maxItems of JobsViewPage.value (vendor-apis: 20). */
export function jobsViewPageSize(): number {
  const value = (catalog().schema('jobs', 'JobsViewPage').properties as Record<string, { maxItems?: number }>)
    .value;
  return value?.maxItems ?? 20;
}

export type OracleOptions = { maxRows: number; queries: number; nextgenQueries: number; seed: number };

/** Options of the query oracle, from the config (--max-rows, --queries, --seed) or the defaults; the NextGen list gets half the queries. */
export function oracleOptions(
  config: Pick<SuiteConfig, 'maxRows' | 'queries' | 'seed'> | undefined,
): OracleOptions {
  const queries = config?.queries ?? 60;
  return {
    maxRows: config?.maxRows ?? 5000,
    queries,
    nextgenQueries: Math.round(queries / 2),
    seed: config?.seed ?? 1,
  };
}

export type ScopedSet = {
  contact: number;
  rows: Row[];
  /** A filter that keeps the sample when the set was larger than maxRows (S16); undefined: the whole set. */
  scope: string | undefined;
  /** Rows the contact sees in all (@odata.count of the unfiltered list). */
  total: number;
};

const READS = 3;
/** Pages one query may read; beyond, only that prefix of its answer is compared. */
const MAX_QUERY_PAGES = 6;

/** Sends one page request of the view as a contact: the first by its options, the next ones by the server's link as given. */
function fetcher(t: CaseContext, contact: number): Fetch {
  const credential = contactCredential(t, contact);
  return async (target) => {
    const query = 'url' in target ? splitQuery(target.url) : target.query;
    const q: Record<string, string | string[]> = {};
    for (const [k, v] of query) {
      const prev = q[k];
      q[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    const exchange = await t.send({
      op: 'JobsView_List',
      as: { basic: credential },
      ...('url' in target ? { url: target.url } : { query: q }),
      partialItems: q.$select !== undefined,
    });
    return { exchange, body: jsonBody<ODataPage>(exchange) };
  };
}

function walkFailures(w: Walk, query: string): Failure[] {
  return w.problems.map((p) =>
    mismatch(
      'query-oracle',
      'JOBSVIEW-PAGING',
      `${query}: page ${p.page + 1}: ${p.what}`,
      p.received,
      p.expected,
      p.exchange,
    ),
  );
}

/** Why a walk of the whole set cannot be used: a row read twice, or the count disagrees (the set changed while read). */
function unstable(w: Walk): string | undefined {
  const ids = w.rows.map((r) => String(r.id));
  const seen = new Set<string>();
  let repeated: string | undefined;
  for (const id of ids) {
    if (seen.has(id) && repeated === undefined) repeated = id;
    seen.add(id);
  }
  if (repeated) return `row ${repeated} came twice`;
  const changed = w.problems.find((p) => p.what === COUNT_CHANGED);
  if (changed)
    return `@odata.count went from ${changed.expected} to ${changed.received} while the pages were read`;
  if (w.complete && w.count !== undefined && w.count !== w.rows.length)
    return `@odata.count says ${w.count}, the pages hold ${w.rows.length} rows`;
  return undefined;
}

/**
 * Reads the contact's whole set (or, beyond maxRows, the sample of the rows with the lowest id2,
 * S16), again when it changed while read; failures when it never reads consistently.
 */
export async function readScopedSet(
  t: CaseContext,
  contact: number,
  options: OracleOptions,
): Promise<{ set?: ScopedSet; failures: Failure[] }> {
  const pageSize = jobsViewPageSize();
  const fetch = fetcher(t, contact);
  let failures: Failure[] = [];
  for (let attempt = 0; attempt < READS; attempt++) {
    const first = await walk(fetch, [['$count', 'true']], {
      pageSize,
      maxPages: Math.ceil(options.maxRows / pageSize) + 1,
    });
    failures = walkFailures(first, 'the whole set ($count=true)');
    const total = first.count ?? first.rows.length;
    let w = first;
    let scope: string | undefined;
    if (first.broken) return { failures };
    if (!first.complete || total > options.maxRows) {
      const firstRows = await walk(
        fetch,
        [
          ['$orderby', 'id2 asc'],
          ['$top', String(options.maxRows)],
        ],
        {
          pageSize,
          maxPages: Math.ceil(options.maxRows / pageSize) + 1,
        },
      );
      const last = firstRows.rows.at(-1)?.id2;
      if (typeof last !== 'number') {
        failures.push(
          mismatch('query-oracle', 'JOBSVIEW-PAGING', 'the sample of the set could not be read', '', ''),
        );
        continue;
      }
      scope = `id2 le ${last}`;
      w = await walk(
        fetch,
        [
          ['$filter', scope],
          ['$count', 'true'],
        ],
        { pageSize, maxPages: Math.ceil(options.maxRows / pageSize) + 2 },
      );
      failures.push(...walkFailures(w, `the sample ($filter=${scope})`));
    }
    const why = unstable(w);
    if (!why && w.complete) return { set: { contact, rows: w.rows, scope, total }, failures };
    failures.push(
      mismatch(
        'query-oracle',
        'JOBSVIEW-PAGING',
        `the contact's set read ${attempt + 1} time(s) through @odata.nextLink is not consistent`,
        why ?? 'the walk did not end',
        'each row once, as many rows as @odata.count',
        w.exchanges.at(-1),
      ),
    );
  }
  return { failures };
}

const cache = new WeakMap<Fixtures, Map<number, ScopedSet>>();

/** The contact's set, read once per run and shared by the query cases (which run one after another, without writes between). */
export async function scopedSet(
  t: CaseContext,
  contact: number,
  options: OracleOptions,
  fresh = false,
): Promise<ScopedSet> {
  const sets = cache.get(t.fixtures) ?? new Map<number, ScopedSet>();
  cache.set(t.fixtures, sets);
  const known = sets.get(contact);
  if (known && !fresh) return known;
  const { set, failures } = await readScopedSet(t, contact, options);
  t.check(...failures);
  if (!set) t.must(failures.at(-1));
  sets.set(contact, set as ScopedSet);
  return set as ScopedSet;
}

export function queryText(q: ODataQuery): string {
  return Object.entries(q)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function rawQuery(q: ODataQuery, scope: string | undefined): RawQuery {
  const out: RawQuery = [];
  const filter = q.$filter && scope ? `(${q.$filter}) and ${scope}` : (q.$filter ?? scope);
  if (filter !== undefined) out.push(['$filter', filter]);
  if (q.$orderby !== undefined) out.push(['$orderby', q.$orderby]);
  if (q.$select !== undefined) out.push(['$select', q.$select]);
  if (q.$top !== undefined) out.push(['$top', String(q.$top)]);
  if (q.$skip !== undefined) out.push(['$skip', String(q.$skip)]);
  if (q.$count !== undefined) out.push(['$count', String(q.$count)]);
  return out;
}

/** Functions of OData v4 the spec's list leaves out: a server may refuse them (S13). */
const BEYOND_SPEC = FILTER_FUNCTIONS.filter((f) => !['contains', 'startswith', 'endswith'].includes(f));

export type QueryOutcome = { failures: Failure[]; refusedAsUnsupported?: string };

/** Sends the query, reads its pages through the server's links, and compares them with the evaluation. */
export async function checkQuery(t: CaseContext, set: ScopedSet, q: ODataQuery): Promise<QueryOutcome> {
  const text = queryText(q);
  const expected = evaluateQuery(set.rows, q, jobsViewTypes());
  const pageSize = jobsViewPageSize();
  const want = expected.end - expected.start;
  const fetch = fetcher(t, set.contact);
  const asked = rawQuery(q, set.scope);
  const w = await walk(fetch, asked, {
    pageSize,
    maxPages: Math.min(MAX_QUERY_PAGES, Math.floor(want / pageSize) + 2),
  });
  const status = w.exchanges[0]?.response?.status;
  if (status === 400) {
    const used = BEYOND_SPEC.find((f) => q.$filter?.includes(`${f}(`));
    if (used) return { failures: [], refusedAsUnsupported: used };
    return {
      failures: [
        mismatch(
          'query-oracle',
          'JOBSVIEW-ODATA-QUERY',
          `${text}: the view refused a valid query`,
          `400 ${show(jsonBody(w.exchanges[0] as never))}`,
          '200 with the matching rows',
          w.exchanges[0],
        ),
      ],
    };
  }
  const failures = walkFailures(w, text);
  if (q.$count && w.count !== undefined && w.count !== expected.rows.length) {
    failures.push(
      mismatch(
        'query-oracle',
        'JOBSVIEW-ODATA-QUERY',
        `${text}: @odata.count is not the number of matching rows (over all pages, before $skip/$top)`,
        String(w.count),
        String(expected.rows.length),
        w.exchanges[0],
      ),
    );
  }
  const diff = firstDifference(expected, w.rows, w.complete);
  const keys = q.$orderby ? parseOrderBy(q.$orderby, jobsViewTypes()).map((k) => k.field) : [];
  if (diff) {
    const page = w.pageStarts.filter((s) => s <= diff.position).length;
    const rowOnPage = diff.position - (w.pageStarts[page - 1] ?? 0);
    failures.push(
      mismatch(
        'query-oracle',
        'JOBSVIEW-ODATA-QUERY',
        `${text}: row ${diff.position + 1} of the answer (page ${Math.max(page, 1)}, row ${rowOnPage + 1}): ${diff.why}`,
        describeRow(diff.received, keys, diff.expected),
        describeRow(diff.expected, keys, diff.received),
        w.exchanges[Math.max(page, 1) - 1],
      ),
    );
  }
  return { failures };
}

/**
 * The same query in XML (A6: the page's rows as <ArrayOfjobs_view>, no paging metadata): the rows of
 * the first page, in the evaluation's order. Rows are matched by id; their fields are the round trips' concern.
 */
export async function checkXmlPage(t: CaseContext, set: ScopedSet, q: ODataQuery): Promise<Failure[]> {
  const text = `${queryText(q)} (Accept: application/xml)`;
  const types = jobsViewTypes();
  const full = evaluateQuery(set.rows, q, types);
  const expected = { ...full, end: Math.min(full.end, full.start + jobsViewPageSize()), select: ['id'] };
  const query: Record<string, string> = {};
  for (const [k, v] of rawQuery(q, set.scope)) query[k] = v;
  const x = await t.send({
    op: 'JobsView_List',
    as: { basic: contactCredential(t, set.contact) },
    query,
    accept: 'application/xml',
  });
  const body = parseBody(x, 'jobs', catalog().schema('jobs', 'JobsViewXmlList'));
  if (x.response?.status !== 200 || !body.ok || !Array.isArray(body.value))
    return [
      mismatch(
        'query-oracle',
        'JOBSVIEW-ODATA-QUERY',
        `${text}: the view did not answer the rows in XML`,
        `${x.response?.status} ${body.ok ? '' : body.error}`,
        '200 with <ArrayOfjobs_view>',
        x,
      ),
    ];
  const rows = (body.value as Row[]).map((r) => ({ id: String(r.id).toLowerCase() }));
  const wanted = { ...expected, rows: expected.rows.map((r) => ({ id: String(r.id).toLowerCase() })) };
  const diff = firstDifference(wanted, rows);
  if (!diff) return [];
  return [
    mismatch(
      'query-oracle',
      'JOBSVIEW-ODATA-QUERY',
      `${text}: row ${diff.position + 1} of the XML page: ${diff.why}`,
      describeRow(diff.received, []),
      describeRow(diff.expected, []),
      x,
    ),
  ];
}
