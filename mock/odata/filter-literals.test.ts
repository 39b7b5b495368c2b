import { describe, expect, it } from 'vitest';
import { isGuid, parseDateTimeLiteral, parseNumberLiteral } from './filter-literals.ts';

describe('parseDateTimeLiteral', () => {
  const cases: [string, { given: string; want: unknown }][] = [
    [
      'reads a UTC date-time with milliseconds',
      {
        given: '2026-06-24T04:00:31.127Z',
        want: { kind: 'date-time', epochMs: Date.UTC(2026, 5, 24, 4, 0, 31, 127), hasOffset: true },
      },
    ],
    [
      'reads seven fractional digits as .NET writes them',
      {
        given: '2026-06-24T04:00:31.1270000Z',
        want: { kind: 'date-time', epochMs: Date.UTC(2026, 5, 24, 4, 0, 31, 127), hasOffset: true },
      },
    ],
    [
      'reads one fractional digit as tenths',
      {
        given: '2026-06-24T04:00:31.5Z',
        want: { kind: 'date-time', epochMs: Date.UTC(2026, 5, 24, 4, 0, 31, 500), hasOffset: true },
      },
    ],
    [
      'reads a date-time without seconds',
      {
        given: '2026-01-01T10:30Z',
        want: { kind: 'date-time', epochMs: Date.UTC(2026, 0, 1, 10, 30), hasOffset: true },
      },
    ],
    [
      'applies a positive offset',
      {
        given: '2026-03-01T00:00:00+02:00',
        want: { kind: 'date-time', epochMs: Date.UTC(2026, 1, 28, 22), hasOffset: true },
      },
    ],
    [
      'applies a negative offset',
      {
        given: '2026-01-01T00:00:00-05:30',
        want: { kind: 'date-time', epochMs: Date.UTC(2026, 0, 1, 5, 30), hasOffset: true },
      },
    ],
    [
      'reads a date-time without offset as UTC and says so',
      {
        given: '2026-01-01T00:00:00',
        want: { kind: 'date-time', epochMs: Date.UTC(2026, 0, 1), hasOffset: false },
      },
    ],
    [
      'reads a leap day',
      {
        given: '2024-02-29T00:00:00Z',
        want: { kind: 'date-time', epochMs: Date.UTC(2024, 1, 29), hasOffset: true },
      },
    ],
    [
      'reads years before 100 literally',
      {
        given: '0099-01-01T00:00:00Z',
        want: { kind: 'date-time', epochMs: Date.parse('0099-01-01T00:00:00Z'), hasOffset: true },
      },
    ],
    [
      'reads a date only as a date',
      { given: '2026-01-01', want: { kind: 'date', epochMs: Date.UTC(2026, 0, 1) } },
    ],
    [
      'rejects February 29 outside leap years',
      { given: '2026-02-29T00:00:00Z', want: { kind: 'invalid', reason: 'the date does not exist' } },
    ],
    [
      'rejects month 13',
      { given: '2026-13-01T00:00:00Z', want: { kind: 'invalid', reason: 'the date does not exist' } },
    ],
    [
      'rejects year 0',
      { given: '0000-01-01T00:00:00Z', want: { kind: 'invalid', reason: 'the date does not exist' } },
    ],
    [
      'rejects hour 24',
      { given: '2026-01-01T24:00:00Z', want: { kind: 'invalid', reason: 'the time does not exist' } },
    ],
    [
      'rejects a missing T',
      {
        given: '2026-01-01 00:00:00Z',
        want: { kind: 'invalid', reason: "expected 'T' between the date and the time" },
      },
    ],
    [
      'rejects a short date',
      { given: '2026-1-01', want: { kind: 'invalid', reason: 'expected YYYY-MM-DD' } },
    ],
    [
      'rejects a one-digit second',
      {
        given: '2026-01-01T00:00:0Z',
        want: { kind: 'invalid', reason: 'expected two digits for the seconds' },
      },
    ],
    [
      'rejects an empty fraction',
      {
        given: '2026-01-01T00:00:00.Z',
        want: { kind: 'invalid', reason: 'expected 1 to 12 digits of fractional seconds' },
      },
    ],
    [
      'rejects an offset without minutes',
      {
        given: '2026-01-01T00:00:00+02',
        want: { kind: 'invalid', reason: 'expected the time zone offset as ±HH:MM' },
      },
    ],
    [
      'rejects an unknown zone letter',
      {
        given: '2026-01-01T00:00:00X',
        want: { kind: 'invalid', reason: "expected 'Z' or a ±HH:MM offset after the time" },
      },
    ],
    [
      'rejects text after the zone',
      {
        given: '2026-01-01T00:00:00Zabc',
        want: { kind: 'invalid', reason: 'unexpected characters after the time zone' },
      },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(parseDateTimeLiteral(given)).toStrictEqual(want);
  });
});

describe('isGuid', () => {
  const cases: [string, { given: string; want: boolean }][] = [
    ['accepts a lower-case GUID', { given: '3f6c2a4e-0b1d-4c8e-9f00-123456789abc', want: true }],
    ['accepts an upper-case GUID', { given: '3F6C2A4E-0B1D-4C8E-9F00-123456789ABC', want: true }],
    ['rejects a GUID with a non-hex letter', { given: '3f6c2a4g-0b1d-4c8e-9f00-123456789abc', want: false }],
    ['rejects a GUID with braces', { given: '{3f6c2a4e-0b1d-4c8e-9f00-123456789ab}', want: false }],
    ['rejects a GUID without dashes', { given: '3f6c2a4e0b1d4c8e9f00123456789abc', want: false }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(isGuid(given)).toBe(want);
  });
});

describe('parseNumberLiteral', () => {
  const cases: [string, { given: string; want: number | undefined }][] = [
    ['reads an integer', { given: '42', want: 42 }],
    ['reads a negative integer', { given: '-7', want: -7 }],
    ['reads a decimal', { given: '10.25', want: 10.25 }],
    ['reads an exponent', { given: '1e3', want: 1000 }],
    ['reads a signed exponent', { given: '2.5E-1', want: 0.25 }],
    ['rejects a trailing dot', { given: '1.', want: undefined }],
    ['rejects a type suffix', { given: '12L', want: undefined }],
    ['rejects trailing letters', { given: '12abc', want: undefined }],
    ['rejects an overflowing number', { given: '1e999', want: undefined }],
    ['rejects a lone minus', { given: '-', want: undefined }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(parseNumberLiteral(given)).toBe(want);
  });
});
