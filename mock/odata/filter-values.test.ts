import { describe, expect, it } from 'vitest';
import { type Compiled, constant, foldCase } from './filter-values.ts';

const readV = (r: unknown) => {
  const v = (r as { v?: unknown }).v;
  return typeof v === 'string' ? v : null;
};
const field: Compiled = { type: 'string', get: readV, describe: 'v' };

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
    [
      'reads the folded value a source keeps, instead of folding per record',
      { given: { ...field, folded: () => 'kept' }, want: { read: 'kept' } },
    ],
    ['keeps null as null', { given: constant('string', null, 'x'), want: { constant: null, read: null } }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    const folded = foldCase(given);
    expect(folded.constant?.value).toBe(want.constant);
    expect(folded.get({ v: 'AbC' })).toBe(want.read);
  });
});
