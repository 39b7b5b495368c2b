// Per-client state (ASSUMPTIONS.md M2): `X-Mock-Session: <name>` gives a client its own copy of
// the seeded data, made on first use. The number of sessions is capped and idle ones expire, so
// a long-running shared mock keeps bounded memory.
import type { DataSet } from '../../generators/fixtures/data-set.ts';
import { MockState } from './mock-state.ts';

export const DEFAULT_SESSION = 'default';

/** Freezes every object and array of a data set, without recursion (data sets are wide, not deep). */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || Object.isFrozen(v)) continue;
    Object.freeze(v);
    for (const child of Object.values(v)) if (child !== null && typeof child === 'object') stack.push(child);
  }
  return value;
}
const SESSION_NAME = /^[A-Za-z0-9._-]{1,64}$/;

export type SessionOptions = { maxSessions: number; idleMs: number; now?: () => number };
type Entry = { state: MockState; lastUsed: number; created: number };

export class Sessions {
  #seedData: DataSet;
  #entries = new Map<string, Entry>();
  readonly #options: Required<SessionOptions>;

  constructor(seedData: DataSet, options: SessionOptions) {
    this.#seedData = deepFreeze(seedData);
    this.#options = { now: Date.now, ...options };
    this.#entries.set(DEFAULT_SESSION, this.#fresh());
  }

  static isValidName(name: string): boolean {
    return SESSION_NAME.test(name);
  }

  #fresh(): Entry {
    const now = this.#options.now();
    // Sessions share the frozen seed records: writes replace records, never change them in place
    // (a change in place would throw), so a new session costs its Maps, not a copy of the data.
    return { state: new MockState(this.#seedData), lastUsed: now, created: now };
  }

  /** The state of a session, created from the seed on first use. */
  get(name: string = DEFAULT_SESSION): MockState {
    const now = this.#options.now();
    let entry = this.#entries.get(name);
    if (!entry) {
      this.#expire(now);
      entry = this.#fresh();
      this.#entries.set(name, entry);
    }
    entry.lastUsed = now;
    return entry.state;
  }

  /**
   * The state a request works on, made ready for it: called only after the caller is authenticated.
   * With a shared change log this is where an instance catches up with its session's log before a
   * read or a write; in memory there is nothing to catch up with.
   */
  async open(name: string = DEFAULT_SESSION): Promise<MockState> {
    return this.get(name);
  }

  /**
   * Makes the request's changes durable before it is answered. 'conflict': another writer got there
   * first (a shared log); the caller rolls back, opens again and retries the handler. In memory every
   * change is already final.
   */
  async commit(_name: string, _state: MockState): Promise<'ok' | 'conflict'> {
    return 'ok';
  }

  #expire(now: number): void {
    for (const [name, e] of this.#entries) {
      if (name !== DEFAULT_SESSION && now - e.lastUsed > this.#options.idleMs) this.#entries.delete(name);
    }
    // Still full: drop the least recently used named session, making room for the one being added.
    while (this.#entries.size >= this.#options.maxSessions) {
      let oldest: [string, Entry] | undefined;
      for (const kv of this.#entries)
        if (kv[0] !== DEFAULT_SESSION && (!oldest || kv[1].lastUsed < oldest[1].lastUsed)) oldest = kv;
      if (!oldest) break;
      this.#entries.delete(oldest[0]);
    }
  }

  /** Back to the seed: one session, or (no name) every session. */
  reset(name?: string): void {
    if (name === undefined) {
      this.#entries.clear();
      this.#entries.set(DEFAULT_SESSION, this.#fresh());
    } else if (name === DEFAULT_SESSION) this.#entries.set(DEFAULT_SESSION, this.#fresh());
    else this.#entries.delete(name);
  }

  /** New seed data for everyone (re-seed): all sessions start again from it. */
  reseed(data: DataSet): void {
    this.#seedData = deepFreeze(data);
    this.reset();
  }

  /** Replaces one session's state (import). */
  replace(name: string, data: DataSet): void {
    const now = this.#options.now();
    this.#entries.set(name, { state: new MockState(data), lastUsed: now, created: now });
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

  get seed(): number {
    return this.#seedData.seed;
  }

  list(): { name: string; created: number; lastUsed: number; version: number }[] {
    return [...this.#entries].map(([name, e]) => ({
      name,
      created: e.created,
      lastUsed: e.lastUsed,
      version: e.state.version,
    }));
  }
}
