import { expect, it } from 'vitest';
import { FEATURES } from '../oracles/query/generate.ts';
import { queriesFor, queryOracleCases } from './query-oracle-cases.ts';

it('spends the --queries budget over the features, each at least once', () => {
  const total = (budget: number) => FEATURES.reduce((n, f) => n + queriesFor(f, budget), 0);
  expect(total(60)).toBe(60);
  expect(total(120)).toBe(120);
  expect(total(0)).toBe(0);
  expect(FEATURES.every((f) => queriesFor(f, 10) >= 1)).toBe(true);
});

it('has one case per feature besides the walk, the scope and XML cases, each naming its rules', () => {
  const cases = queryOracleCases();
  expect(cases.map((c) => c.id)).toEqual([
    'JobsView_List.oracle.walk',
    'JobsView_List.oracle.contact-scope',
    'JobsView_List.oracle.xml-pages',
    ...FEATURES.map((f) => `JobsView_List.oracle.${f}`),
  ]);
  expect(cases.every((c) => c.rules.length > 0 && !c.writes)).toBe(true);
});
