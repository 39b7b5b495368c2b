// The run's configuration: base URL per host, credentials per API family, known records, what may
// be written. Defaults are the mock's demo accounts, so `--base-url` alone runs against the mock.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { Host } from '../spec/api-catalog.ts';
import { configProblems } from './config-schema.ts';

export type NextGenLogin = { username: string; password: string };
export type NextGenRole = 'admin' | 'viewer' | 'editor' | 'nobody';

export type SuiteConfig = {
  baseUrls: Record<Host, string>;
  credentials: {
    /** `user:password@domain` of a user who may write on the main and Service App hosts. */
    jobsWriter?: string;
    /** A valid user who may only read (403 on writes). */
    jobsReadOnly?: string;
    /** ServiceDesk contacts `e_login:e_password@domain`; two of different companies test scoping. */
    contacts: string[];
    nextgen: Partial<Record<NextGenRole, NextGenLogin>>;
  };
  /** Records to use where the suite cannot discover its own (it lists them itself otherwise). */
  fixtures: { jobIds?: string[]; workOrderTypeIds?: number[] };
  /** true: every check may write; false: none; a list: only these case ids, rule ids or operationIds. */
  writes: boolean | string[];
  headers: Record<string, string>;
  timeoutMs: number;
  /** Rows the query oracle reads of a list at most; beyond, it evaluates on a sample (S16). Default 5000. */
  maxRows?: number;
  /** Generated JobsView queries of the query oracle (the NextGen list gets half). Default 60. */
  queries?: number;
  /** Seed of the query oracle's generated queries (S32). Default 1. */
  seed?: number;
  only: string[];
  reportDir: string;
  redact: boolean;
};

export class ConfigError extends Error {}

const HOSTS: Host[] = ['main', 'servicedesk', 'serviceapp', 'nextgen'];

const DEMO_CREDENTIALS: SuiteConfig['credentials'] = {
  jobsWriter: 'admin:demo@demo',
  jobsReadOnly: 'viewer:demo@demo',
  contacts: ['contact1:demo@demo', 'contact2:demo@demo'],
  nextgen: {
    admin: { username: 'admin@demo', password: 'demo' },
    viewer: { username: 'viewer@demo', password: 'demo' },
    editor: { username: 'editor@demo', password: 'demo' },
    nobody: { username: 'nobody@demo', password: 'demo' },
  },
};

/** Command-line options, already parsed; they win over the file. */
export type CliOptions = {
  baseUrl?: string;
  config?: string;
  reportDir?: string;
  only?: string[];
  readOnly?: boolean;
  headers?: string[];
  timeoutMs?: number;
  redact?: boolean;
  maxRows?: number;
  queries?: number;
  seed?: number;
};

type FileConfig = {
  baseUrl?: string;
  baseUrls?: Partial<Record<Host, string>>;
  credentials?: {
    jobs?: { writer?: string; readOnly?: string };
    servicedesk?: { contacts?: string[] };
    nextgen?: Partial<Record<NextGenRole, NextGenLogin>>;
  };
  fixtures?: SuiteConfig['fixtures'];
  writes?: boolean | string[];
  headers?: Record<string, string>;
  timeout?: number;
  reportDir?: string;
  maxRows?: number;
  queries?: number;
  seed?: number;
};

/** Reads and checks a config file: every problem is listed at once, before anything is sent. */
export function readConfigFile(path: string): FileConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read --config ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let value: unknown;
  try {
    value = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ConfigError(`--config ${path} is not valid JSON or YAML: ${(e as Error).message}`);
  }
  const problems = configProblems(value ?? {}, path);
  if (problems.length)
    throw new ConfigError(
      `--config ${path} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`,
    );
  return (value ?? {}) as FileConfig;
}

function checkUrl(name: string, url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new ConfigError(
      `${name} "${url}" is not an http(s) URL; give e.g. --base-url http://127.0.0.1:4010`,
    );
  }
  return url.replace(/\/+$/, '');
}

function parseHeader(line: string): [string, string] {
  const at = line.indexOf(':');
  if (at <= 0) throw new ConfigError(`--header "${line}" is not "Name: value"`);
  return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
}

export function buildConfig(
  cli: CliOptions,
  file: FileConfig = cli.config ? readConfigFile(cli.config) : {},
): SuiteConfig {
  const base = cli.baseUrl ?? file.baseUrl;
  const baseUrls = {} as Record<Host, string>;
  for (const host of HOSTS) {
    const url = file.baseUrls?.[host] ?? base;
    if (!url) {
      throw new ConfigError(
        `no base URL for the ${host} host: pass --base-url or set baseUrls.${host} in --config`,
      );
    }
    const fromFile = file.baseUrls?.[host] ? `baseUrls.${host}` : cli.baseUrl ? undefined : 'baseUrl';
    baseUrls[host] = checkUrl(fromFile ? `${cli.config ?? 'the config'}: ${fromFile}` : '--base-url', url);
  }
  const creds = file.credentials;
  const headers: Record<string, string> = { ...file.headers };
  for (const line of cli.headers ?? []) {
    const [name, value] = parseHeader(line);
    headers[name] = value;
  }
  // A timeout from the file was checked with the file (config-schema.ts), one from --timeout by parse-args.
  const timeoutMs = cli.timeoutMs ?? file.timeout ?? 10_000;
  const config: SuiteConfig = {
    baseUrls,
    credentials: {
      contacts: creds?.servicedesk?.contacts ?? DEMO_CREDENTIALS.contacts,
      nextgen: creds?.nextgen ?? DEMO_CREDENTIALS.nextgen,
    },
    fixtures: file.fixtures ?? {},
    writes: cli.readOnly ? false : (file.writes ?? true),
    headers,
    timeoutMs,
    only: cli.only ?? [],
    reportDir: cli.reportDir ?? file.reportDir ?? 'reports/contract',
    redact: cli.redact ?? false,
  };
  const maxRows = cli.maxRows ?? file.maxRows;
  const queries = cli.queries ?? file.queries;
  if (maxRows !== undefined) config.maxRows = maxRows;
  if (queries !== undefined) config.queries = queries;
  const seed = cli.seed ?? file.seed;
  if (seed !== undefined) config.seed = seed;
  const writer = creds?.jobs?.writer ?? (creds?.jobs ? undefined : DEMO_CREDENTIALS.jobsWriter);
  const readOnly = creds?.jobs?.readOnly ?? (creds?.jobs ? undefined : DEMO_CREDENTIALS.jobsReadOnly);
  if (writer) config.credentials.jobsWriter = writer;
  if (readOnly) config.credentials.jobsReadOnly = readOnly;
  return config;
}
