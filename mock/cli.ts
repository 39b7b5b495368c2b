// `npm start` / `wo-mock`: runs the mock until Ctrl-C, then saves state (with --state-file) and stops.
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { DEFAULT_OPTIONS, type MockOptions } from './options.ts';
import { startMock } from './server.ts';
import { stateFileProblem } from './state/file-journal.ts';
import { openStateLog } from './state/open-state.ts';

/** How long a shutdown waits for requests in flight before it cuts their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

const HELP = `wo-mock: the stateful mock of the jobs and NextGen work-order APIs

Options:
  --host <addr>             listen address (default ${DEFAULT_OPTIONS.host})
  --port <n>                port, 0 for a free one (default ${DEFAULT_OPTIONS.port})
  --seed <n>                seed of the generated data (default ${DEFAULT_OPTIONS.seed})
  --jobs <n>                number of work orders to generate (default ${DEFAULT_OPTIONS.jobs})
  --fsm-release <x.y>       NextGen release to play, e.g. 22.0 refuses FSM 23.0 fields (default ${DEFAULT_OPTIONS.fsmRelease.toFixed(1)})
  --token-ttl <seconds>     lifetime of NextGen tokens (default ${DEFAULT_OPTIONS.tokenTtlSec})
  --put-mode <m>            replace (vendor behaviour) or merge for PUT /api/Jobs (default replace)
  --admin-token <token>     token of the admin API (default: a random one, printed)
  --no-admin                no admin API at all
  --cors <origin>           allow this browser origin (repeatable; '*' for any, without credentials)
  --state-file <path>       keep the state in this file: every write is journalled (fsynced
                            before it is answered) and folded into <path> now and then
  --on-bad-state <choice>   refuse (default) or seed: what to do when the state file is corrupt
                            (seed moves it aside, renamed with a timestamp; never overwrites it)
  --redis <url>             keep the state in Redis (redis://host:port), shared by every wo-mock
                            started with the same URL
  --validate-responses <m>  off (default), log or throw: check every answer against the spec
  --max-sessions <n>        sessions kept at once (default ${DEFAULT_OPTIONS.maxSessions})
  --help                    this text
`;

/** A first-day mistake: one line saying what is wrong and what to do, exit 2, no stack trace. */
function fail(message: string): never {
  console.error(`wo-mock: ${message}`);
  process.exit(2);
}

/** What parseArgs says, as one line with the way out. */
function argsError(e: NodeJS.ErrnoException): string {
  const token = /'([^' ]+)/.exec(e.message)?.[1] ?? '';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return `unknown option '${token}': run wo-mock --help for the options`;
  if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    return `unexpected argument '${token}': options are written --name value (wo-mock --help lists them)`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && e.message.includes('does not take'))
    return `${token} takes no value: write it alone (wo-mock --help lists the options)`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return `${token} needs a value, e.g. ${token} 1 (wo-mock --help lists the options)`;
  return `${e.message.split('\n')[0]} (wo-mock --help lists the options)`;
}

