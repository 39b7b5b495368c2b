import { describe, expect, it } from 'vitest';
import { dateTimeToEpochMs, type FieldValue, readerFor } from './field-values.ts';
import type { FieldType } from './types.ts';

describe('readerFor', () => {
  const cases: [string, { given: { type: FieldType; value: unknown }; want: FieldValue }][] = [
    ['reads a string as it is', { given: { type: 'string', value: 'Alice' }, want: 'Alice' }],
    ['reads a number in a string field as text', { given: { type: 'string', value: 12 }, want: '12' }],
    ['reads a missing string as null', { given: { type: 'string', value: undefined }, want: null }],
    [
      'reads a function value in a string field as null',
      { given: { type: 'string', value: () => 1 }, want: null },
    ],
    ['reads a uuid in lower case', { given: { type: 'uuid', value: 'ABC-D' }, want: 'abc-d' }],
    ['reads a non-string uuid as null', { given: { type: 'uuid', value: 5 }, want: null }],
    [
      'reads a date-time as epoch milliseconds',
      {
        given: { type: 'date-time', value: '2026-01-01T00:00:00.5Z' },
        want: Date.UTC(2026, 0, 1, 0, 0, 0, 500),
      },
    ],
    [
      'reads a date-time without offset as UTC',
      { given: { type: 'date-time', value: '2026-01-01T00:00:00' }, want: Date.UTC(2026, 0, 1) },
    ],
    [
      'reads an unparseable date-time as null',
      { given: { type: 'date-time', value: 'yesterday' }, want: null },
    ],
    ['reads an integer', { given: { type: 'integer', value: 7 }, want: 7 }],
    ['reads NaN as null', { given: { type: 'number', value: Number.NaN }, want: null }],
    [
      'reads a numeric string in a number field as null',
      { given: { type: 'number', value: '7' }, want: null },
    ],
    ['reads a boolean', { given: { type: 'boolean', value: false }, want: false }],
    ['reads a string in a boolean field as null', { given: { type: 'boolean', value: 'true' }, want: null }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(readerFor('f', given.type)({ f: given.value })).toBe(want);
  });
});

describe('dateTimeToEpochMs', () => {
  const cases: [string, { given: unknown; want: number | null }][] = [
    ['passes epoch milliseconds through', { given: 1000, want: 1000 }],
    ['reads a Date', { given: new Date(5000), want: 5000 }],
    ['reads an invalid Date as null', { given: new Date(Number.NaN), want: null }],
    ['reads a date only as midnight UTC', { given: '2026-01-02', want: Date.UTC(2026, 0, 2) }],
    ['reads null as null', { given: null, want: null }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(dateTimeToEpochMs(given)).toBe(want);
  });
});
