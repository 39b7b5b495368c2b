// The targets of issue 5, judged on figures of the same run.
import type { BenchResult, TargetCheck } from './bench-result.ts';
import type { ScenarioId } from './scenarios.ts';

type Figures = Pick<BenchResult, 'rows' | 'ratios' | 'scale' | 'contract' | 'settings'> &
  Partial<Pick<BenchResult, 'state'>>;

const x = (n: number | undefined) => (n === undefined ? 'not measured' : `${n.toFixed(2)}x`);

function atLeast(value: number | undefined, min: number): boolean | undefined {
  return value === undefined ? undefined : value >= min;
}

function below(value: number | undefined, max: number): boolean | undefined {
  return value === undefined ? undefined : value < max;
}

export function checkTargets(r: Figures): TargetCheck[] {
  const ratio = (id: ScenarioId) => r.ratios.find((q) => q.scenario === id);
  const checks: TargetCheck[] = [];
  for (const [id, label] of [
    ['get-job', 'GET one job'],
    ['put-job', 'PUT a job'],
  ] as const) {
    const q = ratio(id);
    checks.push({
      id: `${id}-vs-prism`,
      description: `${label}: req/s against Prism's default static mock`,
      target: '>= 3x',
      measured: x(q?.vsPrism),
      met: atLeast(q?.vsPrism, 3),
    });
    checks.push({
      id: `${id}-vs-bare`,
      description: `${label}: req/s against the bare Express server (its GET route)`,
      target: '>= 0.8x',
      measured: x(q?.vsBare),
      met: atLeast(q?.vsBare, 0.8),
    });
  }
  const filter = r.rows.find((row) => row.scenario === 'jobs-view-filter' && row.server === 'ours')?.figures;
  const at50 = r.settings.connections === 50;
  checks.push({
    id: 'jobs-view-filter-p99',
    description: `JobsView $filter + $orderby with ${r.settings.jobs} jobs, p99 at ${r.settings.connections} connections`,
    target: '< 25 ms at 50 connections, 10k jobs',
    measured: filter ? `${filter.p99Ms} ms` : 'not measured',
    met: at50 && r.settings.jobs === 10_000 ? below(filter?.p99Ms, 25) : undefined,
  });
  const scale = (jobs: number) => r.scale.find((s) => s.jobs === jobs);
  const s10k = scale(10_000);
  checks.push({
    id: 'startup-10k',
    description: 'Start-up with 10k jobs (spawn of the CLI to its "listening" line)',
    target: '< 2000 ms',
    measured:
      s10k?.startMs !== undefined
        ? `${s10k.startMs} ms (the CLI's own "ready in": ${s10k.readyMs ?? '?'} ms)`
        : 'not measured',
    met: below(s10k?.startMs, 2000),
  });
  const s100k = scale(100_000);
  checks.push({
    id: 'memory-100k',
    description: 'Peak RSS with 100k jobs (start-up and JobsView $filter load)',
    target: '< 250 MB',
    measured: s100k?.peakMb !== undefined ? `${s100k.peakMb} MB` : 'not measured',
    met: below(s100k?.peakMb, 250),
  });
  // Issue 12.
  const mix = r.state?.viewMix && 'varied' in r.state.viewMix ? r.state.viewMix : undefined;
  checks.push(
    {
      id: 'view-mix-rate',
      description: 'JobsView at 100k jobs, a different $filter per request',
      target: '>= 1000 req/s',
      measured: mix ? `${mix.varied.reqPerSec} req/s (p99 ${mix.varied.p99Ms} ms)` : 'not measured',
      met: atLeast(mix?.varied.reqPerSec, 1000),
    },
    {
      id: 'view-mix-ratio',
      description: 'JobsView at 100k jobs: distinct $filters against one repeated query',
      target: '>= 0.5x',
      measured: mix ? `${x(mix.ratio)} (repeated: ${mix.repeated.reqPerSec} req/s)` : 'not measured',
      met: atLeast(mix?.ratio, 0.5),
    },
    {
      id: 'view-mix-rss',
      description: 'RSS after the JobsView query mix at 100k jobs',
      target: '<= 500 MB',
      measured: mix?.rssAfterMb !== undefined ? `${mix.rssAfterMb} MB` : 'not measured',
      met: mix?.rssAfterMb === undefined ? undefined : mix.rssAfterMb <= 500,
    },
    {
      id: 'startup-100k',
      description: 'Start-up with 100k jobs (spawn to the "listening" line)',
      target: '<= 2500 ms',
      measured: mix ? `${mix.startMs} ms` : 'not measured',
      met: mix ? mix.startMs <= 2500 : undefined,
    },
  );
  const kill = r.state?.killWrites && 'lost' in r.state.killWrites ? r.state.killWrites : undefined;
  checks.push({
    id: 'kill-9-lost-writes',
    description: 'kill -9 during writes with --state-file: acknowledged writes lost',
    target: '0',
    measured: kill ? `${kill.lost} of ${kill.acknowledged} in ${kill.cycles} kills` : 'not measured',
    met: kill ? kill.lost === 0 : undefined,
  });
  const c = r.contract;
  checks.push({
    id: 'contract-run',
    description: 'Full contract suite run against the mock (wall time)',
    target: '< 30 s',
    measured: c?.available ? `${(c.wallMs / 1000).toFixed(1)} s` : 'not measured',
    met: c?.available ? c.wallMs < 30_000 : undefined,
  });
  return checks;
}
