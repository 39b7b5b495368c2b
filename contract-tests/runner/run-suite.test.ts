import { expect, it } from 'vitest';
import type { Case } from '../cases/case.ts';
import { buildConfig } from '../config/suite-config.ts';
import { cannedExchange } from '../support/canned-exchange.ts';
import { checkOnly, closeIds, coverageOf, mayWrite, selectCases } from './run-suite.ts';

const make = (id: string, operationId: Case['operationId'], rules: string[], writes = false): Case => ({
  id,
  title: id,
  family: 'jobs',
  operationId,
  rules,
  writes,
  run: async () => {},
});
const cases = [
  make('Jobs_Put.persists', 'Jobs_Put', ['HTTP-WRITE-PERSISTS'], true),
  make('Jobs_Get.404', 'Jobs_Get', ['JOB-NOT-FOUND']),
];

it('selects cases by id, id prefix, rule id or operationId', () => {
  expect(selectCases(cases, ['JOB-NOT-FOUND']).map((c) => c.id)).toEqual(['Jobs_Get.404']);
  expect(selectCases(cases, ['Jobs_Put']).map((c) => c.id)).toEqual(['Jobs_Put.persists']);
  expect(selectCases(cases, ['Jobs_Get']).map((c) => c.id)).toEqual(['Jobs_Get.404']);
  expect(selectCases(cases, [])).toHaveLength(2);
});

it('lets a case write only as the config allows', () => {
  const base = buildConfig({ baseUrl: 'http://x' }, {});
  const [writer, reader] = cases as [Case, Case];
  expect(mayWrite(writer, { ...base, writes: false })).toBe(false);
  expect(mayWrite(reader, { ...base, writes: false })).toBe(true);
  expect(mayWrite(writer, { ...base, writes: ['HTTP-WRITE-PERSISTS'] })).toBe(true);
});

it('marks a (operation, status, content type) row covered when an answer had it', () => {
  const rows = coverageOf([cannedExchange('Jobs_Get', 404, { Message: 'x' })]);
  expect(
    rows.find(
      (r) => r.operationId === 'Jobs_Get' && r.status === '404' && r.contentType === 'application/json',
    )?.covered,
  ).toBe(true);
  expect(
    rows.find((r) => r.operationId === 'Jobs_Get' && r.status === '404' && r.contentType === 'text/xml')
      ?.covered,
  ).toBe(false);
});

it('refuses --only values that match nothing and proposes the close ids', () => {
  expect(() => checkOnly(cases, ['Jobs_Get'])).not.toThrow();
  expect(() => checkOnly(cases, ['JOB-NOT-FOUN'])).toThrow(
    '--only JOB-NOT-FOUN matches no case id, rule id or operationId; close: JOB-NOT-FOUND',
  );
  expect(closeIds(cases, 'Jobs_P')).toEqual(['Jobs_Put', 'Jobs_Put.persists']);
  expect(closeIds(cases, 'zzzzzzzz')).toEqual([]);
});
