import { expect, it } from 'vitest';
import { jobsViewPageSize, jobsViewTypes, oracleOptions } from '../oracles/jobs-view.ts';
import { FEATURES, queryGenerator } from '../oracles/query/generate.ts';
import { validJobsViewRow } from '../support/canned-exchange.ts';
import { featureSeed, queriesFor, queryOracleCases } from './query-oracle-cases.ts';

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

it('generates other queries for another --seed, the same ones for the same seed', () => {
  const rows = Array.from({ length: 40 }, (_, i) =>
    validJobsViewRow({
      id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      id2: i + 1,
      name: `Pump ${i % 7}`,
    }),
  );
  const queries = (seed: number) =>
    FEATURES.map((f) =>
      JSON.stringify(
        queryGenerator(
          rows,
          jobsViewTypes(),
          featureSeed(oracleOptions({ seed }), f, 0),
          jobsViewPageSize(),
        ).query(f, 0),
      ),
    );
  expect(oracleOptions(undefined).seed).toBe(1);
  expect(queries(1)).toEqual(queries(1));
  const differing = queries(1).filter((q, i) => q !== queries(2)[i]);
  expect(differing.length).toBeGreaterThan(FEATURES.length / 2);
});
