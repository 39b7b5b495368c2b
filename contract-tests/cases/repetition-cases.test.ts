import { expect, it } from 'vitest';
import { apiCatalog } from '../spec/api-catalog.ts';
import { repetitionCases } from './repetition-cases.ts';

it('repeats each idempotent write and the Suggested side effect, naming documented rules', () => {
  const cases = repetitionCases();
  expect(cases.map((c) => c.id)).toEqual([
    'Jobs_Put.repeat',
    'JobPartUsage_Save.repeat',
    'WorkOrderTypes_Patch.repeat',
    'Jobs_Put.repeat-suggested',
  ]);
  for (const c of cases) {
    expect(c.writes).toBe(true);
    for (const rule of c.rules)
      expect(apiCatalog().rules.has(rule) || rule.startsWith('HTTP-'), `${c.id}: ${rule}`).toBe(true);
  }
});
