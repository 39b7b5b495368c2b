// --state-file <path> (issue 12, ASSUMPTIONS.md M17): an append-only journal of every commit and
// admin action, plus compacted snapshots written off the request path.
//
// - `<path>.journal.<n>`: one record per line, `<crc32 hex> <json>\n`. A commit resolves only
//   after its line is fsynced; the lines of requests that commit while a sync runs are written and
//   synced together (one fsync for the group).
// - `<path>`: the snapshot, lines of the same form: a header naming the seed and the first journal
//   still needed, the sessions' changes, an end line. Written to a temporary file, fsynced, renamed.
// - At start: the snapshot, then the journals from its number on. A torn last record (a crash in
//   the middle of a write) is cut off and the start says so; anything else unreadable is refused,
//   or with --on-bad-state seed moved aside (renamed with a timestamp), never overwritten.
import { createReadStream } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { crc32 } from 'node:zlib';
import type { DataSet } from '../../generators/fixtures/data-set.ts';
import type { ChangeRecord, TableName } from './mock-state.ts';
import { type Sessions, StateBoundError } from './sessions.ts';
import { STATE_FILE_FORMAT as LEGACY_FORMAT, loadStateFile } from './state-file.ts';
import type { AdminAction, StateLog } from './state-log.ts';

const STATE_FORMAT = 'work-order-contracts/state@2';
/** A journal this large is folded into a new snapshot (and a new journal begun). */
const DEFAULT_COMPACT_BYTES = 32 * 1024 * 1024;
/** Changes per snapshot line. */
const CHANGES_PER_LINE = 500;

type Key = string | number;
/** One line of a journal: a session's commit, or an admin action. */
type JournalEntry = ({ s: string } & ChangeRecord) | AdminAction;
type Header = { format: typeof STATE_FORMAT; seed: number; jobs: number; journal: number; savedAt: string };

// --- lines ---------------------------------------------------------------------------------------

const hex = (text: string) => crc32(text).toString(16).padStart(8, '0');
export const encodeLine = (value: unknown): string => {
  const json = JSON.stringify(value);
  return `${hex(json)} ${json}\n`;
};
/** The value of a whole, intact line (without its newline); undefined for a torn or damaged one. */
export function decodeLine(line: string): unknown {
  if (line.length < 10 || line[8] !== ' ') return undefined;
  const json = line.slice(9);
  if (hex(json) !== line.slice(0, 8)) return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

// --- what the files hold, folded --------------------------------------------------------------

type RestoredSession = { import?: DataSet; changes: Map<string, [TableName, Key, unknown]> };
type Restored = { seed?: { seed: number; jobs: number }; sessions: Map<string, RestoredSession> };

const emptyRestored = (): Restored => ({ sessions: new Map() });

/** Applies one journal or snapshot entry to the fold: the last value of every changed key wins. */
function fold(into: Restored, entry: JournalEntry): void {
  if ('op' in entry) {
    if (entry.op === 'reseed') {
      into.seed = { seed: entry.seed, jobs: entry.jobs };
      into.sessions.clear();
    } else if (entry.op === 'import') into.sessions.set(entry.s, { import: entry.data, changes: new Map() });
    else if (entry.s === undefined) into.sessions.clear();
    else into.sessions.delete(entry.s);
    return;
  }
  let session = into.sessions.get(entry.s);
  if (!session) {
    session = { changes: new Map() };
    into.sessions.set(entry.s, session);
  }
  for (const change of entry.c)
    session.changes.set(`${change[0]}\u0000${typeof change[1]}:${change[1]}`, change);
}

/** Loads what was restored into the sessions: imports first, then each session's changes. */
function restoreInto(sessions: Sessions, restored: Restored): void {
  for (const [name, s] of restored.sessions) {
    if (s.import) sessions.applyAdmin({ op: 'import', s: name, data: s.import });
    if (s.changes.size > 0)
      sessions.applyRecord(name, { c: [...s.changes.values()], j: null }, { restore: true });
  }
}

// --- the file layer (injectable, so a test can see every write, sync and acknowledgement) -------

export type AppendFile = {
  write(text: string): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
};
export type FileLayer = { openAppend(path: string): Promise<AppendFile> };

const realFiles: FileLayer = {
  async openAppend(path) {
    const handle = await fsp.open(path, 'a');
    return {
      write: async (text) => {
        await handle.write(text);
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
};

async function syncDir(path: string): Promise<void> {
  try {
    const dir = await fsp.open(dirname(path), 'r');
    await dir.sync();
    await dir.close();
  } catch {
    // Some file systems do not fsync directories; the rename is still atomic.
  }
}

const journalPath = (path: string, n: number) => `${path}.journal.${n}`;

async function journalNumbers(path: string): Promise<number[]> {
  const prefix = `${basename(path)}.journal.`;
  const names = await fsp.readdir(dirname(path)).catch(() => [] as string[]);
  return names
    .filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)))
    .map((n) => Number(n.slice(prefix.length)))
    .sort((a, b) => a - b);
}

// --- reading -------------------------------------------------------------------------------------

class Unreadable extends Error {}

async function readSnapshot(path: string, into: Restored): Promise<number> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let header: Header | undefined;
  let ended = false;
  let n = 0;
  for await (const line of lines) {
    n++;
    const value = decodeLine(line) as (Header & JournalEntry & { end?: true }) | undefined;
    if (value === undefined && n === 1 && line.startsWith(`{"format":"${LEGACY_FORMAT}"`)) {
      lines.close();
      return readLegacy(path, into);
    }
    if (value === undefined) throw new Unreadable(`${path}: line ${n} is damaged`);
    if (!header) {
      if (value.format !== STATE_FORMAT)
        throw new Unreadable(
          `${path} has format '${String(value.format)}', this mock reads '${STATE_FORMAT}'`,
        );
      header = value;
      into.seed = { seed: header.seed, jobs: header.jobs };
    } else if (value.end) ended = true;
    else fold(into, value);
  }
  if (!header) throw new Unreadable(`${path} is empty`);
  if (!ended) throw new Unreadable(`${path} has no end line: it is not a whole snapshot`);
  return header.journal;
}

