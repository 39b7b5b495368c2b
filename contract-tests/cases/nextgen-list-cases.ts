// GET /work-orders/r1/types against the suite's own evaluation of the list conventions (issue 10):
// the whole list is read page by page, then generated queries (filters, _order, _page, _fields,
// _language) must answer the pages the evaluation computes over it.
import { type Failure, mismatch } from '../checks/failure.ts';
import { jsonBody } from '../http/body.ts';
import type { Exchange } from '../http/exchange.ts';
import { oracleOptions } from '../oracles/jobs-view.ts';
import {
  DEFAULT_PAGE_SIZE,
  evaluateList,
  type ListPage,
  type ListQuery,
  listParams,
  listProblems,
  listQueryText,
  SCALAR_FILTERS,
  sortTranslations,
  type Translations,
} from '../oracles/nextgen-list.ts';
import { describeRow } from '../oracles/query/evaluate.ts';
import type { Row } from '../oracles/query/filter-eval.ts';
import { seededRandom } from '../oracles/query/generate.ts';
import type { Fixtures } from '../runner/discovery.ts';
import type { Case, CaseContext } from './case.ts';

const RULE = 'NEXTGEN-LIST-QUERY';
const READS = 3;
/** Pages one query may read (a page of 1 over a long list); beyond, only that prefix is compared. */
const MAX_QUERY_PAGES = 30;

type Reference = { rows: Row[]; translations: Translations };

function listCase(id: string, title: string, run: (t: CaseContext) => Promise<void>): Case {
  return {
    id: `WorkOrderTypes_List.oracle.${id}`,
    title,
    family: 'nextgen',
    operationId: 'WorkOrderTypes_List',
    rules: [RULE],
    writes: false,
    run,
  };
}

async function fetchPage(t: CaseContext, q: ListQuery): Promise<{ x: Exchange; body: ListPage | undefined }> {
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of listParams(q)) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const x = await t.send({ op: 'WorkOrderTypes_List', query, partialItems: q.fields !== undefined });
  return { x, body: jsonBody<ListPage>(x) };
}

function fail(what: string, received: string, expected: string, x?: Exchange): Failure {
  return mismatch('query-oracle', RULE, what, received, expected, x);
}

/** Reads pages num = 0, 1, ... of a query until hasMore is false (or the bound); the pages as answered. */
async function readPages(t: CaseContext, q: ListQuery, maxPages: number) {
  const pages: { num: number; body: ListPage; x: Exchange }[] = [];
  for (let num = q.pageNum ?? 0; pages.length < maxPages; num++) {
    const { x, body } = await fetchPage(t, { ...q, pageNum: num });
    if (x.response?.status !== 200 || !body) return { pages, refused: x, complete: false };
    pages.push({ num, body, x });
    if (q.pageNum !== undefined || body._page?.hasMore !== true) return { pages, complete: true };
  }
  return { pages, complete: false };
}

const cache = new WeakMap<Fixtures, Reference>();

/** The whole list in its default order (paged as the server pages it by default) and its translations. */
export async function reference(t: CaseContext, fresh = false): Promise<Reference> {
  const known = cache.get(t.fixtures);
  if (known && !fresh) return known;
  const { maxRows } = oracleOptions(t.config);
  let why = '';
  for (let attempt = 0; attempt < READS; attempt++) {
    const { pages, complete, refused } = await readPages(t, {}, Math.ceil(maxRows / DEFAULT_PAGE_SIZE) + 1);
    if (refused)
      t.must(
        fail('the type list refused its default query', String(refused.response?.status), '200', refused),
      );
    if (!complete)
      t.notApplicable(
        `the type list holds more than --max-rows ${maxRows} rows; the list oracle reads it whole`,
      );
    const rows = pages.flatMap((p) => (Array.isArray(p.body.content) ? (p.body.content as Row[]) : []));
    const all = await fetchPage(t, { language: 'ALL', pageSize: 0 });
    const translations: Translations = new Map();
    for (const r of (all.body?.content as Row[] | undefined) ?? [])
      translations.set(r.id, sortTranslations(r.description) as { lang: string; value: string }[]);
    const ids = new Set(rows.map((r) => r.id));
    if (ids.size === rows.length && translations.size === rows.length) {
      const ref = { rows, translations };
      cache.set(t.fixtures, ref);
      return ref;
    }
    why = `${rows.length} rows read page by page (${rows.length - ids.size} repeated), ${translations.size} with _language=ALL&_page[size]=0`;
  }
  t.must(fail(`the type list read ${READS} times is not consistent`, why, 'each type once, in every read'));
  throw new Error('unreachable');
}

