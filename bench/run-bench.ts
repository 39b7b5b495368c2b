// One bench run: start the servers, drive each scenario against each server in turn, then the
// scale and contract measurements, and judge the targets. Every child is stopped at the end.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchResult, Ratios, ScenarioRow } from './bench-result.ts';
import { type ChildServer, stopAllChildren } from './child-server.ts';
import { measureContractRun } from './contract-run.ts';
import { cpuTimeMs } from './cpu-time.ts';
import { discoverFixtures, type Fixtures } from './fixtures.ts';
import { runLoad } from './load.ts';
import { PeakMemory } from './peak-memory.ts';
import { measureScale } from './scale.ts';
import { SCENARIOS, type ScenarioId, SERVER_LABELS, type ServerKind } from './scenarios.ts';
import { startBareExpress, startMockServer, startPrism } from './servers.ts';
import { measureState } from './state-bench.ts';
import { checkTargets } from './targets.ts';

export type BenchSettings = {
  durationSec: number;
  warmupSec: number;
  connections: number;
  jobs: number;
  seed: number;
  servers: ServerKind[];
  scenarios: ScenarioId[];
  scaleSizes: number[];
  scaleDurationSec: number;
  /** Run the contract suite; the mock then has `contractJobs` jobs (undefined: the CLI default). */
  contract: boolean;
  contractJobs: number | undefined;
  /** The state scenarios of issue 12 (JobsView query mix, kill -9, Redis, write cost). */
  state: boolean;
  /** kill -9 cycles of the state scenarios. */
  killCycles: number;
};

export const DEFAULT_SETTINGS: BenchSettings = {
  durationSec: 10,
  warmupSec: 1,
  connections: 50,
  jobs: 10_000,
  seed: 42,
  servers: ['ours', 'bare', 'prism', 'prism-quiet'],
  scenarios: SCENARIOS.map((s) => s.id),
  scaleSizes: [1_000, 10_000, 100_000],
  scaleDurationSec: 3,
  contract: true,
  contractJobs: undefined,
  state: true,
  killCycles: 10,
};

const round = (n: number) => Math.round(n * 100) / 100;
const loadAverage = () => loadavg().map((n) => round(n));

function commit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: 'pipe' }).trim();
  } catch {
    return undefined;
  }
}

type Servers = Partial<Record<ServerKind, { jobs?: ChildServer; nextgen?: ChildServer }>>;

async function startServers(
  settings: BenchSettings,
  log: (line: string) => void,
  bodyDir: string,
): Promise<{ servers: Servers; fixtures: Fixtures }> {
  log(`starting wo-mock with ${settings.jobs} jobs`);
  const mock = await startMockServer(settings.jobs, settings.seed);
  // The mock serves both API families on one port (ASSUMPTIONS.md M1).
  const servers: Servers = { ours: { jobs: mock, nextgen: mock } };
  const fixtures = await discoverFixtures(mock.url);
  if (settings.servers.includes('bare')) {
    const bodyFile = join(bodyDir, 'job.json');
    writeFileSync(bodyFile, fixtures.jobBody);
    log('starting the bare Express server');
    const bare = await startBareExpress(bodyFile);
    servers.bare = { jobs: bare };
  }
  for (const kind of ['prism', 'prism-quiet'] as const) {
    if (!settings.servers.includes(kind)) continue;
    const quiet = kind === 'prism-quiet';
    const wanted = SCENARIOS.filter((s) => settings.scenarios.includes(s.id));
    const entry: { jobs?: ChildServer; nextgen?: ChildServer } = {};
    for (const family of ['jobs', 'nextgen'] as const) {
      if (!wanted.some((s) => s.family === family)) continue;
      log(`starting Prism${quiet ? ' -v error' : ''} on the ${family} spec`);
      entry[family] = await startPrism(family, quiet);
    }
    servers[kind] = entry;
  }
  return { servers, fixtures };
}

async function runScenarios(
  settings: BenchSettings,
  servers: Servers,
  fixtures: Fixtures,
  log: (line: string) => void,
): Promise<ScenarioRow[]> {
  const rows: ScenarioRow[] = [];
  // Reads first: the writes change the data the reads would otherwise see rebuilt.
  for (const scenario of SCENARIOS.filter((s) => settings.scenarios.includes(s.id))) {
    for (const kind of settings.servers) {
      const server = servers[kind]?.[scenario.family];
      const plan = scenario.plan(kind, fixtures, settings.connections);
      if (plan === undefined) continue;
      const base = {
        scenario: scenario.id,
        title: scenario.title,
        server: kind,
        serverLabel: SERVER_LABELS[kind],
      };
      if ('skip' in plan) {
        rows.push({ ...base, skipped: plan.skip });
        continue;
      }
      if (!server) continue;
      const load = { url: server.url, connections: settings.connections, requests: plan.requests };
      if (settings.warmupSec > 0) await runLoad({ ...load, durationSec: settings.warmupSec });
      log(`${scenario.title}: ${SERVER_LABELS[kind]} for ${settings.durationSec} s`);
      const memory = new PeakMemory(server.pid);
      memory.start();
      const cpuBefore = cpuTimeMs(server.pid);
      const figures = await runLoad({ ...load, durationSec: settings.durationSec });
      const cpuAfter = cpuTimeMs(server.pid);
      const peak = memory.stop();
      const cpu =
        cpuBefore !== undefined && cpuAfter !== undefined && figures.requests > 0
          ? { cpuUsPerRequest: Math.round(((cpuAfter - cpuBefore) * 1000) / figures.requests) }
          : {};
      rows.push({
        ...base,
        figures,
        ...cpu,
        peakMb: peak.peakMb,
        memoryMethod: peak.method,
        ...(plan.note ? { note: plan.note } : {}),
      });
    }
  }
  return rows;
}

