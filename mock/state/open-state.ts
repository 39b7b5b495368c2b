// Which state log the CLI runs with (issue 12): memory by default, the file journal with
// --state-file, Redis streams with --redis. Opening reads what the log holds before the server
// listens; the seed a log was written against wins over --seed/--jobs.
import type { TokenStore } from '../nextgen/tokens.ts';
import type { MockOptions } from '../options.ts';
import { openFileLog } from './file-journal.ts';
import type { Sessions } from './sessions.ts';
import type { StateLog } from './state-log.ts';

export type AttachableLog = StateLog & { attach(sessions: Sessions, tokens?: TokenStore): void };
type OpenedState =
  | { ok: true; log?: AttachableLog; seed: { seed: number; jobs: number }; loadedFrom?: string }
  | { ok: false; error: string };

export async function openStateLog(
  options: Pick<MockOptions, 'seed' | 'jobs' | 'stateFile' | 'redis'>,
  onBad: 'refuse' | 'seed',
  warn: (message: string) => void,
): Promise<OpenedState> {
  const seed = { seed: options.seed, jobs: options.jobs };
  if (options.redis !== undefined && options.stateFile !== undefined)
    return {
      ok: false,
      error:
        '--redis and --state-file exclude each other: Redis keeps the state (run it with appendonly yes)',
    };
  if (options.redis !== undefined) {
    const { openRedisLog } = await import('./redis-log.ts');
    const opened = await openRedisLog(options.redis, seed);
    if (!opened.ok) return opened;
    return { ok: true, log: opened.log, seed: opened.log.seed, loadedFrom: options.redis };
  }
  if (options.stateFile === undefined) return { ok: true, seed };
  const opened = await openFileLog(options.stateFile, seed, { onBad, warn });
  if (!opened.ok)
    return {
      ok: false,
      error: `cannot load the state file: ${opened.error}. Fix or move the file, or start with --on-bad-state seed to move it aside (renamed, never overwritten) and begin from the seed.`,
    };
  const loaded = opened.log.restored.sessions.size > 0 || opened.log.restored.seed !== undefined;
  return {
    ok: true,
    log: opened.log,
    seed: opened.log.seed,
    ...(loaded ? { loadedFrom: options.stateFile } : {}),
  };
}
