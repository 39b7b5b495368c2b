// Against Prism serving the jobs spec (stateless, example-based): the shape checks pass, the stateful
// checks fail with a clear Received / Documented, and nothing crashes.
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SPEC_FILES } from '../lib/spec.ts';
import { allCases } from './cases/all-cases.ts';
import type { RunResult } from './runner/result.ts';
import { runSuite } from './runner/run-suite.ts';
import { type RunningServer, startServer } from './support/start-mock.ts';
import { testConfig } from './support/suite-under-test.ts';

let prism: RunningServer;
let result: RunResult;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const SHAPE = ['Jobs_Get.success', 'JobsView_List.success', 'JobsView_Get.success'];
const STATEFUL = ['Jobs_Put.persists', 'JobsView_List.contact-scope'];

beforeAll(async () => {
  const port = await freePort();
  // Prism's own script, not `npx prism`: stopping npx leaves its grandchild Prism running.
  prism = await startServer(
    process.execPath,
    [
      createRequire(import.meta.url).resolve('@stoplight/prism-cli'),
      'mock',
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      SPEC_FILES.jobs,
    ],
    /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/,
    'Prism',
    60_000,
  );
  result = await runSuite(testConfig(prism.baseUrl, 'prism', { only: [...SHAPE, ...STATEFUL] }), allCases());
}, 90_000);

afterAll(async () => {
  await prism?.stop();
});

it('passes the shape checks of reads on Prism', () => {
  for (const id of SHAPE) expect(result.cases.find((c) => c.id === id)?.outcome, id).toBe('passed');
});

it('fails the stateful checks on Prism with the rule they break', () => {
  const persists = result.cases.find((c) => c.id === 'Jobs_Put.persists');
  expect(persists?.failures.map((f) => f.rule)).toContain('HTTP-WRITE-PERSISTS');
  const scope = result.cases.find((c) => c.id === 'JobsView_List.contact-scope');
  expect(scope?.failures.map((f) => f.rule)).toContain('JOBSVIEW-CONTACT-SCOPE');
});

it('never errors on Prism: every case ends passed, failed, skipped or not applicable', () => {
  expect(result.cases.filter((c) => c.outcome === 'error').map((c) => c.reason)).toEqual([]);
});