function ratiosOf(rows: ScenarioRow[], scenarios: ScenarioId[]): Ratios[] {
  const rps = (scenario: ScenarioId, server: ServerKind) =>
    rows.find((r) => r.scenario === scenario && r.server === server)?.figures?.reqPerSec;
  const bare = rps('get-job', 'bare');
  const cpu = (scenario: ScenarioId, server: ServerKind) =>
    rows.find((r) => r.scenario === scenario && r.server === server)?.cpuUsPerRequest;
  const bareCpu = cpu('get-job', 'bare');
  const out: Ratios[] = [];
  for (const s of SCENARIOS.filter((x) => scenarios.includes(x.id))) {
    const ours = rps(s.id, 'ours');
    if (ours === undefined) continue;
    const divide = (other: number | undefined) => (other ? round(ours / other) : undefined);
    const q: Ratios = { scenario: s.id, title: s.title };
    const prism = divide(rps(s.id, 'prism'));
    const quiet = divide(rps(s.id, 'prism-quiet'));
    const vsBare = divide(bare);
    if (prism !== undefined) q.vsPrism = prism;
    if (quiet !== undefined) q.vsPrismQuiet = quiet;
    if (vsBare !== undefined) q.vsBare = vsBare;
    const oursCpu = cpu(s.id, 'ours');
    if (bareCpu && oursCpu) q.vsBareByCpu = round(bareCpu / oursCpu);
    out.push(q);
  }
  return out;
}

export async function runBench(
  settings: BenchSettings,
  log: (line: string) => void = (line) => process.stderr.write(`bench: ${line}\n`),
): Promise<BenchResult> {
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadAverage();
  const notes: string[] = [];
  const bodyDir = mkdtempSync(join(tmpdir(), 'wo-bench-body-'));
  let rows: ScenarioRow[] = [];
  let fixtures: Fixtures | undefined;
  try {
    const started = await startServers(settings, log, bodyDir);
    fixtures = started.fixtures;
    rows = await runScenarios(settings, started.servers, fixtures, log);
  } finally {
    await stopAllChildren();
    rmSync(bodyDir, { recursive: true, force: true });
  }
  const scale =
    settings.scaleSizes.length > 0
      ? await measureScale(
          {
            sizes: settings.scaleSizes,
            durationSec: settings.scaleDurationSec,
            connections: settings.connections,
            seed: settings.seed,
          },
          log,
        ).finally(stopAllChildren)
      : [];
  const state = settings.state
    ? await measureState(
        {
          viewJobs: 100_000,
          jobs: settings.jobs,
          seed: settings.seed,
          durationSec: settings.scaleDurationSec,
          connections: settings.connections,
          killCycles: settings.killCycles,
        },
        log,
      ).finally(stopAllChildren)
    : undefined;
  let contract: BenchResult['contract'];
  if (settings.contract) {
    contract = await measureContractRun(settings.contractJobs, settings.seed, log)
      .catch((e: Error) => ({ available: false as const, reason: e.message.split('\n')[0] ?? String(e) }))
      .finally(stopAllChildren);
  }
  if (settings.servers.includes('bare'))
    notes.push(
      'The bare Express server has one route, GET /api/Jobs(<id>), sending the body of the same job read once at start; every "/ bare Express" ratio divides by that GET figure, the ceiling of Express on this machine.',
    );
  if (rows.some((r) => r.server.startsWith('prism') && r.figures))
    notes.push(
      'Prism is started with `npx prism mock -h 127.0.0.1 -p <port> <spec>` (static examples, request logging at info level) and again with `-v error`; its memory is that of the process holding the listening socket, not of npx.',
    );
  notes.push(
    'Peak RSS per scenario: VmHWM of the server process, reset through /proc/<pid>/clear_refs before each scenario (polled VmRSS where that is refused); in the scale table it is the peak over the whole life of the process.',
    'Save a part usage sends a new id each request, so each one creates a record (201) and the mock grows during the run; it is not an upsert of one record.',
  );
  const partial = {
    startedAt,
    finishedAt: new Date().toISOString(),
    environment: {
      node: process.version,
      platform: `${platform()} ${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      memoryGb: round(totalmem() / 1024 ** 3),
      loadAverageAtStart,
      loadAverageAtEnd: loadAverage(),
      ...(commit() ? { commit: commit() as string } : {}),
    },
    settings: {
      durationSec: settings.durationSec,
      warmupSec: settings.warmupSec,
      connections: settings.connections,
      jobs: settings.jobs,
      seed: settings.seed,
      scaleSizes: settings.scaleSizes,
      scaleDurationSec: settings.scaleDurationSec,
    },
    ...(fixtures
      ? {
          fixtures: {
            jobId: fixtures.jobId,
            viewRowsInScope: fixtures.viewRowsInScope,
            viewRowsMatched: fixtures.viewRowsMatched,
            workOrderTypes: fixtures.workOrderTypeIds.length,
          },
        }
      : {}),
    rows,
    ratios: ratiosOf(rows, settings.scenarios),
    scale,
    ...(state ? { state } : {}),
    ...(contract ? { contract } : {}),
    notes,
  };
  return { ...partial, targets: checkTargets(partial) };
}
