// With --state-file, the state is also saved about a second after it changes, not only on a clean
// shutdown: a mock killed hard (kill -9, a crash, a closed laptop) loses at most the last second of
// what its clients built up. A change is seen by polling the sessions' versions (every write bumps
// one; a reset, import or expiry changes the list), so the stores need no hook.
import type { Sessions } from './sessions.ts';
import { saveStateFile } from './state-file.ts';

export type Autosave = {
  /** Saves now when anything changed since the last save; true when it saved. */
  flush(): boolean;
  stop(): void;
};

const fingerprint = (sessions: Sessions): string =>
  sessions
    .list()
    .map((s) => `${s.name}:${s.created}:${s.version}`)
    .join('|');

export function startAutosave(
  path: string,
  sessions: Sessions,
  options: { intervalMs?: number; onError?: (e: unknown) => void } = {},
): Autosave {
  let saved = fingerprint(sessions);
  const flush = (): boolean => {
    const now = fingerprint(sessions);
    if (now === saved) return false;
    saveStateFile(path, sessions.seed, sessions.exportAll());
    saved = now;
    return true;
  };
  const timer = setInterval(() => {
    try {
      flush();
    } catch (e) {
      options.onError?.(e);
    }
  }, options.intervalMs ?? 1000);
  timer.unref();
  return { flush, stop: () => clearInterval(timer) };
}
