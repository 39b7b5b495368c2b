// The suite against systems nobody resets (issue 10): ten whole runs in a row against one mock, in
// one and the same session, all pass; and no false failure over other seeds, sizes and the merge PUT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCases } from './cases/all-cases.ts';
import type { RunResult } from './runner/result.ts';
import { runSuite } from './runner/run-suite.ts';
import { type MockData, type RunningServer, startMock } from './support/start-mock.ts';
import { testConfig } from './support/suite-under-test.ts';

// About 5 s a run on an idle machine; the timeouts leave room for a loaded one (2 cores, 8 engineers).
const RUNS = 10;

/** What went wrong in a run, one line per case that failed or errored. */
function problems(result: RunResult): string[] {
  return result.cases
    .filter((c) => c.outcome === 'failed' || c.outcome === 'error')
    .map((c) => `${c.id}: ${c.failures.map((f) => f.message).join('; ')}${c.reason ?? ''}`);
}

describe('ten runs against one unreset mock, same session', () => {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startMock();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('passes every run, and skips nothing the first run did not skip', async () => {
    // One config, so one X-Mock-Session for all ten runs: each run sees what the earlier ones left.
    const config = testConfig(server?.baseUrl ?? '', 'rerun');
    const cases = allCases();
    const skippedFirst = new Set<string>();
    for (let run = 1; run <= RUNS; run++) {
      const result = await runSuite(config, cases);
      expect(problems(result), `run ${run} of ${RUNS}`).toEqual([]);
      const skipped = result.cases.filter((c) => c.outcome === 'skipped').map((c) => c.id);
      if (run === 1) for (const id of skipped) skippedFirst.add(id);
      // Leftovers are reused: a later run must not lose cases to what earlier runs created.
      else
        expect(
          skipped.filter((id) => !skippedFirst.has(id)),
          `newly skipped in run ${run}`,
        ).toEqual([]);
    }
  }, 600_000);
});

// Bounded: small data for three seeds, one large data set, and the merge PUT.
const VARIANTS: MockData[] = [
  { seed: 1, jobs: 30 },
  { seed: 2, jobs: 30 },
  { seed: 3, jobs: 30 },
  { seed: 4, jobs: 10_000 },
  { seed: 5, jobs: 200, putMode: 'merge' },
];

describe.each(VARIANTS.map((v) => [JSON.stringify(v), v] as const))('a mock with %s', (_name, data) => {
  it('passes the whole suite', async () => {
    const server = await startMock(data);
    try {
      const result = await runSuite(testConfig(server.baseUrl, `rerun-${data.seed}`), allCases());
      expect(problems(result)).toEqual([]);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
