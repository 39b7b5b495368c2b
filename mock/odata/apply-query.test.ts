import { describe, expect, it } from 'vitest';
import { applyQuery, type QueryPage, queryOrdered, SortIndex } from './apply-query.ts';
import type { OrderByItem, ParsedQuery } from './types.ts';

type Row = { n: number; even: boolean; label: string };
const rows: Row[] = Array.from({ length: 50 }, (_, i) => ({ n: i, even: i % 2 === 0, label: `L${i}` }));
const base: ParsedQuery = { orderBy: [], skip: 0, count: false };

function summary(page: QueryPage<Row>): Record<string, unknown> {
  const { items, ...rest } = page;
  return { ...rest, first: items[0]?.n, last: items.at(-1)?.n, size: items.length };
}

describe('applyQuery', () => {
  const cases: [
    string,
    { given: { query: Partial<ParsedQuery>; pageSize?: number }; want: Record<string, unknown> },
  ][] = [
    [
      'returns the first page and a next skip',
      { given: { query: {} }, want: { total: 50, nextSkip: 20, first: 0, last: 19, size: 20 } },
    ],
    [
      'returns a middle page',
      { given: { query: { skip: 20 } }, want: { total: 50, nextSkip: 40, first: 20, last: 39, size: 20 } },
    ],
    [
      'returns the last page without a next skip',
      { given: { query: { skip: 40 } }, want: { total: 50, first: 40, last: 49, size: 10 } },
    ],
    [
      'returns an empty page past the end',
      { given: { query: { skip: 60 } }, want: { total: 50, first: undefined, last: undefined, size: 0 } },
    ],
    [
      'lets top lower the page size and ends there',
      { given: { query: { top: 5 } }, want: { total: 50, first: 0, last: 4, size: 5 } },
    ],
    [
      'ends when top equals the page size',
      { given: { query: { top: 20 } }, want: { total: 50, first: 0, last: 19, size: 20 } },
    ],
    [
      'caps top at the page size and pages through the rest of top',
      {
        given: { query: { top: 30 } },
        want: { total: 50, nextSkip: 20, nextTop: 10, first: 0, last: 19, size: 20 },
      },
    ],
    [
      'continues a top window from a skip',
      { given: { query: { skip: 20, top: 10 } }, want: { total: 50, first: 20, last: 29, size: 10 } },
    ],
    [
      'stops a top window at the end of the data',
      { given: { query: { skip: 40, top: 30 } }, want: { total: 50, first: 40, last: 49, size: 10 } },
    ],
    [
      'offers a next page when top outlasts the page',
      {
        given: { query: { skip: 10, top: 25 } },
        want: { total: 50, nextSkip: 30, nextTop: 5, first: 10, last: 29, size: 20 },
      },
    ],
    [
      'returns nothing for top 0 but still counts',
      { given: { query: { top: 0 } }, want: { total: 50, first: undefined, last: undefined, size: 0 } },
    ],
    [
      'counts only filtered records',
      {
        given: { query: { filter: (r) => r.even === true } },
        want: { total: 25, nextSkip: 20, first: 0, last: 38, size: 20 },
      },
    ],
    [
      'sorts before paging',
      {
        given: { query: { orderBy: [{ field: 'n', desc: true, type: 'integer' }] } },
        want: { total: 50, nextSkip: 20, first: 49, last: 30, size: 20 },
      },
    ],
    [
      'uses a smaller page size',
      { given: { query: {}, pageSize: 3 }, want: { total: 50, nextSkip: 3, first: 0, last: 2, size: 3 } },
    ],
    [
      'offers no next page for a zero page size',
      { given: { query: {}, pageSize: 0 }, want: { total: 50, first: undefined, last: undefined, size: 0 } },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(summary(applyQuery(rows, { ...base, ...given.query }, given.pageSize ?? 20))).toStrictEqual(want);
  });

  const projections: [string, { given: string[] | undefined; want: Partial<Row> }][] = [
    [
      'returns every property without a select',
      { given: undefined, want: { n: 0, even: true, label: 'L0' } },
    ],
    [
      'returns only the selected properties in select order',
      { given: ['label', 'n'], want: { label: 'L0', n: 0 } },
    ],
    [
      'leaves out selected properties the record lacks',
      { given: ['label', 'missing'], want: { label: 'L0' } },
    ],
  ];
  it.each(projections)('%s', (_name, { given, want }) => {
    const query: ParsedQuery = given === undefined ? base : { ...base, select: given };
    const [first] = applyQuery(rows, { ...query, top: 1 }, 20).items;
    expect(first).toStrictEqual(want);
    expect(Object.keys(first ?? {})).toStrictEqual(Object.keys(want));
  });

  it('returns copies so callers cannot change the data', () => {
    const [first] = applyQuery(rows, { ...base, top: 1 }, 20).items;
    if (first) first.label = 'changed';
    expect(rows[0]?.label).toBe('L0');
  });
});

