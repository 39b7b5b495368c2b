import { describe, expect, it } from 'vitest';
import { applyQuery, type QueryPage, queryPage, SortIndex } from './apply-query.ts';
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

describe('queryPage with a SortIndex', () => {
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

  it('answers exactly what applyQuery answers over the scope, for every order, page and filter', () => {
    const records = make(1);
    const index = new SortIndex(records);
    const scope = records.map((_, i) => i).filter((i) => i % 3 !== 0);
    const inScope = scope.map((i) => records[i] as R);
    const filters = [undefined, (r: Record<string, unknown>) => (r.n as number) > 0];
    for (const orderBy of orders)
      for (const page of pages)
        for (const filter of filters) {
          const parsed: ParsedQuery = { orderBy, count: true, ...page, ...(filter ? { filter } : {}) };
          for (const size of [20, 2000])
            expect(queryPage(records, scope, index, parsed, size)).toEqual(applyQuery(inScope, parsed, size));
        }
  });

  it('orders a record changed after the ranks were built by its new keys', () => {
    const records = make(2);
    const index = new SortIndex(records);
    const scope = records.map((_, i) => i);
    const parsed: ParsedQuery = { orderBy: orders[2] as OrderByItem[], count: false, skip: 0, top: 10 };
    queryPage(records, scope, index, parsed, 20);
    for (const at of [5, 77, 200]) {
      records[at] = { ...(records[at] as R), n: 99, name: `z${at}` };
      index.changed(at);
    }
    expect(queryPage(records, scope, index, parsed, 20)).toEqual(applyQuery(records, parsed, 20));
    expect(
      queryPage(records, scope, index, parsed, 20)
        .items.slice(0, 3)
        .map((r) => r.id),
    ).toEqual([200, 5, 77]);
  });
});
