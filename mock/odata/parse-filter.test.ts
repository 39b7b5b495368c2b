import { describe, expect, it } from 'vitest';
import { parseFilter } from './parse-filter.ts';
import type { FieldTypes, ODataError, QueryLimits } from './types.ts';

const fields: FieldTypes = {
  id: 'uuid',
  name: 'string',
  status: 'string',
  note: 'string',
  estimated_time: 'integer',
  price: 'number',
  created_at: 'date-time',
  active: 'boolean',
};

const records: Record<string, unknown>[] = [
  {
    key: 1,
    id: '3f6c2a4e-0b1d-4c8e-9f00-123456789abc',
    name: 'Alice',
    status: 'Open',
    note: "it's urgent",
    estimated_time: 30,
    price: 10.5,
    created_at: '2026-01-15T08:00:00Z',
    active: true,
  },
  {
    key: 2,
    id: 'A0000000-0000-4000-8000-000000000002',
    name: 'bob',
    status: 'Closed',
    note: '',
    estimated_time: 60,
    price: 99.99,
    created_at: '2025-12-31T23:59:59.999Z',
    active: false,
  },
  {
    key: 3,
    id: 'b0000000-0000-4000-8000-000000000003',
    name: 'Carol',
    status: 'open',
    note: 'Call before',
    estimated_time: 0,
    price: 0,
    created_at: '2026-06-24T04:00:31.127Z',
    active: true,
  },
  {
    key: 4,
    id: 'c0000000-0000-4000-8000-000000000004',
    name: 'dave',
    status: 'Pending',
    note: 'x',
    estimated_time: 45,
    price: 1000,
    created_at: '2026-03-01T00:00:00+02:00',
    active: false,
  },
  { key: 5, name: 'Eve' },
];

function keysMatching(filter: string): unknown {
  const predicate = parseFilter(filter, fields);
  return predicate.ok ? records.filter(predicate.value).map((r) => r.key) : predicate.error.message;
}