/** A state file of the format before the journal (one JSON document): its sessions, imported. */
function readLegacy(path: string, into: Restored): number {
  const loaded = loadStateFile(path);
  if (!loaded.ok) throw new Unreadable(loaded.error);
  const { sessions, seed } = loaded.state;
  into.seed = { seed, jobs: (sessions.default ?? Object.values(sessions)[0])?.jobs.jobs.length ?? 0 };
  for (const [s, data] of Object.entries(sessions)) fold(into, { op: 'import', s, data });
  return 0;
}

/**
 * Folds a journal. A damaged last line is a torn write: the file is cut back to the line before it
 * (returns the bytes cut). A damaged line followed by whole ones is not a torn write: unreadable.
 */
async function readJournal(path: string, into: Restored, cutTornTail: boolean): Promise<number> {
  const bytes = await fsp.readFile(path);
  let start = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(10, start);
    const line = bytes.subarray(start, end < 0 ? bytes.length : end).toString('utf8');
    const value = end < 0 ? undefined : (decodeLine(line) as JournalEntry | undefined);
    if (value === undefined) {
      const rest =
        end < 0
          ? []
          : bytes
              .subarray(end + 1)
              .toString('utf8')
              .split('\n');
      if (!cutTornTail || rest.some((l) => decodeLine(l) !== undefined))
        throw new Unreadable(`${path}: the record at byte ${start} is damaged and whole records follow it`);
      await fsp.truncate(path, start);
      return bytes.length - start;
    }
    fold(into, value);
    start = end + 1;
  }
  return 0;
}

async function readAll(
  path: string,
  warn: (m: string) => void,
): Promise<{ restored: Restored; next: number }> {
  const restored = emptyRestored();
  let first = 0;
  const snapshotExists = await fsp.stat(path).then(
    () => true,
    () => false,
  );
  if (snapshotExists) first = await readSnapshot(path, restored);
  const numbers = (await journalNumbers(path)).filter((n) => n >= first);
  for (const [i, n] of numbers.entries()) {
    const cut = await readJournal(journalPath(path, n), restored, i === numbers.length - 1);
    if (cut > 0)
      warn(
        `${journalPath(path, n)} ended in a torn record (a crash while writing it): cut back to the last whole record (${cut} bytes dropped; no acknowledged write was in them)`,
      );
  }
  return { restored, next: Math.max(first, (numbers.at(-1) ?? first - 1) + 1) };
}

