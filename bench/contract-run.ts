// Wall time of a full run of the contract suite against a fresh mock, and what its JSON report
// says it did. A suite that cannot run yet is reported, not fatal.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContractRun } from './bench-result.ts';
import { runToEnd } from './child-server.ts';
import { startMockServer } from './servers.ts';

const CLI = 'contract-tests/cli.ts';

type Report = {
  durationMs?: number;
  totals?: Record<string, number>;
  cases?: { exchanges?: unknown[] }[];
};

const lastLines = (text: string) => text.trim().split('\n').slice(-3).join(' | ').slice(0, 400);

export async function measureContractRun(
  jobs: number | undefined,
  seed: number,
  log: (line: string) => void,
): Promise<ContractRun> {
  if (!existsSync(CLI)) return { available: false, reason: `${CLI} does not exist` };
  const reportDir = mkdtempSync(join(tmpdir(), 'wo-bench-contract-'));
  const mock = await startMockServer(jobs, seed);
  try {
    log(`contract: npx tsx ${CLI} --base-url ${mock.url}`);
    const run = await runToEnd({
      name: 'wo-contract',
      command: 'npx',
      args: ['tsx', CLI, '--base-url', mock.url, '--report-dir', reportDir],
      timeoutMs: 300_000,
    });
    const file = join(reportDir, 'results.json');
    if (run.exitCode !== 0 && run.exitCode !== 1)
      return {
        available: false,
        reason: `exit ${run.signal ?? `code ${run.exitCode}`}: ${lastLines(run.output)}`,
      };
    if (!existsSync(file))
      return { available: false, reason: `no ${file} written: ${lastLines(run.output)}` };
    const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
    const cases = report.cases ?? [];
    const exchanges = cases.reduce((n, c) => n + (c.exchanges?.length ?? 0), 0);
    const suiteMs = report.durationMs ?? run.wallMs;
    return {
      available: true,
      jobs: jobs === undefined ? 'CLI default' : String(jobs),
      wallMs: Math.round(run.wallMs),
      suiteMs: Math.round(suiteMs),
      exchanges,
      cases: cases.length,
      exchangesPerSec: Math.round((exchanges / suiteMs) * 1000 * 10) / 10,
      casesPerSec: Math.round((cases.length / suiteMs) * 1000 * 10) / 10,
      outcomes: report.totals ?? {},
      exitCode: run.exitCode,
    };
  } finally {
    await mock.stop();
    rmSync(reportDir, { recursive: true, force: true });
  }
}
