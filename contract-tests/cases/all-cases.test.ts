import { expect, it } from 'vitest';
import { apiCatalog, GENERIC_RULES } from '../spec/api-catalog.ts';
import { allCases, UNTESTABLE_RULES } from './all-cases.ts';

const cases = allCases();

it('covers every x-rules id with a case, or says why it cannot be checked over HTTP', () => {
  const covered = new Set(cases.flatMap((c) => c.rules));
  const missing = [...apiCatalog().rules.keys()].filter((id) => !covered.has(id) && !UNTESTABLE_RULES[id]);
  expect(missing).toEqual([]);
});

it('names only rules the specs or the generic list define', () => {
  const known = new Set([...apiCatalog().rules.keys(), ...Object.keys(GENERIC_RULES)]);
  expect(cases.flatMap((c) => c.rules).filter((r) => !known.has(r))).toEqual([]);
});

it('gives every case a unique id and an operation of the specs', () => {
  expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  for (const c of cases) expect(apiCatalog().operations.has(c.operationId), c.id).toBe(true);
});
