// The shape of one bench run, as written to bench/results/*.json and read back to compare runs.
import type { LoadFigures } from './load.ts';
import type { ScenarioId, ServerKind } from './scenarios.ts';
import type { StateResult } from './state-bench.ts';

export type ScenarioRow = {
  scenario: ScenarioId;
  title: string;
  server: ServerKind;
  serverLabel: string;
  /** Absent when the server gives no figure for the scenario; `skipped` says why. */
  figures?: LoadFigures;
  /** CPU time (user + system) the server used per response; steadier than req/s on a shared machine. */
  cpuUsPerRequest?: number;
  peakMb?: number;
  memoryMethod?: string;
  note?: string;
  skipped?: string;
};

export type Ratios = {
  scenario: ScenarioId;
  title: string;
  /** wo-mock req/s divided by the other server's req/s in the same run. */
  vsPrism?: number;
  vsPrismQuiet?: number;
  /** Against the bare server's one GET route, the Express ceiling of this machine. */
  vsBare?: number;
  /** The bare server's CPU time per request divided by wo-mock's: the same ratio, less moved by other load. */
  vsBareByCpu?: number;
};

export type ScaleRow = {
  jobs: number;
  /** Spawn of the CLI to its "listening" line: Node, tsx, data generation, listen. */
  startMs?: number;
  /** The CLI's own "ready in X ms" (data generation and listen, without Node and tsx start-up). */
  readyMs?: number;
  rssAfterStartMb?: number;
  /** Peak RSS over the whole life of the process (start-up and the $filter run). */
  peakMb?: number;
  filter?: LoadFigures;
  error?: string;
};

export type ContractRun =
  | {
      available: true;
      jobs: string;
      wallMs: number;
      suiteMs: number;
      exchanges: number;
      cases: number;
      exchangesPerSec: number;
      casesPerSec: number;
      outcomes: Record<string, number>;
      exitCode: number | null;
    }
  | { available: false; reason: string };

export type TargetCheck = {
  id: string;
  description: string;
  target: string;
  measured: string;
  /** undefined: not measured in this run. */
  met: boolean | undefined;
};

export type BenchResult = {
  startedAt: string;
  finishedAt: string;
  environment: {
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
    commit?: string;
  };
  settings: {
    durationSec: number;
    warmupSec: number;
    connections: number;
    jobs: number;
    seed: number;
    scaleSizes: number[];
    scaleDurationSec: number;
  };
  fixtures?: { jobId: string; viewRowsInScope: number; viewRowsMatched: number; workOrderTypes: number };
  rows: ScenarioRow[];
  ratios: Ratios[];
  scale: ScaleRow[];
  state?: StateResult;
  contract?: ContractRun;
  targets: TargetCheck[];
  notes: string[];
};