/** Sends the query (one page, or every page from 0) and compares the pages with the evaluation. */
export async function checkList(t: CaseContext, ref: Reference, q: ListQuery): Promise<Failure[]> {
  const text = listQueryText(q);
  const expected = evaluateList(ref.rows, q, ref.translations);
  const size = q.pageSize ?? DEFAULT_PAGE_SIZE;
  const want = expected.rows.length;
  const { pages, complete, refused } = await readPages(
    t,
    q,
    size === 0 ? 1 : Math.min(MAX_QUERY_PAGES, Math.ceil(want / size) + 2),
  );
  if (refused)
    return [
      fail(
        `${text}: the list refused a valid query`,
        `${refused.response?.status} ${refused.response?.body.slice(0, 200)}`,
        '200',
        refused,
      ),
    ];
  const { problems, difference, pageStarts } = listProblems(expected, q, pages, complete);
  const failures = problems.map((p) =>
    fail(
      `${text}: page ${pages[p.page]?.num ?? p.page}: ${p.what}`,
      p.received,
      p.expected,
      pages[p.page]?.x,
    ),
  );
  if (difference) {
    const page = Math.max(1, pageStarts.filter((s) => s <= difference.position).length);
    const keys = (q.order ?? 'order').split(',').map((k) => k.trim().replace(/^[+-]/, ''));
    failures.push(
      fail(
        `${text}: item ${difference.position + 1} of the answer (page _page[num]=${pages[page - 1]?.num}): ${difference.why}`,
        describeRow(difference.received, ['code', ...keys], difference.expected),
        describeRow(difference.expected, ['code', ...keys], difference.received),
        pages[page - 1]?.x,
      ),
    );
  }
  return failures;
}

type ListFeature = 'id' | 'code' | 'description' | 'scalar' | 'order' | 'page' | 'fields' | 'language';
const WEIGHTS: Record<ListFeature, number> = {
  id: 3,
  code: 3,
  description: 5,
  scalar: 5,
  order: 5,
  page: 5,
  fields: 2,
  language: 2,
};
const ORDERABLE = [
  'id',
  'code',
  'description',
  'order',
  'active',
  'requestTypeId',
  'serviceTypeId',
  'technicalObjectTypeId',
  'serviceLevelDays',
  'structureId',
  'booking',
];

