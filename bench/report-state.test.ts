import { expect, it } from 'vitest';
import type { BenchResult } from './bench-result.ts';
import type { LoadFigures } from './load.ts';
import { toMarkdown } from './report.ts';
import { checkTargets } from './targets.ts';

const figures = (reqPerSec: number): LoadFigures => ({
  requests: reqPerSec * 3,
  reqPerSec,
  p50Ms: 5,
  p99Ms: 20,
  non2xx: 0,
  errors: 0,
  statusCodes: { 200: reqPerSec * 3 },
  durationSec: 3,
});

const run = (state: BenchResult['state']): BenchResult => {
  const partial = {
    startedAt: 'now',
    finishedAt: 'now',
    environment: {
      node: 'v20',
      platform: 'linux x64',
      cpus: 2,
      cpuModel: 'cpu',
      memoryGb: 4,
      loadAverageAtStart: [0],
      loadAverageAtEnd: [0],
    },
    settings: {
      durationSec: 1,
      warmupSec: 0,
      connections: 50,
      jobs: 1000,
      seed: 1,
      scaleSizes: [],
      scaleDurationSec: 1,
    },
    rows: [],
    ratios: [],
    scale: [],
    ...(state ? { state } : {}),
    notes: [],
  };
  return { ...partial, targets: checkTargets(partial) };
};

it('reports the state scenarios and judges their targets from the same figures', () => {
  const r = run({
    viewMix: {
      jobs: 100_000,
      startMs: 2400,
      repeated: figures(2000),
      varied: figures(1200),
      ratio: 0.6,
      rssAfterMb: 480,
    },
    killWrites: { cycles: 10, acknowledged: 500, lost: 0 },
    redisReads: { oneMemory: figures(6000), oneRedis: figures(3000), twoRedis: figures(4500) },
    writeCost: { memory: figures(2000), file: figures(900), redis: figures(700) },
  });
  const met = Object.fromEntries(r.targets.map((t) => [t.id, t.met]));
  expect(met).toMatchObject({
    'view-mix-rate': true,
    'view-mix-ratio': true,
    'view-mix-rss': true,
    'startup-100k': true,
    'kill-9-lost-writes': true,
  });
  const md = toMarkdown(r);
  expect(md).toContain('## State (issue 12)');
  expect(md).toMatch(/a different \$filter per request \| 1200 \|/);
  expect(md).toContain('0 of 500 acknowledged writes lost');
  expect(md).toMatch(/two instances sharing Redis \| 4500 \|/);
});

it('misses the targets the figures miss, and leaves unmeasured ones unjudged', () => {
  const r = run({
    viewMix: {
      jobs: 100_000,
      startMs: 4000,
      repeated: figures(2000),
      varied: figures(300),
      ratio: 0.15,
      rssAfterMb: 600,
    },
    killWrites: { cycles: 10, acknowledged: 500, lost: 1 },
  });
  const met = Object.fromEntries(r.targets.map((t) => [t.id, t.met]));
  expect(met).toMatchObject({
    'view-mix-rate': false,
    'view-mix-ratio': false,
    'view-mix-rss': false,
    'startup-100k': false,
    'kill-9-lost-writes': false,
  });
  expect(run(undefined).targets.find((t) => t.id === 'view-mix-rate')?.met).toBeUndefined();
});
