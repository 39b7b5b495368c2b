import { describe, expect, it } from 'vitest';
import { type Compiled, constant, foldCase } from './filter-values.ts';

const field: Compiled = { type: 'string', get: (r) => (typeof r.v === 'string' ? r.v : null), describe: 'v' };

describe('foldCase', () => {
  const cases: [string, { given: Compiled; want: { constant?: unknown; read: unknown } }][] = [
    [
      'lower-cases a string constant once',
      { given: constant('string', 'AbC', 'x'), want: { constant: 'abc', read: 'abc' } },
    ],
    ['lower-cases a string read per record', { given: field, want: { read: 'abc' } }],
    [
      'leaves a GUID untouched',
      { given: constant('guid', 'ABC', 'x'), want: { constant: 'ABC', read: 'ABC' } },
    ],
    ['keeps null as null', { given: constant('string', null, 'x'), want: { constant: null, read: null } }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    const folded = foldCase(given);
    expect(folded.constant?.value).toBe(want.constant);
    expect(folded.get({ v: 'AbC' })).toBe(want.read);
  });
});
