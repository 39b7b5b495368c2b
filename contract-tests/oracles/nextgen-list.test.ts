import { describe, expect, it } from 'vitest';
import {
  evaluateList,
  type ListQuery,
  listParams,
  listProblems,
  normalizedOrder,
  type Translations,
  wildcardMatches,
} from './nextgen-list.ts';
import type { Row } from './query/filter-eval.ts';

const TYPES: Row[] = [
  { id: 1, code: 'MOD-A', description: 'Modification, On site', order: 10, active: true },
  { id: 2, code: 'brk-b', description: 'Breakdown, Contract', order: null, active: true },
  { id: 3, code: 'BRK-C', description: 'breakdown, remote', order: 30, active: false },
  { id: 4, code: 'INS-D', description: 'Éclair install', order: 20, active: true },
];
const TR: Translations = new Map([
  [
    1,
    [
      { lang: 'EN', value: 'Modification, On site' },
      { lang: 'IT', value: 'Modifica' },
    ],
  ],
  [2, [{ lang: 'EN', value: 'Breakdown, Contract' }]],
  [3, [{ lang: 'EN', value: 'breakdown, remote' }]],
  [4, [{ lang: 'EN', value: 'Éclair install' }]],
]);
const ids = (q: ListQuery) => {
  const e = evaluateList(TYPES, q, TR);
  return e.rows.slice(e.start, e.end).map((r) => r.id);
};
/** The pages a faithful server answers, to alter one thing in each near miss. */
function pagesOf(q: ListQuery, total: number) {
  const e = evaluateList(TYPES, q, TR);
  const size = q.pageSize ?? 20;
  const num = q.pageNum ?? 0;
  return [
    {
      num,
      body: {
        content: e.rows
          .slice(e.start, e.end)
          .map((r) => (e.select ? Object.fromEntries(e.select.map((k) => [k, r[k]])) : r)),
        _page: { num, size, hasMore: size > 0 && total > (num + 1) * size },
        _order: normalizedOrder(q.order),
      },
    },
  ];
}

describe('wildcardMatches', () => {
  it('matches * anywhere, case-insensitively, over the whole text (N12)', () => {
    expect(wildcardMatches('mod*', 'Modification')).toBe(true);
    expect(wildcardMatches('*FIC*', 'Modification')).toBe(true);
    expect(wildcardMatches('m*i*n', 'Modification')).toBe(true);
    expect(wildcardMatches('modification', 'Modification')).toBe(true);
    expect(wildcardMatches('mod', 'Modification')).toBe(false);
    expect(wildcardMatches('*x*', 'Modification')).toBe(false);
    expect(wildcardMatches('a*a', 'a')).toBe(false);
    expect(wildcardMatches('?od*', 'Modification')).toBe(false);
  });
});

describe('evaluateList', () => {
  it('filters: ids and codes any of, codes exact (N16), description wildcards, scalars', () => {
    expect(ids({ id: [3, 1, 99] })).toEqual([1, 3]);
    expect(ids({ code: ['BRK-B', 'BRK-C'] })).toEqual([3]);
    expect(ids({ description: 'breakdown*' })).toEqual([3, 2]);
    expect(ids({ scalar: { active: true, order: 20 } })).toEqual([4]);
  });

  it('sorts +order by default with nulls last, - puts them first; text linguistically (S18)', () => {
    expect(ids({})).toEqual([1, 4, 3, 2]);
    expect(ids({ order: '-order' })).toEqual([2, 3, 4, 1]);
    expect(ids({ order: 'description' })).toEqual([2, 3, 4, 1]);
    expect(ids({ order: '-active,+code' })).toEqual([2, 4, 1, 3]);
  });

  it('cuts pages, keeps id with _fields and translates (N13)', () => {
    expect(ids({ pageSize: 3, pageNum: 1 })).toEqual([2]);
    expect(ids({ pageSize: 3, pageNum: 5 })).toEqual([]);
    expect(ids({ pageSize: 0, pageNum: 0 })).toEqual([1, 4, 3, 2]);
    const e = evaluateList(TYPES, { language: 'IT', fields: ['description'] }, TR);
    expect(e.select).toEqual(['id', 'description']);
    expect(e.rows.map((r) => r.description)).toEqual([
      'Modifica',
      'Éclair install',
      'breakdown, remote',
      'Breakdown, Contract',
    ]);
    expect(evaluateList(TYPES, { language: 'ALL' }, TR).rows[0]?.description).toHaveLength(2);
  });

  it('sends repeatable options once per value', () => {
    expect(listParams({ id: [1, 2], fields: ['code'], pageSize: 0 })).toEqual([
      ['id', '1'],
      ['id', '2'],
      ['_fields', 'code'],
      ['_page[size]', '0'],
    ]);
  });
});

describe('listProblems: near misses', () => {
  it('passes the faithful pages', () => {
    for (const q of [
      {},
      { pageSize: 3, pageNum: 0 },
      { order: '-code', fields: ['code'] },
      { pageSize: 3, pageNum: 1 },
    ]) {
      const r = listProblems(evaluateList(TYPES, q, TR), q, pagesOf(q, 4), true);
      expect(r.problems, JSON.stringify(q)).toEqual([]);
      expect(r.difference, JSON.stringify(q)).toBeUndefined();
    }
  });

  it('catches hasMore false although rows remain, and a wrong _page.num', () => {
    const q = { pageSize: 3, pageNum: 0 };
    const pages = pagesOf(q, 4);
    (pages[0] as { body: { _page: { hasMore: boolean; num: number } } }).body._page = {
      num: 1,
      hasMore: false,
    };
    const r = listProblems(evaluateList(TYPES, q, TR), q, pages, true);
    expect(r.problems.map((p) => p.what)).toEqual([
      '_page.num is not the page asked for',
      '_page.hasMore does not say whether rows remain',
    ]);
  });

  it('catches a code filter that ignores case, and - ignored on the second key', () => {
    const q = { code: ['BRK-B', 'BRK-C'] };
    const pages = pagesOf(q, 1);
    (pages[0] as { body: { content: Row[] } }).body.content = [TYPES[2] as Row, TYPES[1] as Row];
    expect(listProblems(evaluateList(TYPES, q, TR), q, pages, true).difference).toMatchObject({
      position: 1,
      why: 'a row too many',
    });
    const o = { order: 'active,-order' };
    const sorted = pagesOf(o, 4);
    (sorted[0] as { body: { content: Row[] } }).body.content = [
      TYPES[2],
      TYPES[0],
      TYPES[3],
      TYPES[1],
    ] as Row[];
    expect(listProblems(evaluateList(TYPES, o, TR), o, sorted, true).difference).toMatchObject({
      position: 1,
      received: { id: 1 },
      expected: { id: 2 },
    });
  });

  it('catches _fields that drop id or add a field', () => {
    const q = { fields: ['code'] };
    const pages = pagesOf(q, 4);
    (pages[0] as { body: { content: Row[] } }).body.content = TYPES.map((t) => ({ code: t.code }));
    expect(listProblems(evaluateList(TYPES, q, TR), q, pages, true).difference?.why).toMatch(/missing: id/);
  });
});
