import { expect, it } from 'vitest';
import { cannedExchange } from '../support/canned-exchange.ts';
import { coverageCounts, coverageOf } from './coverage.ts';

const row = (op: string, status: string, type: string) =>
  coverageOf([cannedExchange('Jobs_Get', 404, { Message: 'x' })]).find(
    (r) => r.operationId === op && r.status === status && r.contentType === type,
  );

it('tells the answers no client can provoke, with why, from those not covered', () => {
  expect(row('Jobs_Get', '404', 'application/json')).toMatchObject({ covered: true, provokable: true });
  expect(row('Jobs_Get', '404', 'text/xml')).toMatchObject({ covered: false, provokable: true });
  expect(row('Jobs_Get', '500', 'application/json')?.reason).toMatch(/server failure \(500\)/);
  expect(row('Jobs_Get', '406', 'application/xml')?.reason).toMatch(/default application\/json/);
  expect(row('Jobs_Get', '406', 'application/json')?.provokable).toBe(true);
  expect(row('Jobs_Get', '403', 'application/json')?.reason).toMatch(/A5/);
  expect(row('Jobs_Put', '403', 'application/json')?.provokable).toBe(true);
});

it('counts provokable rows seen against all provokable rows', () => {
  const rows = coverageOf([cannedExchange('Jobs_Get', 404, { Message: 'x' })]);
  const n = coverageCounts(rows);
  expect(n.covered).toBe(1);
  expect(n.provokable + n.unprovokable).toBe(rows.length);
  expect(n.missing).toHaveLength(n.provokable - 1);
});
