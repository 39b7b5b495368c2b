import { expect, test } from 'vitest';
import { wildcardMatcher } from './wildcard.ts';

test.each([
  ['Pre*', 'Preventive maintenance', true],
  ['pre*', 'Preventive maintenance', true],
  ['*MAINT*', 'Preventive maintenance', true],
  ['*maintenance', 'Preventive maintenance', true],
  ['*ventive', 'Preventive maintenance', false],
  ['Preventive', 'Preventive maintenance', false],
  ['Preventive maintenance', 'preventive MAINTENANCE', true],
  ['a.c', 'abc', false],
  ['(x)*', '(x) y', true],
  ['*', '', true],
  ['**', 'anything', true],
  ['a*a', 'a', false],
  ['a*a', 'aa', true],
  ['ab*bc', 'abc', false],
  ['*a*b*c*', 'xaybzc', true],
  ['*a*b*c*', 'xcybza', false],
  ['p*e*e', 'preventive', true],
])('the pattern %s matches "%s": %s', (pattern, text, expected) => {
  expect(wildcardMatcher(pattern)(text)).toBe(expected);
});

test('many stars against a long text that almost matches: answered in one scan per part', () => {
  // As a regular expression (`^a.*a.*...b$`) this backtracks exponentially in the stars.
  const pattern = `${'*a'.repeat(40)}*b`;
  const text = 'a'.repeat(100_000);
  expect(wildcardMatcher(pattern)(text)).toBe(false);
  expect(wildcardMatcher(pattern)(`${text}b`)).toBe(true);
});
