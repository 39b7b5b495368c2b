// Everything the mock can be told, with its defaults. The CLI (cli.ts) and tests (server.ts) fill it.
import { DEFAULT_JOBS, DEFAULT_SEED } from '../generators/fixtures/generate.ts';

export type MockOptions = {
  host: string;
  port: number;
  seed: number;
  jobs: number;
  /** FSM release the NextGen API plays (ASSUMPTIONS.md N7), e.g. 23.0. */
  fsmRelease: number;
  /** Lifetime of NextGen tokens in seconds (ASSUMPTIONS.md N10). */
  tokenTtlSec: number;
  /** Token of the admin API; undefined turns the admin API off. */
  adminToken: string | undefined;
  /** PUT /api/Jobs: replace the work order (vendor behaviour) or merge into it (ASSUMPTIONS.md A21). */
  putMode: 'replace' | 'merge';
  /** Check every response against the spec: 'off' in normal use, 'throw' in tests (a violation becomes a 500 naming it). */
  validateResponses: 'off' | 'log' | 'throw';
  /** Origins allowed by CORS; empty: no CORS headers. '*' allows any origin without credentials. */
  corsOrigins: string[];
  /** Where state is saved on shutdown and loaded on start. */
  stateFile: string | undefined;
  /** Redis URL whose streams hold the state, shared by every instance given it (issue 12). */
  redis: string | undefined;
  maxSessions: number;
  sessionIdleMs: number;
  /** Entries kept in the request log of each session. */
  requestLogSize: number;
  /** Largest accepted request body, bytes. */
  maxBodyBytes: number;
  /** A client must have sent its headers within this time (Node's headersTimeout). */
  headersTimeoutMs: number;
  /** A client must have sent its whole request within this time (Node's requestTimeout). */
  requestTimeoutMs: number;
  /** Requests held by `Prefer: delay` at once; past it a delay is refused 503 (ASSUMPTIONS.md M34). */
  maxDelayedRequests: number;
};

export const DEFAULT_OPTIONS: MockOptions = {
  host: '127.0.0.1',
  port: 4010,
  seed: DEFAULT_SEED,
  jobs: DEFAULT_JOBS,
  fsmRelease: 23.0,
  tokenTtlSec: 3600,
  adminToken: undefined,
  putMode: 'replace',
  validateResponses: 'off',
  corsOrigins: [],
  stateFile: undefined,
  redis: undefined,
  maxSessions: 100,
  sessionIdleMs: 60 * 60 * 1000,
  requestLogSize: 200,
  maxBodyBytes: 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxDelayedRequests: 200,
};
