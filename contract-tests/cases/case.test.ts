import { expect, it } from 'vitest';
import { operation } from '../spec/api-catalog.ts';
import { allCases } from './all-cases.ts';

it("gives every case the family of the operation it names (the catalog's, not a second guess)", () => {
  const wrong = allCases()
    .filter((c) => operation(c.operationId).family !== c.family)
    .map((c) => `${c.id}: ${c.family}, but ${c.operationId} is ${operation(c.operationId).family}`);
  expect(wrong).toEqual([]);
});