/**
 * parseArgs takes `--jobs -5` for an option without its value ("argument is ambiguous"); a value
 * that looks like a negative number is joined to its option so that the range check names it.
 */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (/^--[a-z-]+$/.test(arg) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** Why the server could not listen, as one line with what to do; undefined for other errors. */
function listenError(e: NodeJS.ErrnoException, host: string, port: number): string | undefined {
  switch (e.code) {
    case 'EADDRINUSE':
      return `port ${port} is in use (another wo-mock?): pass --port 0 for a free port, or another port`;
    case 'EACCES':
      return `port ${port} needs privileges on this machine: pass --port 0 for a free port, or a port above 1023`;
    case 'EADDRNOTAVAIL':
      return `--host ${host} is not an address of this machine: pass --host 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return `--host ${host} does not resolve to an address: pass --host 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)`;
    default:
      return undefined;
  }
}

function int(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    fail(
      `--${name} must be a whole number from ${min} to ${max}${name === 'port' ? ' (0 for a free port)' : ''}, not '${value}'`,
    );
  return n;
}

export function optionsFromArgs(argv: string[]): { options: MockOptions; onBadState: 'refuse' | 'seed' } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv),
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        seed: { type: 'string' },
        jobs: { type: 'string' },
        'fsm-release': { type: 'string' },
        'token-ttl': { type: 'string' },
        'put-mode': { type: 'string' },
        'admin-token': { type: 'string' },
        'no-admin': { type: 'boolean' },
        cors: { type: 'string', multiple: true },
        'state-file': { type: 'string' },
        redis: { type: 'string' },
        'on-bad-state': { type: 'string' },
        'validate-responses': { type: 'string' },
        'max-sessions': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    });
  } catch (e) {
    fail(argsError(e as NodeJS.ErrnoException));
  }
  const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
  if (v.help) {
    console.log(HELP);
    process.exit(0);
  }
  const str = (k: string) => v[k] as string | undefined;
  const putMode = str('put-mode') ?? 'replace';
  if (putMode !== 'replace' && putMode !== 'merge')
    fail(`--put-mode must be replace or merge, not '${putMode}'`);
  const validate = str('validate-responses') ?? 'off';
  if (!['off', 'log', 'throw'].includes(validate))
    fail(`--validate-responses must be off, log or throw, not '${validate}'`);
  const onBadState = str('on-bad-state') ?? 'refuse';
  if (onBadState !== 'refuse' && onBadState !== 'seed')
    fail(`--on-bad-state must be refuse or seed, not '${onBadState}'`);
  const cors = (v.cors as string[] | undefined) ?? [];
  // A value the browser never sends as Origin would match nothing, silently.
  for (const origin of cors)
    if (origin !== '*' && !/^[a-z][a-z0-9+.-]*:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i.test(origin))
      fail(
        `--cors must be * or an origin written scheme://host[:port], e.g. http://localhost:5173, not '${origin}'`,
      );
  const host = str('host');
  // An address or a host name; anything else would reach the resolver and fail later, less clearly.
  if (host !== undefined && !isIP(host) && !/^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$/.test(host))
    fail(`--host must be an IP address or a host name, e.g. 127.0.0.1 or 0.0.0.0, not '${host}'`);
  const release = str('fsm-release');
  if (release !== undefined && !/^\d{1,3}(\.\d{1,2})?$/.test(release))
    fail(`--fsm-release must look like 23.0, not '${release}'`);
  const options: MockOptions = {
    ...DEFAULT_OPTIONS,
    host: host ?? DEFAULT_OPTIONS.host,
    port: int('port', str('port'), 0, 65535) ?? DEFAULT_OPTIONS.port,
    seed: int('seed', str('seed'), 0, 2 ** 31 - 1) ?? DEFAULT_OPTIONS.seed,
    jobs: int('jobs', str('jobs'), 0, 1_000_000) ?? DEFAULT_OPTIONS.jobs,
    fsmRelease: release !== undefined ? Number(release) : DEFAULT_OPTIONS.fsmRelease,
    tokenTtlSec: int('token-ttl', str('token-ttl'), 1, 31 * 24 * 3600) ?? DEFAULT_OPTIONS.tokenTtlSec,
    putMode,
    adminToken: v['no-admin'] ? undefined : (str('admin-token') ?? randomUUID()),
    corsOrigins: cors,
    stateFile: str('state-file'),
    redis: str('redis'),
    validateResponses: validate as MockOptions['validateResponses'],
    maxSessions: int('max-sessions', str('max-sessions'), 1, 10_000) ?? DEFAULT_OPTIONS.maxSessions,
  };
  return { options, onBadState };
}

async function main(): Promise<void> {
  const { options, onBadState } = optionsFromArgs(process.argv.slice(2));
  const stateProblem =
    options.stateFile === undefined ? undefined : await stateFileProblem(options.stateFile);
  if (stateProblem) fail(stateProblem);
  const opened = await openStateLog(options, onBadState, (m) => console.error(`wo-mock: ${m}`));
  if (!opened.ok) fail(opened.error);
  const started = performance.now();
  let mock: Awaited<ReturnType<typeof startMock>>;
  try {
    mock = await startMock({ ...options, ...opened.seed, ...(opened.log ? { stateLog: opened.log } : {}) });
  } catch (e) {
    const line = listenError(e as NodeJS.ErrnoException, options.host, options.port);
    if (line) fail(line);
    throw e;
  }
  const ms = Math.round(performance.now() - started);
  // Before the ready line: whoever waits for it may signal at once.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`wo-mock: ${signal}, finishing requests in flight`);
    // A client that never finishes its request must not hold the shutdown up for long.
    setTimeout(() => mock.server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    await mock.close();
    // Every acknowledged write is in the log already; closing folds the journal for a quick start.
    await mock.services.sessions.log.close();
    if (options.stateFile) console.log(`wo-mock: state saved to ${options.stateFile}`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  console.log(`wo-mock listening on ${mock.url}`);
  console.log(
    `  seed ${opened.seed.seed}, ${opened.seed.jobs} work orders, ready in ${ms} ms${opened.loadedFrom ? `, state loaded from ${opened.loadedFrom}` : ''}`,
  );
  console.log(
    '  jobs API (Basic username:password@domain): admin:demo@demo (writes), viewer:demo@demo (read-only)',
  );
  console.log('  ServiceDesk contacts (JobsView): contact1:demo@demo, contact2:demo@demo');
  console.log(
    '  NextGen: POST /configurations/identity/r1/tokens {"username":"admin@demo","password":"demo"}',
  );
  console.log(`  API docs: ${mock.url}/docs (jobs, nextgen), inspector: ${mock.url}/docs/inspector`);
  if (options.adminToken)
    console.log(`  admin API: ${mock.url}/__admin (header X-Admin-Token: ${options.adminToken})`);
}

try {
  await main();
} catch (e) {
  // Anything unforeseen: its message, not a stack trace; WO_DEBUG=1 shows the stack.
  console.error(`wo-mock: cannot start: ${process.env.WO_DEBUG ? (e as Error).stack : (e as Error).message}`);
  process.exit(1);
}