describe('parseFilter', () => {
  const matches: [string, { given: string; want: number[] }][] = [
    ['matches strings with eq ignoring case', { given: "name eq 'ALICE'", want: [1] }],
    [
      'matches strings with ne ignoring case and keeps missing values',
      { given: "status ne 'OPEN'", want: [2, 4, 5] },
    ],
    ['orders strings ignoring case', { given: "name lt 'C'", want: [1, 2] }],
    ['matches integers with gt', { given: 'estimated_time gt 30', want: [2, 4] }],
    ['matches integers with ge', { given: 'estimated_time ge 30', want: [1, 2, 4] }],
    ['matches integers with lt', { given: 'estimated_time lt 30', want: [3] }],
    ['matches integers with le', { given: 'estimated_time le 30', want: [1, 3] }],
    ['matches integers with eq', { given: 'estimated_time eq 0', want: [3] }],
    ['matches a negative literal', { given: 'estimated_time gt -1', want: [1, 2, 3, 4] }],
    ['matches an integer field against a decimal', { given: 'estimated_time gt 29.5', want: [1, 2, 4] }],
    ['matches decimals', { given: 'price lt 10.6', want: [1, 3] }],
    ['matches an exponent literal', { given: 'price ge 1e3', want: [4] }],
    ['matches two fields against each other', { given: 'estimated_time gt price', want: [1] }],
    ['matches a literal on the left', { given: '30 lt estimated_time', want: [2, 4] }],
    ['matches dates after a date-time', { given: 'created_at gt 2026-01-01T00:00:00Z', want: [1, 3, 4] }],
    ['matches dates before a date-time', { given: 'created_at lt 2026-01-01T00:00:00Z', want: [2] }],
    [
      'matches a record date with an offset chronologically',
      { given: 'created_at eq 2026-02-28T22:00:00Z', want: [4] },
    ],
    [
      'matches a literal with an offset chronologically',
      { given: 'created_at eq 2026-03-01T00:00:00+02:00', want: [4] },
    ],
    [
      'matches a date-time to the millisecond',
      { given: 'created_at eq 2026-06-24T04:00:31.127Z', want: [3] },
    ],
    ['matches seven fractional digits', { given: 'created_at eq 2026-06-24T04:00:31.1270000Z', want: [3] }],
    [
      'matches the last millisecond of a year',
      { given: 'created_at ge 2025-12-31T23:59:59.999Z and created_at lt 2026-01-01T00:00:00Z', want: [2] },
    ],
    [
      'matches GUIDs ignoring case in the record',
      { given: 'id eq a0000000-0000-4000-8000-000000000002', want: [2] },
    ],
    [
      'matches GUIDs ignoring case in the literal',
      { given: 'id eq 3F6C2A4E-0B1D-4C8E-9F00-123456789ABC', want: [1] },
    ],
    ['matches GUIDs with ne', { given: 'id ne 3f6c2a4e-0b1d-4c8e-9f00-123456789abc', want: [2, 3, 4, 5] }],
    ['matches an escaped quote', { given: "note eq 'it''s urgent'", want: [1] }],
    ['matches the empty string', { given: "note eq ''", want: [2] }],
    ['matches a boolean field on its own', { given: 'active', want: [1, 3] }],
    ['matches a negated boolean field without missing values', { given: 'not active', want: [2, 4] }],
    ['matches a boolean with eq', { given: 'active eq false', want: [2, 4] }],
    ['matches missing values with eq null', { given: 'status eq null', want: [5] }],
    ['matches null on the left', { given: 'null eq status', want: [5] }],
    ['matches present values with ne null', { given: 'status ne null', want: [1, 2, 3, 4] }],
    ['matches contains ignoring case', { given: "contains(name,'AL')", want: [1] }],
    ['matches contains with a lower-case letter', { given: "contains(name,'a')", want: [1, 3, 4] }],
    ['matches startswith', { given: "startswith(name,'B')", want: [2] }],
    ['matches endswith', { given: "endswith(name,'E')", want: [1, 4, 5] }],
    ['matches tolower', { given: "tolower(name) eq 'alice'", want: [1] }],
    ['matches toupper', { given: "toupper(status) eq 'OPEN'", want: [1, 3] }],
    ['matches length', { given: 'length(name) eq 3', want: [2, 5] }],
    ['matches nested functions', { given: 'length(tolower(name)) gt 4', want: [1, 3] }],
    [
      'matches a function inside a function argument',
      { given: "contains(tolower(note), 'call')", want: [3] },
    ],
    ['matches year in UTC', { given: 'year(created_at) eq 2025', want: [2] }],
    ['matches month in UTC', { given: 'month(created_at) eq 2', want: [4] }],
    ['matches day in UTC', { given: 'day(created_at) eq 24', want: [3] }],
    ['matches everything with true', { given: 'true', want: [1, 2, 3, 4, 5] }],
    ['matches nothing with false', { given: 'false', want: [] }],
    ['binds and tighter than or', { given: "active or name eq 'bob' and estimated_time eq 0", want: [1, 3] }],
    [
      'lets parentheses group or before and',
      { given: "(active or name eq 'bob') and estimated_time eq 0", want: [3] },
    ],
    [
      'binds and tighter than a following or',
      { given: "name eq 'bob' and estimated_time eq 60 or active", want: [1, 2, 3] },
    ],
    ['binds not tighter than and', { given: 'not active and estimated_time gt 0', want: [2, 4] }],
    ['negates a whole group', { given: 'not (active and estimated_time gt 0)', want: [2, 3, 4, 5] }],
    ['binds not tighter than or', { given: "not contains(name,'a') or active", want: [1, 2, 3, 5] }],
    ['cancels a double negation', { given: 'not not active', want: [1, 3] }],
    ['finds nothing for a contradiction', { given: 'active and not active', want: [] }],
    ['ignores extra whitespace', { given: "  name   eq\t'Alice'  ", want: [1] }],
    ['needs no spaces around parentheses', { given: "(name eq 'Alice')or(name eq 'bob')", want: [1, 2] }],
    ['allows spaces inside function calls', { given: "contains( name , 'a' )", want: [1, 3, 4] }],
    [
      'accepts an expression of exactly 2000 characters',
      { given: `name eq '${'x'.repeat(1990)}'`, want: [] },
    ],
    ['allows 32 levels of parentheses', { given: `${'('.repeat(32)}active${')'.repeat(32)}`, want: [1, 3] }],
  ];
  it.each(matches)('%s', (_name, { given, want }) => {
    expect(keysMatching(given)).toStrictEqual(want);
  });

  const errors: [string, { given: { text: string; limits?: QueryLimits }; want: Partial<ODataError> }][] = [
    [
      'rejects an empty expression',
      { given: { text: '' }, want: { message: 'The $filter expression is empty', position: 0 } },
    ],
    [
      'rejects a blank expression',
      { given: { text: '   ' }, want: { message: 'The $filter expression is empty' } },
    ],
    [
      'rejects an expression over 2000 characters',
      {
        given: { text: `name eq '${'x'.repeat(1991)}'` },
        want: {
          message: 'The $filter expression is 2001 characters long; the maximum is 2000',
          position: 2000,
        },
      },
    ],
    [
      'accepts a custom length limit',
      {
        given: { text: 'active', limits: { maxExpressionLength: 5 } },
        want: { message: 'The $filter expression is 6 characters long; the maximum is 5' },
      },
    ],
    [
      'rejects 33 levels of parentheses',
      {
        given: { text: `${'('.repeat(33)}active${')'.repeat(33)}` },
        want: {
          message:
            "The $filter expression is nested too deeply at position 32; at most 32 levels of parentheses, functions and 'not' are allowed",
          position: 32,
        },
      },
    ],
    [
      'rejects 33 nested nots',
      {
        given: { text: `${'not '.repeat(33)}active` },
        want: {
          message:
            "The $filter expression is nested too deeply at position 128; at most 32 levels of parentheses, functions and 'not' are allowed",
        },
      },
    ],
    [
      'accepts a custom depth limit',
      {
        given: { text: '((active))', limits: { maxDepth: 1 } },
        want: {
          message:
            "The $filter expression is nested too deeply at position 1; at most 1 levels of parentheses, functions and 'not' are allowed",
        },
      },
    ],
    [
      'rejects a missing value after eq',
      {
        given: { text: 'status eq' },
        want: {
          message: "Syntax error at position 9 in '$filter': expected a value after 'eq'",
          position: 9,
        },
      },
    ],
    [
      'rejects upper-case AND',
      {
        given: { text: "name eq 'a' AND active" },
        want: {
          message:
            "The operator 'AND' at position 12 in $filter is not valid; OData operators are lower case: 'and'",
        },
      },
    ],
    [
      'rejects an unknown property',
      {
        given: { text: "nme eq 'x'" },
        want: {
          message:
            "Unknown property 'nme' at position 0 in $filter; allowed properties are listed in the spec (did you mean 'name'?)",
        },
      },
    ],
    [
      'rejects a type mismatch',
      {
        given: { text: "estimated_time eq 'abc'" },
        want: {
          message:
            "Type mismatch at position 15 in $filter: cannot compare 'estimated_time' (integer) with the string literal 'abc'; a number literal is written without quotes, e.g. 42",
        },
      },
    ],
    [
      'rejects an unterminated string',
      {
        given: { text: "name eq 'x" },
        want: {
          message:
            "Syntax error at position 8 in '$filter': the string literal is not closed; add a closing single quote",
        },
      },
    ],
  ];
  it.each(errors)('%s', (_name, { given, want }) => {
    const result = parseFilter(given.text, fields, given.limits);
    expect(result.ok ? 'parsed' : result.error).toMatchObject({ ...want, parameter: '$filter' });
  });

  const hostile: [string, { given: { text: string; limits?: QueryLimits }; want: false }][] = [
    [
      'returns an error instead of overflowing the stack on huge nesting',
      {
        given: {
          text: `${'('.repeat(500_000)}active${')'.repeat(500_000)}`,
          limits: { maxDepth: 10_000_000, maxExpressionLength: 10_000_000 },
        },
        want: false,
      },
    ],
    [
      'returns an error for unbalanced quotes of any length',
      { given: { text: "'".repeat(1999) }, want: false },
    ],
    ['returns an error for control characters', { given: { text: 'name eq \u0000' }, want: false }],
    ['returns an error for emoji', { given: { text: "name eq 'a' 😀" }, want: false }],
  ];
  it.each(hostile)('%s', (_name, { given, want }) => {
    expect(parseFilter(given.text, fields, given.limits).ok).toBe(want);
  });

  it('evaluates a compiled filter over 100k records quickly', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({
      name: `Name${i}`,
      estimated_time: i % 97,
      created_at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      active: i % 2 === 0,
    }));
    const predicate = parseFilter(
      "(contains(name,'9') and estimated_time gt 10 or not active) and created_at lt 2026-03-01T00:00:00Z",
      fields,
    );
    if (!predicate.ok) throw new Error(predicate.error.message);
    const started = performance.now();
    const count = many.filter(predicate.value).length;
    expect(count).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