/** The i-th generated query of a feature, with values from the list so that filters select real types. */
function listQuery(rows: Row[], feature: ListFeature, i: number, seed: number): ListQuery {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const row = () => pick(rows);
  const n = rows.length;
  // Only fields the server answers: a release before FSM 23.0 has fewer (N7).
  const present = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const orderable = ORDERABLE.filter((f) => present.includes(f));
  switch (feature) {
    case 'id':
      // Repeatable: any of them; one id that names nothing.
      return {
        id: [
          ...new Set([
            Number(row().id),
            ...(i > 0 ? [Number(row().id)] : []),
            ...(i === 2 ? [2_000_000_000] : []),
          ]),
        ],
      };
    case 'code': {
      const code = String(row().code);
      // N16: exact; the same code in another case finds only a type that has that very code.
      if (i === 1) return { code: [code.toLowerCase() === code ? code.toUpperCase() : code.toLowerCase()] };
      return { code: [...new Set([code, String(row().code)])] };
    }
    case 'description': {
      const d = String(row().description ?? '');
      const cut = Math.max(1, Math.floor(d.length / 3));
      const flip = (s: string) =>
        [...s].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
      const patterns = [
        `${d.slice(0, cut)}*`,
        `*${d.slice(cut, 2 * cut)}*`,
        `*${d.slice(-cut)}`,
        flip(d),
        `${d.slice(0, 1)}*${d.slice(cut, cut + 2)}*${d.slice(-1)}`,
      ];
      return { description: patterns[i % patterns.length] as string };
    }
    case 'scalar': {
      const f = SCALAR_FILTERS[i % SCALAR_FILTERS.length] as (typeof SCALAR_FILTERS)[number];
      const withValue = rows.filter((r) => r[f] !== null && r[f] !== undefined);
      const v = (withValue.length ? pick(withValue) : row())[f];
      const scalar: ListQuery['scalar'] = {};
      if (typeof v === 'number' || typeof v === 'boolean') scalar[f] = v;
      else scalar.active = true;
      if (i % 2) scalar.active = rnd() < 0.7;
      return { scalar };
    }
    case 'order': {
      const keys = [pick(orderable), ...(i % 2 ? [pick(orderable), pick(orderable)] : [])];
      const order = [...new Set(keys)]
        .map((k, j) => `${(i + j) % 2 ? '-' : j === 0 && i % 3 === 0 ? '' : '+'}${k}`)
        .join(',');
      return { order, pageSize: pick([0, 5, DEFAULT_PAGE_SIZE]) };
    }
    case 'page': {
      // The edges: 1, a small page, the default, above it, unpaged, the whole list, past its end.
      const size = pick([1, 5, DEFAULT_PAGE_SIZE, DEFAULT_PAGE_SIZE + 1, 0, n, n + 1]);
      const lastPage = size > 0 ? Math.max(0, Math.ceil(n / size) - 1) : 0;
      const num = pick([0, 1, lastPage, lastPage + 1, lastPage + 5]);
      return i % 2 ? { pageSize: size, pageNum: num } : { pageSize: size };
    }
    case 'fields': {
      const chosen = new Set<string>();
      const size = 1 + Math.floor(rnd() * 3);
      while (chosen.size < size) chosen.add(pick(present));
      return { fields: [...chosen], order: `-${pick(orderable)}` };
    }
    case 'language':
      return {
        language: pick(['ALL', 'USER', 'EN', 'IT', 'de']),
        fields: ['description'],
        pageSize: pick([0, 5]),
      };
  }
}

function queriesFor(feature: ListFeature, budget: number): number {
  const sum = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
  return Math.max(budget > 0 ? 1 : 0, Math.round((WEIGHTS[feature] * budget) / sum));
}

const TITLES: Record<ListFeature, string> = {
  id: 'id, repeated, keeps the types with any of the ids',
  code: 'code, repeated, keeps the types with any of the codes, exactly (N16)',
  description: 'description matches with * wildcards, case-insensitively, over the whole text (N12)',
  scalar:
    'order, active, requestTypeId, serviceTypeId, technicalObjectTypeId, structureId and booking filter by equality, together',
  order:
    '_order on one or several keys, + and -, sorts as the evaluation (nulls last ascending; ties compare as a set)',
  page: '_page[size] and _page[num] at their edges (1, the default, above it, 0 = unpaged, past the end) cut the expected types; hasMore says whether more remain',
  fields: '_fields answers only the fields asked for, and id',
  language:
    '_language=ALL answers every translation; a language code its translation (EN when none); USER the default (N13)',
};

async function runFeature(t: CaseContext, feature: ListFeature): Promise<void> {
  const options = oracleOptions(t.config);
  const count = queriesFor(feature, options.nextgenQueries);
  if (count === 0) t.notApplicable('the query budget leaves this feature no query');
  let ref = await reference(t);
  if (ref.rows.length === 0) t.notApplicable('the type list is empty');
  for (let i = 0; i < count; i++) {
    const q = listQuery(ref.rows, feature, i, options.seed * 1000 + i * 7 + feature.length);
    let failures = await checkList(t, ref, q);
    if (failures.length) {
      // The list may have changed since it was read (another client writes): read it again, ask again.
      ref = await reference(t, true);
      failures = await checkList(t, ref, q);
    }
    t.check(...failures);
  }
}

export function nextgenListCases(): Case[] {
  return [
    listCase(
      'walk',
      'the list read page by page (default size) and unpaged (_page[size]=0) gives the same types in the same order',
      async (t) => {
        const ref = await reference(t, true);
        t.check(...(await checkList(t, ref, { pageSize: 0 })), ...(await checkList(t, ref, {})));
      },
    ),
    ...(Object.keys(WEIGHTS) as ListFeature[]).map((f) => listCase(f, TITLES[f], (t) => runFeature(t, f))),
  ];
}
