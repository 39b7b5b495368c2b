import { describe, expect, it } from 'vitest';
import { sortRecords } from './sort-records.ts';
import type { OrderByItem } from './types.ts';

const records: Record<string, unknown>[] = [
  { key: 1, name: 'bob', created_at: '2026-01-02T00:00:00Z', hours: 10, active: true, id: 'B-1' },
  { key: 2, name: 'Alice', created_at: '2026-01-01T23:00:00-02:00', hours: 9, active: false, id: 'a-2' },
  { key: 3, name: 'alice', created_at: '2025-12-31T00:00:00Z', hours: 10, active: true, id: 'C-3' },
  { key: 4, name: 'Carol', hours: 100, active: false, id: 'b-0' },
];

function keysSortedBy(orderBy: OrderByItem[]): unknown[] {
  return sortRecords(records, orderBy).map((r) => r.key);
}

describe('sortRecords', () => {
  const cases: [string, { given: OrderByItem[]; want: number[] }][] = [
    ['keeps the input order without order-by items', { given: [], want: [1, 2, 3, 4] }],
    [
      'orders strings ignoring case and keeps ties stable',
      { given: [{ field: 'name', desc: false, type: 'string' }], want: [2, 3, 1, 4] },
    ],
    [
      'orders strings descending and keeps ties stable',
      { given: [{ field: 'name', desc: true, type: 'string' }], want: [4, 1, 2, 3] },
    ],
    [
      'orders dates chronologically across offsets with missing dates first',
      { given: [{ field: 'created_at', desc: false, type: 'date-time' }], want: [4, 3, 1, 2] },
    ],
    [
      'orders dates descending with missing dates last',
      { given: [{ field: 'created_at', desc: true, type: 'date-time' }], want: [2, 1, 3, 4] },
    ],
    [
      'orders numbers numerically rather than as text',
      { given: [{ field: 'hours', desc: false, type: 'integer' }], want: [2, 1, 3, 4] },
    ],
    [
      'orders booleans false before true',
      { given: [{ field: 'active', desc: false, type: 'boolean' }], want: [2, 4, 1, 3] },
    ],
    [
      'orders uuids ignoring case',
      { given: [{ field: 'id', desc: false, type: 'uuid' }], want: [2, 4, 1, 3] },
    ],
    [
      'breaks ties with the next property',
      {
        given: [
          { field: 'hours', desc: true, type: 'integer' },
          { field: 'name', desc: false, type: 'string' },
        ],
        want: [4, 3, 1, 2],
      },
    ],
    [
      'orders by runtime type when no type is given',
      { given: [{ field: 'hours', desc: false }], want: [2, 1, 3, 4] },
    ],
    [
      'orders strings ignoring case when no type is given',
      { given: [{ field: 'name', desc: false }], want: [2, 3, 1, 4] },
    ],
    [
      'puts missing values first ascending',
      { given: [{ field: 'nothing', desc: false, type: 'string' }], want: [1, 2, 3, 4] },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(keysSortedBy(given)).toStrictEqual(want);
  });

  it('does not reorder the input array', () => {
    const input = [{ n: 2 }, { n: 1 }];
    sortRecords(input, [{ field: 'n', desc: false, type: 'integer' }]);
    expect(input).toStrictEqual([{ n: 2 }, { n: 1 }]);
  });
});
