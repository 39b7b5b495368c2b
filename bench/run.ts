// `npm run bench`: the mock against Prism and a bare Express server, then scale and contract
// figures; prints the Markdown report and writes it with its JSON under bench/results/.
import { parseArgs } from 'node:util';
import { installCleanupHandlers, stopAllChildren } from './child-server.ts';
import { toMarkdown, writeResults } from './report.ts';
import { type BenchSettings, DEFAULT_SETTINGS, runBench } from './run-bench.ts';
import { SCENARIOS, type ScenarioId, type ServerKind } from './scenarios.ts';

const HELP = `npm run bench -- [options]

  --duration <s>      seconds per scenario (default ${DEFAULT_SETTINGS.durationSec})
  --quick             1 s per scenario, no warm-up, 1 s scale runs: a smoke test of the harness
  --connections <n>   concurrent connections (default ${DEFAULT_SETTINGS.connections})
  --jobs <n>          work orders in the mock of the scenarios (default ${DEFAULT_SETTINGS.jobs})
  --only <id>         run only this scenario (repeatable): ${SCENARIOS.map((s) => s.id).join(', ')}
  --no-prism          leave Prism out
  --no-scale          leave out the 1k/10k/100k start-up and memory figures
  --no-contract       leave out the contract suite run
  --no-state          leave out the state scenarios (100k JobsView query mix, kill -9, Redis)
  --contract-jobs <n> work orders in the mock the contract suite runs against (default: the CLI's)
  --out <dir>         where results go (default bench/results)
  --help              this text
`;

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n\n${HELP}`);
  process.exit(2);
}

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) fail(`--${name} must be a positive number, not '${value}'`);
  return n;
}

function settingsFromArgs(argv: string[]): { settings: BenchSettings; out: string } {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        duration: { type: 'string' },
        quick: { type: 'boolean' },
        connections: { type: 'string' },
        jobs: { type: 'string' },
        only: { type: 'string', multiple: true },
        'no-prism': { type: 'boolean' },
        'no-scale': { type: 'boolean' },
        'no-contract': { type: 'boolean' },
        'no-state': { type: 'boolean' },
        'contract-jobs': { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const str = (k: string) => values[k] as string | undefined;
  const quick = values.quick === true;
  const only = (values.only as string[] | undefined) ?? [];
  const known = SCENARIOS.map((s) => s.id) as string[];
  for (const id of only) if (!known.includes(id)) fail(`--only: no scenario '${id}'`);
  const servers: ServerKind[] = values['no-prism'] ? ['ours', 'bare'] : DEFAULT_SETTINGS.servers;
  const duration = positive('duration', str('duration'));
  const settings: BenchSettings = {
    ...DEFAULT_SETTINGS,
    durationSec: duration ?? (quick ? 1 : DEFAULT_SETTINGS.durationSec),
    warmupSec: quick ? 0 : DEFAULT_SETTINGS.warmupSec,
    connections: positive('connections', str('connections')) ?? DEFAULT_SETTINGS.connections,
    jobs: positive('jobs', str('jobs')) ?? DEFAULT_SETTINGS.jobs,
    servers,
    scenarios: only.length > 0 ? (only as ScenarioId[]) : DEFAULT_SETTINGS.scenarios,
    scaleSizes: values['no-scale'] ? [] : DEFAULT_SETTINGS.scaleSizes,
    scaleDurationSec: quick ? 1 : DEFAULT_SETTINGS.scaleDurationSec,
    contract: values['no-contract'] !== true,
    state: values['no-state'] !== true,
    killCycles: quick ? 2 : DEFAULT_SETTINGS.killCycles,
    contractJobs: positive('contract-jobs', str('contract-jobs')),
  };
  return { settings, out: str('out') ?? 'bench/results' };
}

async function main(): Promise<void> {
  const { settings, out } = settingsFromArgs(process.argv.slice(2));
  installCleanupHandlers();
  try {
    const result = await runBench(settings);
    process.stdout.write(`\n${toMarkdown(result)}`);
    const files = writeResults(result, out);
    process.stdout.write(`\nresults: ${files.join(', ')}\n`);
  } finally {
    await stopAllChildren();
  }
}

await main();