describe('queryOrdered with a SortIndex', () => {
  type R = { id: number; name: string; n: number | null; at: string };
  const names = ['b', 'A', 'a', 'c', 'B', ''];
  const make = (seed: number): R[] =>
    Array.from({ length: 300 }, (_, i) => ({
      id: i,
      name: names[(i * 7 + seed) % names.length] as string,
      n: (i * 13 + seed) % 11 === 0 ? null : ((i * 31 + seed) % 17) - 8,
      at: `2024-0${1 + ((i + seed) % 9)}-1${i % 10}T00:00:00Z`,
    }));
  const orders: OrderByItem[][] = [
    [],
    [{ field: 'name', desc: false, type: 'string' }],
    [
      { field: 'n', desc: true, type: 'integer' },
      { field: 'name', desc: false, type: 'string' },
    ],
    [{ field: 'at', desc: true, type: 'date-time' }],
  ];
  const pages: Pick<ParsedQuery, 'skip' | 'top'>[] = [
    { skip: 0 },
    { skip: 7, top: 5 },
    { skip: 290 },
    { skip: 0, top: 0 },
    { skip: 3, top: 1500 },
  ];

  it('queryOrdered over the scope sorted once answers what applyQuery answers; total exact with $count', () => {
    const records = make(3);
    const index = new SortIndex(records);
    const scope = Int32Array.from(records.map((_, i) => i).filter((i) => i % 4 !== 1));
    const inScope = [...scope].map((i) => records[i] as R);
    const filters = [undefined, (r: Record<string, unknown>) => (r.n as number) > 0, () => false];
    for (const orderBy of orders) {
      const ordered = orderBy.length > 0 ? scope.slice().sort(index.comparator(orderBy)) : scope;
      for (const page of pages)
        for (const filter of filters)
          for (const count of [true, false]) {
            const parsed: ParsedQuery = { orderBy, count, ...page, ...(filter ? { filter } : {}) };
            const want = applyQuery(inScope, parsed, 20);
            const got = queryOrdered(records, ordered, parsed, 20);
            if (count) expect(got).toEqual(want);
            else {
              const { total: _t, ...rest } = got;
              const { total: _w, ...wanted } = want;
              expect(rest).toEqual(wanted);
              expect(got.total).toBeLessThanOrEqual(want.total);
            }
          }
    }
  });

  it('orders a record changed after the ranks were built by its new keys', () => {
    const records = make(2);
    const index = new SortIndex(records);
    const scope = Int32Array.from(records.map((_, i) => i));
    const orderBy = orders[2] as OrderByItem[];
    const parsed: ParsedQuery = { orderBy, count: true, skip: 0, top: 10 };
    const page = () => queryOrdered(records, scope.slice().sort(index.comparator(orderBy)), parsed, 20);
    page();
    for (const at of [5, 77, 200]) {
      records[at] = { ...(records[at] as R), n: 99, name: `z${at}` };
      index.changed(at);
    }
    expect(page()).toEqual(applyQuery(records, parsed, 20));
    expect(
      page()
        .items.slice(0, 3)
        .map((r) => r.id),
    ).toEqual([200, 5, 77]);
  });
});
