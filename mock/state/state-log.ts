// Where a session's changes go to become durable (issue 12): memory (sessions.ts, the default),
// an append-only file journal (file-journal.ts) or Redis streams (redis-log.ts). Sessions calls a
// log; a log calls back into Sessions to apply what it reads (replay, other instances' writes).
import type { DataSet } from '../../generators/fixtures/data-set.ts';
import type { ChangeRecord } from './mock-state.ts';
import type { Sessions } from './sessions.ts';

/** Admin actions are logged like writes, so that they survive restarts and reach every instance. */
export type AdminAction =
  | { op: 'reset'; s?: string }
  | { op: 'reseed'; seed: number; jobs: number }
  | { op: 'import'; s: string; data: DataSet };

export interface StateLog {
  readonly kind: 'memory' | 'file' | 'redis';
  /** Makes one request's changes durable; 'conflict' when a shared log moved on first. */
  append(session: string, record: ChangeRecord, state: unknown): Promise<'ok' | 'conflict'>;
  /** Makes an admin action durable before it is applied. */
  admin(action: AdminAction, sessions: Sessions): Promise<void>;
  /** Brings a session up to the end of a shared log before a request reads or writes it. */
  catchUp?(session: string, sessions: Sessions): Promise<void>;
  /**
   * Present when the log can give a session back after it was dropped from memory (Redis): the
   * session is forgotten here and reloaded from the log when it is used again.
   */
  forget?(session: string): void;
  /**
   * Called before a request is authenticated: a shared log makes sure a bearer token issued by
   * another instance is known here (Redis: one round trip, only for a token not known yet).
   */
  beforeAuthenticate?(authorization: string | undefined): Promise<void>;
  /** Finishes what is queued and releases files or connections. */
  close(): Promise<void>;
}
