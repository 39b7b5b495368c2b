import { describe, expect, it } from 'vitest';
import type { FieldValue } from './field-values.ts';
import { FILTER_FUNCTIONS, UNSUPPORTED_FUNCTIONS } from './filter-functions.ts';
import { type Compiled, constant } from './filter-values.ts';

const arg = (value: FieldValue, fixed: boolean): Compiled =>
  fixed ? constant('string', value, 'c') : { type: 'string', get: () => value, describe: 'f' };

describe('FILTER_FUNCTIONS', () => {
  const cases: [string, { given: { name: string; args: Compiled[] }; want: FieldValue }][] = [
    [
      'contains ignores case',
      { given: { name: 'contains', args: [arg('Call Before', false), arg('BEFORE', true)] }, want: true },
    ],
    [
      'contains works with a part read per record',
      { given: { name: 'contains', args: [arg('abc', false), arg('B', false)] }, want: true },
    ],
    [
      'contains is false for a null value',
      { given: { name: 'contains', args: [arg(null, false), arg('a', true)] }, want: false },
    ],
    [
      'contains is false for a null part',
      { given: { name: 'contains', args: [arg('a', false), arg(null, true)] }, want: false },
    ],
    [
      'contains finds the empty string',
      { given: { name: 'contains', args: [arg('a', false), arg('', true)] }, want: true },
    ],
    [
      'startswith ignores case',
      { given: { name: 'startswith', args: [arg('Alice', false), arg('al', true)] }, want: true },
    ],
    [
      'startswith is false for a later match',
      { given: { name: 'startswith', args: [arg('Alice', false), arg('ice', true)] }, want: false },
    ],
    [
      'endswith ignores case',
      { given: { name: 'endswith', args: [arg('Alice', false), arg('ICE', true)] }, want: true },
    ],
    ['tolower lower-cases', { given: { name: 'tolower', args: [arg('AbC', false)] }, want: 'abc' }],
    ['toupper upper-cases', { given: { name: 'toupper', args: [arg('AbC', false)] }, want: 'ABC' }],
    ['tolower keeps null', { given: { name: 'tolower', args: [arg(null, false)] }, want: null }],
    ['length counts characters', { given: { name: 'length', args: [arg('abcd', false)] }, want: 4 }],
    ['length of null is null', { given: { name: 'length', args: [arg(null, false)] }, want: null }],
    [
      'year reads the UTC year',
      { given: { name: 'year', args: [constant('date-time', Date.UTC(2025, 11, 31, 23), 'd')] }, want: 2025 },
    ],
    [
      'month is 1-based',
      { given: { name: 'month', args: [constant('date-time', Date.UTC(2026, 0, 5), 'd')] }, want: 1 },
    ],
    [
      'day reads the UTC day',
      { given: { name: 'day', args: [constant('date-time', Date.UTC(2026, 5, 24, 23, 59), 'd')] }, want: 24 },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    const spec = FILTER_FUNCTIONS.get(given.name);
    expect(spec?.build(given.args)({})).toBe(want);
  });

  const signatures: [string, { given: string; want: { params: string[]; result: string } }][] = [
    [
      'contains takes two strings and returns a boolean',
      { given: 'contains', want: { params: ['string', 'string'], result: 'boolean' } },
    ],
    [
      'length takes a string and returns a number',
      { given: 'length', want: { params: ['string'], result: 'number' } },
    ],
    [
      'year takes a date-time and returns a number',
      { given: 'year', want: { params: ['date-time'], result: 'number' } },
    ],
  ];
  it.each(signatures)('%s', (_name, { given, want }) => {
    expect(FILTER_FUNCTIONS.get(given)).toMatchObject(want);
  });

  it('lists functions the standard has but this endpoint lacks', () => {
    expect([...UNSUPPORTED_FUNCTIONS].filter((name) => FILTER_FUNCTIONS.has(name))).toStrictEqual([]);
    expect(UNSUPPORTED_FUNCTIONS.has('substring')).toBe(true);
  });
});