/** Renames the snapshot and its journals to `<name>.unreadable-<time>`; returns the new names. */
async function moveAside(path: string, now: Date): Promise<string[]> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const names = [path, ...(await journalNumbers(path)).map((n) => journalPath(path, n))];
  const moved: string[] = [];
  for (const name of names) {
    const to = `${name}.unreadable-${stamp}`;
    try {
      await fsp.rename(name, to);
      moved.push(to);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return moved;
}

// --- writing -------------------------------------------------------------------------------------

/** Writes a snapshot of a fold: streamed line by line to a temporary file, fsynced, renamed. */
async function writeSnapshot(
  path: string,
  restored: Restored,
  journal: number,
  seed: { seed: number; jobs: number },
) {
  const tmp = `${path}.${process.pid}.tmp`;
  const handle = await fsp.open(tmp, 'w');
  try {
    let buffered = '';
    const put = async (value: unknown) => {
      buffered += encodeLine(value);
      if (buffered.length > 1 << 20) {
        await handle.write(buffered);
        buffered = '';
      }
    };
    const header: Header = { format: STATE_FORMAT, ...seed, journal, savedAt: new Date().toISOString() };
    await put(header);
    for (const [s, session] of restored.sessions) {
      if (session.import) await put({ op: 'import', s, data: session.import });
      const changes = [...session.changes.values()];
      for (let i = 0; i < changes.length; i += CHANGES_PER_LINE)
        await put({ s, c: changes.slice(i, i + CHANGES_PER_LINE), j: null });
    }
    await put({ end: true });
    await handle.write(buffered);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsp.rename(tmp, path);
  await syncDir(path);
}

type Waiting = { line: string; resolve: () => void; reject: (e: unknown) => void };

type FileLogOptions = {
  files?: FileLayer;
  compactBytes?: number;
  warn?: (message: string) => void;
  now?: () => Date;
};

export class FileLog implements StateLog {
  readonly kind = 'file';
  readonly path: string;
  readonly #files: FileLayer;
  readonly #compactBytes: number;
  readonly #warn: (m: string) => void;
  #restored: Restored;
  #seed: { seed: number; jobs: number };
  #journal: number;
  #file: AppendFile | undefined;
  #bytes = 0;
  #queue: Waiting[] = [];
  #draining: Promise<void> | undefined;
  #compacting: Promise<void> | undefined;
  #broken: Error | undefined;
  /** Fsyncs done, and records they covered: a test reads them to see that syncs are shared. */
  readonly stats = { syncs: 0, records: 0 };

  constructor(
    path: string,
    restored: Restored,
    journal: number,
    seed: { seed: number; jobs: number },
    options: FileLogOptions,
  ) {
    this.path = path;
    this.#restored = restored;
    this.#journal = journal;
    this.#seed = seed;
    this.#files = options.files ?? realFiles;
    this.#compactBytes = options.compactBytes ?? DEFAULT_COMPACT_BYTES;
    this.#warn = options.warn ?? (() => {});
  }

  /** What the files held at start; `restoreInto` loads it into the sessions. */
  get restored(): Restored {
    return this.#restored;
  }

  /** The seed the files were written against (the CLI's --seed/--jobs when they hold none). */
  get seed(): { seed: number; jobs: number } {
    return this.#seed;
  }

  attach(sessions: Sessions): void {
    restoreInto(sessions, this.#restored);
    // The fold is in the sessions now; compaction reads the files again.
    this.#restored = emptyRestored();
  }

  append(session: string, record: ChangeRecord): Promise<'ok'> {
    return this.#enqueue({ s: session, ...record }).then(() => 'ok' as const);
  }

  async admin(action: AdminAction): Promise<void> {
    if (action.op === 'reseed') this.#seed = { seed: action.seed, jobs: action.jobs };
    await this.#enqueue(action);
  }

  #enqueue(entry: JournalEntry): Promise<void> {
    if (this.#broken) return Promise.reject(this.#broken);
    return new Promise((resolve, reject) => {
      this.#queue.push({ line: encodeLine(entry), resolve, reject });
      this.#draining ??= this.#drain().finally(() => {
        this.#draining = undefined;
      });
    });
  }

  /** Writes and syncs whatever is queued, group by group: requests that queue during a sync share the next one. */
  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const group = this.#queue.splice(0);
      try {
        this.#file ??= await this.#files.openAppend(journalPath(this.path, this.#journal));
        const text = group.map((w) => w.line).join('');
        await this.#file.write(text);
        await this.#file.sync();
        this.stats.syncs++;
        this.stats.records += group.length;
        this.#bytes += Buffer.byteLength(text);
      } catch (e) {
        // A write that failed may have left part of a line: nothing more is appended after it.
        this.#broken = new StateBoundError(
          'state-file',
          `The state journal ${journalPath(this.path, this.#journal)} cannot be written (${(e as Error).message}); the mock refuses writes until it is restarted.`,
        );
        for (const w of [...group, ...this.#queue.splice(0)]) w.reject(this.#broken);
        return;
      }
      for (const w of group) w.resolve();
      if (this.#bytes >= this.#compactBytes && !this.#compacting) await this.#rotate();
    }
  }

  /** Starts a new journal and folds the older ones into a snapshot in the background. */
  async #rotate(): Promise<void> {
    await this.#file?.close();
    this.#file = undefined;
    this.#journal++;
    this.#bytes = 0;
    const upTo = this.#journal;
    this.#compacting = this.#compact(upTo)
      .catch((e) => this.#warn(`could not compact the state journal: ${(e as Error).message}`))
      .finally(() => {
        this.#compacting = undefined;
      });
  }

  /** Folds the snapshot and the journals before `upTo` into a new snapshot, then deletes them. */
  async #compact(upTo: number): Promise<void> {
    const restored = emptyRestored();
    const exists = await fsp.stat(this.path).then(
      () => true,
      () => false,
    );
    const first = exists ? await readSnapshot(this.path, restored) : 0;
    const older = (await journalNumbers(this.path)).filter((n) => n >= first && n < upTo);
    for (const n of older) await readJournal(journalPath(this.path, n), restored, false);
    await writeSnapshot(this.path, restored, upTo, restored.seed ?? this.#seed);
    for (const n of await journalNumbers(this.path))
      if (n < upTo) await fsp.rm(journalPath(this.path, n), { force: true });
  }

  /** Waits for queued records and a compaction in flight, then folds the journal (a quick next start). */
  async close(): Promise<void> {
    await this.#draining;
    await this.#compacting;
    if (this.#broken) return;
    if (this.#bytes > 0) {
      await this.#rotate();
      await this.#compacting;
    }
    await this.#file?.close();
    this.#file = undefined;
  }
}

/**
 * Why the journal beside `path` could not be created or appended, as one line with what to do;
 * undefined when it can. Checked before the mock listens: a bad path found at the first write
 * would answer every write 503.
 */
export async function stateFileProblem(path: string): Promise<string | undefined> {
  const dir = dirname(path);
  const folder = await fsp.stat(dir).catch(() => undefined);
  if (!folder?.isDirectory())
    return `--state-file ${path}: the folder ${dir} does not exist; create it or pass a path in an existing folder`;
  if ((await fsp.stat(path).catch(() => undefined))?.isDirectory())
    return `--state-file ${path} is a folder; pass a file path, e.g. ${join(path, 'state.json')}`;
  try {
    await fsp.access(dir, fsp.constants.W_OK | fsp.constants.X_OK);
  } catch {
    return `--state-file ${path}: the folder ${dir} is not writable by this user; pass a path in a writable folder`;
  }
  return undefined;
}

type OpenResult = { ok: true; log: FileLog } | { ok: false; error: string };

/**
 * Opens (or begins) the state at `path`. Unreadable files: `refuse` leaves them as they are and
 * says why; `seed` moves them aside and starts from the seed.
 */
export async function openFileLog(
  path: string,
  seed: { seed: number; jobs: number },
  options: FileLogOptions & { onBad?: 'refuse' | 'seed' } = {},
): Promise<OpenResult> {
  const warn = options.warn ?? (() => {});
  // Snapshots a killed process was writing: never renamed into place, so never part of the state.
  const prefix = `${basename(path)}.`;
  for (const name of await fsp.readdir(dirname(path)).catch(() => [] as string[]))
    if (name.startsWith(prefix) && /^\d+\.tmp$/.test(name.slice(prefix.length)))
      await fsp.rm(`${dirname(path)}/${name}`, { force: true });
  try {
    const { restored, next } = await readAll(path, warn);
    return { ok: true, log: new FileLog(path, restored, next, restored.seed ?? seed, options) };
  } catch (e) {
    if (!(e instanceof Unreadable) && (e as NodeJS.ErrnoException).code === undefined) throw e;
    const why = e instanceof Unreadable ? e.message : `cannot read ${path}: ${(e as Error).message}`;
    if (options.onBad !== 'seed') return { ok: false, error: why };
    const moved = await moveAside(path, options.now?.() ?? new Date());
    warn(`${why}; moved aside to ${moved.join(', ')} and starting from the seed as --on-bad-state seed asks`);
    return { ok: true, log: new FileLog(path, emptyRestored(), 0, seed, options) };
  }
}
