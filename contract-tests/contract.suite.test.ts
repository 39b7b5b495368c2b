// Every case of the suite as a vitest test, against WO_BASE_URL or a mock started for this file.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { allCases } from './cases/all-cases.ts';
import { jsonBody } from './http/body.ts';
import { failureDetails, formatFailure } from './report/failure-details.ts';
import type { RunResult } from './runner/result.ts';
import { runSuite } from './runner/run-suite.ts';
import { apiCatalog } from './spec/api-catalog.ts';
import type { RunningServer } from './support/start-mock.ts';
import { systemUnderTest, testConfig } from './support/suite-under-test.ts';

const cases = allCases();
let server: RunningServer | undefined;
let result: RunResult;

beforeAll(async () => {
  const sut = await systemUnderTest();
  server = sut.server;
  // One sequential run: the cases share records and must not race each other's writes.
  result = await runSuite(testConfig(sut.baseUrl, 'contract-suite'), cases);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

it.each([
  ['discovery', 'the list endpoints lead to records to test with'] as const,
  ...cases.map((c) => [c.id, c.title] as const),
  ['media-types', 'every refusal answers the same in each documented media type'] as const,
])('%s: %s', (id) => {
  const r = result.cases.find((c) => c.id === id);
  expect(r, `case ${id} did not run`).toBeDefined();
  if (!r) return;
  if (r.outcome === 'error') expect.fail(r.reason);
  if (r.outcome === 'failed')
    expect.fail(r.failures.map((f) => formatFailure(failureDetails(r, f))).join('\n\n'));
});

it('provokes every NextGen error code a client can cause at least once', () => {
  const seen = new Set(
    result.cases.flatMap((c) => c.exchanges).map((x) => jsonBody<{ code?: string }>(x)?.code),
  );
  // A server error (INTERNAL_ERROR, 500) is not something a client can provoke on purpose.
  const provokable = [...apiCatalog().errorCodes].filter(([, e]) => e.status < 500).map(([code]) => code);
  expect(provokable.filter((code) => !seen.has(code))).toEqual([]);
});
