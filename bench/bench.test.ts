// Smoke test of the harness: a 1-second run of two scenarios against the mock and the bare Express
// server (no Prism, no scale, no contract suite). It checks the shape of the results, never a timing.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { BenchResult } from './bench-result.ts';
import { stopAllChildren } from './child-server.ts';
import { toMarkdown, writeResults } from './report.ts';
import { DEFAULT_SETTINGS, runBench } from './run-bench.ts';

let result: BenchResult;
const out = mkdtempSync(join(tmpdir(), 'wo-bench-test-'));

beforeAll(async () => {
  result = await runBench(
    {
      ...DEFAULT_SETTINGS,
      durationSec: 1,
      warmupSec: 0,
      jobs: 1000,
      servers: ['ours', 'bare'],
      scenarios: ['get-job', 'jobs-view-page'],
      scaleSizes: [],
      contract: false,
      state: false,
    },
    () => {},
  );
}, 60_000);

afterAll(async () => {
  await stopAllChildren();
  rmSync(out, { recursive: true, force: true });
});

test('measures each scenario the servers serve, with requests answered', () => {
  const measured = result.rows.map((r) => `${r.scenario}/${r.server}`);
  expect(measured).toEqual(['get-job/ours', 'get-job/bare', 'jobs-view-page/ours']);
  for (const row of result.rows) {
    const f = row.figures;
    expect(f, row.scenario).toBeDefined();
    expect(f?.requests).toBeGreaterThan(0);
    expect(f?.reqPerSec).toBeGreaterThan(0);
    expect(Number.isFinite(f?.p50Ms)).toBe(true);
    expect(Number.isFinite(f?.p99Ms)).toBe(true);
    expect(f?.non2xx).toBe(0);
    expect(row.peakMb).toBeGreaterThan(0);
  }
});

test('gives the ratio of the mock to the bare server and judges the targets it measured', () => {
  const getJob = result.ratios.find((r) => r.scenario === 'get-job');
  expect(getJob?.vsBare).toBeGreaterThan(0);
  expect(getJob?.vsPrism).toBeUndefined();
  const vsBare = result.targets.find((t) => t.id === 'get-job-vs-bare');
  expect(typeof vsBare?.met).toBe('boolean');
  expect(result.targets.find((t) => t.id === 'get-job-vs-prism')?.met).toBeUndefined();
});

test('writes the run as JSON and Markdown, timestamped and as latest', () => {
  const files = writeResults(result, out);
  expect(files).toHaveLength(4);
  expect(readdirSync(out).sort()).toEqual(
    expect.arrayContaining(['latest.json', 'latest.md', expect.stringMatching(/^\d{4}-.*\.json$/)]),
  );
  expect(JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8'))).toEqual(result);
  const md = readFileSync(join(out, 'latest.md'), 'utf8');
  expect(md).toBe(toMarkdown(result));
  expect(md).toMatch(/\| GET one job \| wo-mock \| \d+ \|/);
  expect(md).toContain('## Targets');
});
