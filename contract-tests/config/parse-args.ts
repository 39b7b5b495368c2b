import { parseArgs } from 'node:util';
import { MAX_SEED } from './config-schema.ts';
import { type CliOptions, ConfigError } from './suite-config.ts';

export const USAGE = `usage: wo-contract --base-url <url> [options]

  --base-url <url>        base URL of the system under test (all hosts unless --config says otherwise)
  --config <file>         JSON or YAML: baseUrls per host, credentials, fixtures, writes, headers, timeout
  --report-dir <dir>      where JUnit XML, JSON and HTML reports go (default reports/contract)
  --only <id>             run only cases of this rule id, operationId or case id (repeatable)
  --read-only             send no writes (cases that write are reported as skipped)
  --header 'Name: value'  add a header to every request (repeatable)
  --timeout <ms>          per-request timeout (default 10000)
  --redact                hide every password, login, Authorization value and token in every output
  --max-rows <n>          rows the query oracle reads of a list at most; beyond, a sample (default 5000)
  --queries <n>           generated JobsView queries (the NextGen list gets half; default 60)
  --seed <n>              seed of the query oracle's generated queries: another seed, other queries (default 1)
  --help                  this text

exit codes: 0 all passed, 1 at least one check failed, 2 configuration, --only, login or connection error`;

export function parseCliArgs(argv: string[]): CliOptions & { help: boolean } {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'base-url': { type: 'string' },
        config: { type: 'string' },
        'report-dir': { type: 'string' },
        only: { type: 'string', multiple: true },
        'read-only': { type: 'boolean' },
        header: { type: 'string', multiple: true },
        timeout: { type: 'string' },
        redact: { type: 'boolean' },
        'max-rows': { type: 'string' },
        queries: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new ConfigError(`${(e as Error).message}\n\n${USAGE}`);
  }
  const options: CliOptions & { help: boolean } = { help: values.help === true };
  if (typeof values['base-url'] === 'string') options.baseUrl = values['base-url'];
  if (typeof values.config === 'string') options.config = values.config;
  if (typeof values['report-dir'] === 'string') options.reportDir = values['report-dir'];
  if (Array.isArray(values.only)) options.only = values.only;
  if (values['read-only'] === true) options.readOnly = true;
  if (Array.isArray(values.header)) options.headers = values.header;
  if (values.redact === true) options.redact = true;
  if (typeof values.timeout === 'string') {
    const ms = Number(values.timeout);
    if (!Number.isInteger(ms) || ms <= 0)
      throw new ConfigError(`--timeout "${values.timeout}" is not a number of ms`);
    options.timeoutMs = ms;
  }
  for (const [flag, key, min, max] of [
    ['max-rows', 'maxRows', 1, Number.MAX_SAFE_INTEGER],
    ['queries', 'queries', 0, Number.MAX_SAFE_INTEGER],
    ['seed', 'seed', 0, MAX_SEED],
  ] as const) {
    const raw = values[flag];
    if (typeof raw !== 'string') continue;
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(n) || n < min || n > max)
      throw new ConfigError(
        `--${flag} "${raw}" is not an integer ≥ ${min}${max === MAX_SEED ? ` and ≤ ${MAX_SEED}` : ''}`,
      );
    options[key] = n;
  }
  return options;
}
