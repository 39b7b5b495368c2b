// Per-client state (ASSUMPTIONS.md M2, M15): `X-Mock-Session: <name>` gives a client its own state:
// the seed plus that session's own changes (mock-state.ts keeps them as overlays, so a session costs
// what it changed). Every write is a change recorded by MockState; `commit` hands a request's
// changes to the state log (memory, file journal or Redis: state-log.ts) and resolves once they are
// durable. Bounds refuse new work (StateBoundError, a 503 naming the bound); an acknowledged write
// is never dropped to make room.
import type { DataSet } from '../../generators/fixtures/data-set.ts';
import { type Batch, type ChangeRecord, MockState, toRecord } from './mock-state.ts';
import type { AdminAction, StateLog } from './state-log.ts';

export const DEFAULT_SESSION = 'default';

/** Freezes every object and array of a data set, without recursion (data sets are wide, not deep). */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  const visit = (child: unknown) => {
    if (child !== null && typeof child === 'object' && !Object.isFrozen(child)) stack.push(child);
  };
  while (stack.length > 0) {
    const v = stack.pop() as Record<string, unknown> | unknown[];
    Object.freeze(v);
    // Indexed and for-in walks: Object.values would allocate an array per record (100k jobs at start).
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) visit(v[i]);
    else for (const key in v) visit(v[key]);
  }
  return value;
}
const SESSION_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** A bound of the state was reached: the new work is refused (503), nothing old is dropped. */
export class StateBoundError extends Error {
  readonly status = 503;
  constructor(
    readonly bound: string,
    message: string,
  ) {
    super(message);
  }
}
export const isStateBoundError = (e: unknown): e is StateBoundError => e instanceof StateBoundError;

type SessionOptions = {
  maxSessions: number;
  /** Changed records kept over all sessions (ASSUMPTIONS.md M16); more writes are refused. */
  maxChanges?: number;
  /** A session without changes, idle this long, is forgotten (it is the seed again anyway). */
  idleMs: number;
  now?: () => number;
  log?: StateLog;
};
type Entry = {
  state: MockState;
  lastUsed: number;
  created: number;
  /** Commits of this session run one after another, in the order their requests wrote. */
  chain: Promise<unknown>;
  /** Batches handed to the log and not yet durable, oldest first. */
  inflight: Batch[];
  /** Batches that must not reach the log: an earlier one of the same session failed. */
  doomed: Set<Batch>;
  /** A catch-up queued in the chain and not started yet, which new opens join. */
  nextCatchUp?: Promise<void> | undefined;
};

const DEFAULT_MAX_CHANGES = 2_000_000;

/** The in-memory log: nothing to make durable, nobody else to conflict with. */
const memoryLog: StateLog = {
  kind: 'memory',
  append: async () => 'ok',
  admin: async () => {},
  close: async () => {},
};

export class Sessions {
  #seedData: DataSet;
  #entries = new Map<string, Entry>();
  readonly #options: Required<Omit<SessionOptions, 'log'>>;
  readonly log: StateLog;

  constructor(seedData: DataSet, options: SessionOptions) {
    this.#seedData = deepFreeze(seedData);
    const { log, ...rest } = options;
    this.#options = { now: Date.now, maxChanges: DEFAULT_MAX_CHANGES, ...rest };
    this.log = log ?? memoryLog;
    this.#entries.set(DEFAULT_SESSION, this.#fresh());
  }

  static isValidName(name: string): boolean {
    return SESSION_NAME.test(name);
  }

