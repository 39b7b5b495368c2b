import { describe, expect, it } from 'vitest';
import { Columns } from './columns.ts';
import { parseQuery } from './parse-query.ts';
import type { FieldTypes } from './types.ts';

const fields: FieldTypes = {
  name: 'string',
  n: 'integer',
  at: 'date-time',
  id: 'uuid',
  flag: 'boolean',
};
const records: Record<string, unknown>[] = [
  {
    name: 'Pump A',
    n: 3,
    at: '2024-01-02T00:00:00Z',
    id: 'AAAAAAAA-0000-0000-0000-000000000001',
    flag: true,
  },
  {
    name: 'valve',
    n: 10,
    at: '2023-05-01T10:00:00Z',
    id: 'aaaaaaaa-0000-0000-0000-000000000002',
    flag: false,
  },
  { name: null, n: null, at: null, id: null, flag: null },
  { name: 42, n: Number.NaN, at: 'not a date', id: 7, flag: 'yes' },
  {
    name: 'PUMP b',
    n: -1,
    at: '2024-01-02T00:00:00',
    id: 'aaaaaaaa-0000-0000-0000-000000000003',
    flag: true,
  },
];

const filterOf = (text: string) => {
  const parsed = parseQuery({ $filter: text }, fields);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};

describe('Columns', () => {
  const filters = [
    "contains(name,'pump')",
    "startswith(name,'PU') or endswith(name,'E')",
    "name eq 'VALVE'",
    "name ne 'valve'",
    "name eq '42'",
    'name eq null',
    "tolower(name) eq 'pump a' or toupper(name) eq 'VALVE'",
    'length(name) ge 5',
    'n ge 3 and n lt 10',
    'n eq null',
    'not (n gt 0)',
    'at ge 2024-01-01T00:00:00Z',
    'year(at) eq 2023',
    'id eq AAAAAAAA-0000-0000-0000-000000000002',
    'flag',
    'not flag',
    'flag eq null',
  ];
  it.each(filters)('reads %s over positions as the record filter reads records', (text) => {
    const parsed = filterOf(text);
    const columns = new Columns(records);
    const test = parsed.filterOn?.(columns);
    const want = records.map((r) => parsed.filter?.(r));
    expect(records.map((_, at) => test?.(at))).toStrictEqual(want);
    // Each filter matches some records and not others, so that the equality above can fail both ways.
    expect(want).toContain(true);
    expect(want).toContain(false);
  });

  it('follows a replaced record once told, in plain and folded columns', () => {
    const rows = records.map((r) => ({ ...r }));
    const columns = new Columns(rows);
    const test = filterOf("contains(name,'pump') and n ge 0").filterOn?.(columns);
    expect(rows.map((_, at) => test?.(at))).toStrictEqual([true, false, false, false, false]);
    rows[4] = { ...rows[4], n: 5 };
    rows[0] = { ...rows[0], name: 'Fan' };
    expect(rows.map((_, at) => test?.(at))).toStrictEqual([true, false, false, false, false]);
    columns.changed(4);
    columns.changed(0);
    expect(rows.map((_, at) => test?.(at))).toStrictEqual([false, false, false, false, true]);
  });

  it('reads null for a position past the records', () => {
    const columns = new Columns(records);
    expect(columns.read('n', 'integer')(99)).toBeNull();
    expect(columns.readFolded('name')(99)).toBeNull();
    expect(columns.readFolded('name')(0)).toBe('pump a');
    expect(columns.read('at', 'date-time')(4)).toBe(Date.UTC(2024, 0, 2));
  });
});