  #fresh(data: DataSet = this.#seedData): Entry {
    const now = this.#options.now();
    // Sessions share the frozen seed records: writes replace records, never change them in place
    // (a change in place would throw), so a new session costs its changes, not a copy of the data.
    return {
      state: new MockState(data),
      lastUsed: now,
      created: now,
      chain: Promise.resolve(),
      inflight: [],
      doomed: new Set(),
    };
  }

  #entry(name: string, restoring = false): Entry {
    const now = this.#options.now();
    let entry = this.#entries.get(name);
    if (!entry) {
      // What a log restores was acknowledged once: it is loaded whatever the bound says now.
      if (!restoring) this.#makeRoom(now);
      entry = this.#fresh();
      this.#entries.set(name, entry);
    }
    entry.lastUsed = now;
    return entry;
  }

  /**
   * The state of a session, created from the seed on first use. Synchronous access for tests and
   * tools; requests use `open`. Changes left pending by a caller that does not commit are committed
   * here (without waiting), so that they reach the log all the same.
   */
  get(name: string = DEFAULT_SESSION): MockState {
    const entry = this.#entry(name);
    if (entry.state.hasPending) {
      this.commit(name, entry.state).catch((e) =>
        console.error(`wo-mock: a change of session '${name}' was not saved: ${(e as Error).message}`),
      );
    }
    return entry.state;
  }

  /**
   * The state a request works on, made ready for it: called only after the caller is authenticated.
   * Waits for this session's commits in flight (a read sees only durable data), then lets the log
   * bring the session up to its end (Redis: what other instances wrote; one round trip).
   */
  async open(name: string = DEFAULT_SESSION): Promise<MockState> {
    let entry: Entry;
    try {
      entry = this.#entry(name);
    } catch (e) {
      // No room for a new session: it reads the seed, and a write to it is refused at commit.
      if (e instanceof StateBoundError) return this.#seedState();
      throw e;
    }
    const { catchUp } = this.log;
    if (!catchUp) await entry.chain;
    else {
      // Catching up runs in the session's chain, never in the middle of one of its commits. Opens
      // that arrive while one is waiting there share it (one round trip for all of them); one that
      // has started may have missed their writers' commits, so later opens wait for the next.
      if (!entry.nextCatchUp) {
        const run = entry.chain.then(() => {
          entry.nextCatchUp = undefined;
          return catchUp.call(this.log, name, this);
        });
        entry.nextCatchUp = run;
        entry.chain = run.catch(() => {});
      }
      await entry.nextCatchUp;
    }
    return this.#entry(name).state;
  }

  /**
   * Undoes this instance's writes of a session that are not in the log yet (they were made on a
   * state the shared log has moved past: their commits answer 'conflict'), so that what others
   * wrote can be applied on the state the log holds.
   */
  discardLocal(name: string): void {
    const entry = this.#entries.get(name);
    if (!entry) return;
    const first = entry.inflight[0];
    if (first) {
      this.#undoFrom(entry, first);
      entry.doomed.add(first);
    }
  }

  /**
   * Makes the request's changes durable before it is answered: 'ok' once the log holds them (file:
   * fsynced; Redis: appended). 'conflict': the shared log moved on (another instance wrote first,
   * or an earlier commit of this session failed); the changes are already undone, the caller calls
   * `rollback`, opens again and re-runs the handler. A bound reached or a log that fails: the
   * changes are undone and the error is thrown (StateBoundError is a 503).
   */
  async commit(name: string, state: MockState): Promise<'ok' | 'conflict'> {
    const entry = this.#entries.get(name);
    const batch = state.takePending();
    if (!batch) return 'ok';
    if (!entry && state === this.#seed?.state) {
      state.undo(batch);
      throw this.#sessionsBound();
    }
    if (!entry || entry.state !== state) {
      // The session was reset or replaced while the handler ran: its writes went to a state nobody
      // reads any more. Re-running the handler writes them to the current one.
      return 'conflict';
    }
    const total = this.changeCount();
    if (total > this.#options.maxChanges) {
      state.undo(batch);
      throw new StateBoundError(
        'max-changes',
        `The mock holds ${total} changed records, its bound (--max-changes ${this.#options.maxChanges}); it refuses new writes until sessions are reset (POST /__admin/reset).`,
      );
    }
    entry.inflight.push(batch);
    const run = entry.chain.then(async (): Promise<'ok' | 'conflict'> => {
      if (entry.doomed.delete(batch)) return 'conflict';
      let outcome: 'ok' | 'conflict';
      try {
        outcome = await this.log.append(name, toRecord(batch), state);
      } catch (e) {
        this.#undoFrom(entry, batch);
        throw e;
      }
      if (outcome === 'conflict') this.#undoFrom(entry, batch);
      else entry.inflight.splice(entry.inflight.indexOf(batch), 1);
      return outcome;
    });
    entry.chain = run.catch(() => {});
    return run;
  }

  /** Undoes `batch` and every later batch of the session (newest first); the later ones are doomed. */
  #undoFrom(entry: Entry, batch: Batch): void {
    const at = entry.inflight.indexOf(batch);
    const undone = entry.inflight.splice(at);
    const loose = entry.state.takePending();
    if (loose) entry.state.undo(loose);
    for (let i = undone.length - 1; i >= 0; i--) entry.state.undo(undone[i] as Batch);
    for (const b of undone.slice(1)) entry.doomed.add(b);
  }

  /** Undoes what a request wrote and did not commit (its handler failed, or its commit conflicted). */
  rollback(_name: string, state: MockState): void {
    const loose = state.takePending();
    if (loose) state.undo(loose);
  }

  /** Records changed over the seed, over all sessions in memory. */
  changeCount(): number {
    let n = 0;
    for (const e of this.#entries.values()) n += e.state.changeCount;
    return n;
  }

  /**
   * Room for one more session: forgets idle sessions without changes (they are the seed again),
   * then the least recently used one without changes. With a log that gives sessions back (Redis)
   * a session with changes may go too: it is reloaded from the log when used again. Otherwise a
   * session with changes is never dropped: when every place holds one, the new session is refused.
   */
  #makeRoom(now: number): void {
    const reloadable = this.log.forget !== undefined;
    const forgettable = (name: string, e: Entry) =>
      name !== DEFAULT_SESSION &&
      (reloadable || e.state.changeCount === 0) &&
      e.inflight.length === 0 &&
      !e.state.hasPending &&
      e.nextCatchUp === undefined;
    const drop = (name: string) => {
      this.#entries.delete(name);
      this.log.forget?.(name);
    };
    for (const [name, e] of this.#entries)
      if (forgettable(name, e) && now - e.lastUsed > this.#options.idleMs) drop(name);
    while (this.#entries.size >= this.#options.maxSessions) {
      let oldest: [string, Entry] | undefined;
      for (const kv of this.#entries)
        if (forgettable(kv[0], kv[1]) && (!oldest || kv[1].lastUsed < oldest[1].lastUsed)) oldest = kv;
      if (!oldest) throw this.#sessionsBound();
      drop(oldest[0]);
    }
  }

  /** The seed, read only, for a session there is no room for (one state, rebuilt after a re-seed). */
  #seed: { data: DataSet; state: MockState } | undefined;
  #seedState(): MockState {
    if (this.#seed?.data !== this.#seedData)
      this.#seed = { data: this.#seedData, state: new MockState(this.#seedData) };
    return this.#seed.state;
  }

  #sessionsBound(): StateBoundError {
    return new StateBoundError(
      'max-sessions',
      `The mock holds ${this.#entries.size} sessions with changes, its bound (--max-sessions ${this.#options.maxSessions}); reset one (POST /__admin/reset?session=...) or start it with a higher --max-sessions.`,
    );
  }

  // --- admin actions: recorded in the log first, then applied here --------------------------------

  /** Back to the seed: one session, or (no name) every session. */
  async reset(name?: string): Promise<void> {
    await this.log.admin(name === undefined ? { op: 'reset' } : { op: 'reset', s: name }, this);
    this.applyAdmin(name === undefined ? { op: 'reset' } : { op: 'reset', s: name });
  }

  /** New seed data for everyone (re-seed): all sessions start again from it. */
  async reseed(data: DataSet): Promise<void> {
    await this.log.admin({ op: 'reseed', seed: data.seed, jobs: data.jobs.jobs.length }, this);
    this.#reseed(data);
  }

  /** Replaces one session's state (import). */
  async replace(name: string, data: DataSet): Promise<void> {
    await this.log.admin({ op: 'import', s: name, data }, this);
    this.applyAdmin({ op: 'import', s: name, data });
  }

  #reseed(data: DataSet): void {
    this.#seedData = deepFreeze(data);
    this.applyAdmin({ op: 'reset' });
  }

  /** Applies an admin action (from this instance, or replayed from a log) without logging it. */
  applyAdmin(action: AdminAction, seedData?: DataSet): void {
    if (action.op === 'reseed') {
      if (seedData) this.#reseed(seedData);
      return;
    }
    if (action.op === 'import') {
      this.#entries.set(action.s, this.#fresh(action.data));
      return;
    }
    if (action.s === undefined) {
      this.#entries.clear();
      this.#entries.set(DEFAULT_SESSION, this.#fresh());
    } else if (action.s === DEFAULT_SESSION) this.#entries.set(DEFAULT_SESSION, this.#fresh());
    else this.#entries.delete(action.s);
  }

  /** Applies a change record from a log (replay at start, or another instance's write). */
  applyRecord(name: string, record: ChangeRecord, how: { restore?: boolean } = {}): void {
    this.#entry(name, how.restore).state.apply(record);
  }

  /** The session's state when it is in memory (no creation). */
  peek(name: string): MockState | undefined {
    return this.#entries.get(name)?.state;
  }

  /** True when the session has commits in flight or changes not yet committed. */
  busy(name: string): boolean {
    const e = this.#entries.get(name);
    return e !== undefined && (e.inflight.length > 0 || e.state.hasPending);
  }

  /** A session's data as a plain data set (export), or undefined when the session does not exist. */
  export(name: string): DataSet | undefined {
    return this.#entries.get(name)?.state.toDataSet();
  }

  exportAll(): Record<string, DataSet> {
    return Object.fromEntries([...this.#entries].map(([name, e]) => [name, e.state.toDataSet()]));
  }

  has(name: string): boolean {
    return this.#entries.has(name);
  }

  names(): string[] {
    return [...this.#entries.keys()];
  }

  get seed(): number {
    return this.#seedData.seed;
  }

  get seedData(): DataSet {
    return this.#seedData;
  }

  list(): { name: string; created: number; lastUsed: number; version: number; changes: number }[] {
    return [...this.#entries].map(([name, e]) => ({
      name,
      created: e.created,
      lastUsed: e.lastUsed,
      version: e.state.version,
      changes: e.state.changeCount,
    }));
  }
}
