// --redis <url> (issue 12, ASSUMPTIONS.md M18): the state log is Redis streams, shared by every
// instance started with the same URL. Each instance keeps its sessions in memory and follows:
//
// - `wo:s:<session>`: one stream per session (sessions do not queue behind each other), one entry
//   per commit; `wo:last:<session>` its last id (kept when the stream is trimmed).
// - `wo:shared`: what all share: admin resets, re-seeds and imports. `wo:seed` the current seed.
// - `wo:snap:<session>`: a session's changes folded up to a stream id, as a list of JSON pieces
//   (never one string of the whole session); the stream is trimmed to that id.
//
// A commit is appended only if this instance has applied everything before it: a Lua script
// compares the session's last id with the one the instance applied last and answers 'conflict'
// otherwise (the pipeline then rolls back, opens again, which catches up, and re-runs the handler).
// So rule checks, uniqueness and If-Match see every write acknowledged anywhere.
//
// Client: ioredis (one package with its own types; scripts defined once and sent by EVALSHA;
// pipelines give `open` its one round trip).
import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { generateDataSet } from '../../generators/fixtures/generate.ts';
import type { Principal, TokenStore } from '../nextgen/tokens.ts';
import type { ChangeRecord, TableName } from './mock-state.ts';
import { type Sessions, StateBoundError } from './sessions.ts';
import type { AdminAction, StateLog } from './state-log.ts';

const P = 'wo:';
const key = {
  seed: `${P}seed`,
  shared: `${P}shared`,
  tokens: `${P}tokens`,
  sessions: `${P}sessions`,
  stream: (s: string) => `${P}s:${s}`,
  last: (s: string) => `${P}last:${s}`,
  snap: (s: string) => `${P}snap:${s}`,
};
/** Entries of a session's stream after which it is folded into its snapshot and trimmed. */
export const SNAPSHOT_EVERY = 500;
/** Entries kept in the shared stream: a running instance reads it far more often than this fills. */
const SHARED_KEEP = 10_000;

// KEYS: stream, last, sessions. ARGV: expected last id ('0': none), record, session.
const APPEND = `
local last = redis.call('GET', KEYS[2]) or '0'
if last ~= ARGV[1] then return {0, last} end
local id = redis.call('XADD', KEYS[1], '*', 'r', ARGV[2])
redis.call('SET', KEYS[2], id)
redis.call('SADD', KEYS[3], ARGV[3])
return {1, id}`;

// KEYS: shared, sessions, seed. ARGV: action, session ('' = all), prefix, seed json ('' = keep),
// import record ('' = none), shared entries kept.
const ADMIN = `
local names
if ARGV[2] == '' then
  names = redis.call('SMEMBERS', KEYS[2])
  redis.call('DEL', KEYS[2])
else
  names = {ARGV[2]}
  redis.call('SREM', KEYS[2], ARGV[2])
end
for _, n in ipairs(names) do
  redis.call('DEL', ARGV[3] .. 's:' .. n, ARGV[3] .. 'last:' .. n, ARGV[3] .. 'snap:' .. n)
end
if ARGV[4] ~= '' then redis.call('SET', KEYS[3], ARGV[4]) end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[6], '*', 'r', ARGV[1])
if ARGV[5] ~= '' then
  local sid = redis.call('XADD', ARGV[3] .. 's:' .. ARGV[2], '*', 'r', ARGV[5])
  redis.call('SET', ARGV[3] .. 'last:' .. ARGV[2], sid)
  redis.call('SADD', KEYS[2], ARGV[2])
end
return id`;

// KEYS: snap, stream, the snapshot written under a temporary name. ARGV: the stream id it is
// folded up to. Put in place only while that entry is still in the stream (a reset since would
// make it stale).
const SNAPSHOT = `
if #redis.call('XRANGE', KEYS[2], ARGV[1], ARGV[1]) == 0 then
  redis.call('DEL', KEYS[3])
  return 0
end
redis.call('RENAME', KEYS[3], KEYS[1])
redis.call('XTRIM', KEYS[2], 'MINID', ARGV[1])
return 1`;
/** Changes per piece of a snapshot list. */
const CHANGES_PER_PIECE = 1_000;

type Entry = [id: string, fields: string[]];
type SessionEntry =
  | ChangeRecord
  | { op: 'import'; data: import('../../generators/fixtures/data-set.ts').DataSet };
/** The first piece of a snapshot list; the others are arrays of changes. */
type SnapshotHead = { id: string; import?: import('../../generators/fixtures/data-set.ts').DataSet };
type Change = [TableName, string | number, unknown];

const entryValue = <T>(entry: Entry): T => JSON.parse(entry[1][1] as string) as T;
const unavailable = (url: string, e: unknown) =>
  new StateBoundError(
    'redis',
    `The state store (Redis at ${url}) cannot be reached: ${(e as Error).message}.`,
  );

type Commands = Redis & {
  woAppend(
    stream: string,
    last: string,
    sessions: string,
    expected: string,
    record: string,
    session: string,
  ): Promise<[number, string]>;
  woAdmin(shared: string, sessions: string, seed: string, ...argv: string[]): Promise<string>;
  woSnapshot(snap: string, stream: string, tmp: string, id: string): Promise<number>;
};

class RedisLog implements StateLog {
  readonly kind = 'redis';
  readonly #redis: Commands;
  readonly #url: string;
  #seed: { seed: number; jobs: number };
  #sharedApplied: string;
  /** Last stream id applied per session; absent: the session is not loaded from Redis here. */
  readonly #applied = new Map<string, string>();
  /** Entries appended per session since its last snapshot (here). */
  readonly #sinceSnapshot = new Map<string, number>();
  #sessions: Sessions | undefined;

  constructor(redis: Commands, url: string, seed: { seed: number; jobs: number }, sharedApplied: string) {
    this.#redis = redis;
    this.#url = url;
    this.#seed = seed;
    this.#sharedApplied = sharedApplied;
  }

  get seed(): { seed: number; jobs: number } {
    return this.#seed;
  }

  attach(sessions: Sessions, tokens?: TokenStore): void {
    this.#sessions = sessions;
    if (tokens) this.#shareTokens(tokens);
  }

  #follower: Redis | undefined;
  #tokens: TokenStore | undefined;
  /** Last entry of `wo:tokens` adopted here (by the follower or a lookup). */
  #tokensSeen = '0-0';

  #adoptTokens(entries: Entry[]): void {
    for (const entry of entries) {
      if (compareIds(entry[0], this.#tokensSeen) <= 0) continue;
      this.#tokensSeen = entry[0];
      const t = entryValue<{ h: string; p: Principal; e: number }>(entry);
      this.#tokens?.adopt(t.h, t.p, t.e);
    }
  }

  async beforeAuthenticate(authorization: string | undefined): Promise<void> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token || !this.#tokens || this.#tokens.knows(token)) return;
    try {
      this.#adoptTokens((await this.#redis.xrange(key.tokens, `(${this.#tokensSeen}`, '+')) as Entry[]);
    } catch (e) {
      throw unavailable(this.#url, e);
    }
  }

  /**
   * NextGen tokens are shared through `wo:tokens` (by their SHA-256, never the token itself): each
   * instance appends the tokens it issues before answering, and follows the stream on a second
   * connection (a blocking read), so a token is known everywhere within a round trip of Redis.
   */
  #shareTokens(tokens: TokenStore): void {
    tokens.shared = {
      hash: (token) => createHash('sha256').update(token).digest('hex'),
      issued: (h, p, e) => {
        this.#redis
          .xadd(key.tokens, 'MAXLEN', '~', String(SHARED_KEEP), '*', 'r', JSON.stringify({ h, p, e }))
          .catch(() => {
            // The issuing instance knows the token; the others learn it when Redis is back.
          });
      },
    };
    this.#tokens = tokens;
    const follower = this.#redis.duplicate();
    this.#follower = follower;
    const follow = async () => {
      while (this.#follower === follower) {
        try {
          // From the start of the stream: a restarted instance knows the tokens issued while it was down.
          const reply = (await follower.xread('BLOCK', 0, 'STREAMS', key.tokens, this.#tokensSeen)) as
            | [string, Entry[]][]
            | null;
          this.#adoptTokens(reply?.[0]?.[1] ?? []);
        } catch {
          if (this.#follower !== follower) return;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    };
    void follow();
  }

  async append(session: string, record: ChangeRecord): Promise<'ok' | 'conflict'> {
    let outcome: [number, string];
    try {
      outcome = await this.#redis.woAppend(
        key.stream(session),
        key.last(session),
        key.sessions,
        this.#applied.get(session) ?? '0',
        JSON.stringify(record),
        session,
      );
    } catch (e) {
      throw unavailable(this.#url, e);
    }
    if (outcome[0] !== 1) return 'conflict';
    this.#applied.set(session, outcome[1]);
    const since = (this.#sinceSnapshot.get(session) ?? 0) + 1;
    this.#sinceSnapshot.set(session, since);
    // After this commit has finished (its batch leaves the in-flight list), not inside it.
    if (since >= SNAPSHOT_EVERY) setImmediate(() => void this.#snapshot(session));
    return 'ok';
  }

  /** Folds a quiet session into its snapshot and trims its stream; skipped while it is busy. */
  async #snapshot(session: string): Promise<void> {
    const sessions = this.#sessions;
    const state = sessions?.peek(session);
    const id = this.#applied.get(session);
    if (!sessions || !state || !id || sessions.busy(session)) return;
    this.#sinceSnapshot.set(session, 0);
    const head: SnapshotHead = { id };
    if (state.base !== sessions.seedData) head.import = state.base;
    // Taken now, in one go: the state may move on while the pieces are sent.
    const pieces = [JSON.stringify(head)];
    let piece: Change[] = [];
    for (const [table, k, value] of state.ownChanges()) {
      piece.push([table, k, value === undefined ? null : value]);
      if (piece.length === CHANGES_PER_PIECE) {
        pieces.push(JSON.stringify(piece));
        piece = [];
      }
    }
    if (piece.length > 0) pieces.push(JSON.stringify(piece));
    const tmp = `${key.snap(session)}:tmp:${randomUUID()}`;
    try {
      const batch = this.#redis.pipeline();
      for (const p of pieces) batch.rpush(tmp, p);
      await batch.exec();
      await this.#redis.woSnapshot(key.snap(session), key.stream(session), tmp, id);
    } catch {
      // The stream still holds every entry: the next snapshot tries again.
      await this.#redis.del(tmp).catch(() => {});
    }
  }

  async admin(action: AdminAction): Promise<void> {
    const session = action.op === 'reseed' || action.s === undefined ? '' : action.s;
    const seed = action.op === 'reseed' ? JSON.stringify({ seed: action.seed, jobs: action.jobs }) : '';
    // An import is a reset of the session (shared, so every instance drops it) and the data as the
    // first entry of its new stream.
    const shared: AdminAction = action.op === 'import' ? { op: 'reset', s: action.s } : action;
    const imported = action.op === 'import' ? JSON.stringify({ op: 'import', data: action.data }) : '';
    let id: string;
    try {
      id = await this.#redis.woAdmin(
        key.shared,
        key.sessions,
        key.seed,
        JSON.stringify(shared),
        session,
        P,
        seed,
        imported,
        String(SHARED_KEEP),
      );
    } catch (e) {
      throw unavailable(this.#url, e);
    }
    if (action.op === 'reseed') this.#seed = { seed: action.seed, jobs: action.jobs };
    // What others did before this action, then this action as done (Sessions applies it here).
    await this.#followShared(`(${this.#sharedApplied}`, `(${id}`);
    this.#sharedApplied = id;
    for (const name of session === '' ? [...this.#applied.keys()] : [session]) this.#forget(name);
    if (action.op === 'import') {
      const last = await this.#redis.get(key.last(action.s));
      if (last) this.#applied.set(action.s, last);
    }
  }

  /** The session was dropped from memory: its next open loads it from its snapshot and stream. */
  forget(name: string): void {
    this.#forget(name);
  }

  #forget(name: string): void {
    this.#applied.delete(name);
    this.#sinceSnapshot.delete(name);
  }

  async #followShared(from: string, to: string): Promise<void> {
    const entries = (await this.#redis.xrange(key.shared, from, to)) as Entry[];
    this.#applyShared(entries);
  }

  /** Applies admin actions of other instances; returns the sessions they dropped ('' = all). */
  #applyShared(entries: Entry[]): Set<string> {
    const dropped = new Set<string>();
    const sessions = this.#sessions;
    for (const entry of entries) {
      const action = entryValue<AdminAction>(entry);
      this.#sharedApplied = entry[0];
      if (!sessions) continue;
      if (action.op === 'reseed') {
        this.#seed = { seed: action.seed, jobs: action.jobs };
        sessions.applyAdmin(action, generateDataSet(this.#seed));
        for (const name of [...this.#applied.keys()]) this.#forget(name);
        dropped.add('');
      } else if (action.op === 'reset') {
        sessions.applyAdmin(action);
        for (const name of action.s === undefined ? [...this.#applied.keys()] : [action.s])
          this.#forget(name);
        dropped.add(action.s ?? '');
      }
    }
    return dropped;
  }

  /**
   * Brings the session up to the end of its stream, in one round trip: the shared stream after what
   * was applied, and the session's stream after its last applied id (or its snapshot and whole
   * stream when it is not loaded here yet). A reset seen in the shared stream reloads it.
   */
  async catchUp(session: string, sessions: Sessions): Promise<void> {
    this.#sessions ??= sessions;
    try {
      let applied = this.#applied.get(session);
      const batch = this.#redis.pipeline().xrange(key.shared, `(${this.#sharedApplied}`, '+');
      if (applied === undefined) batch.lrange(key.snap(session), 0, -1).xrange(key.stream(session), '-', '+');
      else batch.xrange(key.stream(session), `(${applied}`, '+');
      const replies = (await batch.exec()) ?? [];
      for (const [error] of replies) if (error) throw error;
      const dropped = this.#applyShared(replies[0]?.[1] as Entry[]);
      let snap: string[] = [];
      let entries: Entry[];
      if (dropped.has('') || dropped.has(session)) {
        applied = undefined;
        [snap, entries] = await Promise.all([
          this.#redis.lrange(key.snap(session), 0, -1),
          this.#redis.xrange(key.stream(session), '-', '+') as Promise<Entry[]>,
        ]);
      } else if (applied === undefined) {
        snap = replies[1]?.[1] as string[];
        entries = replies[2]?.[1] as Entry[];
      } else entries = replies[1]?.[1] as Entry[];
      if (applied === undefined || entries.length > 0) sessions.discardLocal(session);
      if (applied === undefined) {
        // Loaded from Redis as it is: whatever this instance held for it is replaced.
        sessions.applyAdmin({ op: 'reset', s: session });
        const [first, ...rest] = snap;
        const snapshot = first ? (JSON.parse(first) as SnapshotHead) : undefined;
        if (snapshot?.import) sessions.applyAdmin({ op: 'import', s: session, data: snapshot.import });
        for (const p of rest)
          sessions.applyRecord(session, { c: JSON.parse(p) as Change[], j: null }, { restore: true });
        if (snapshot) {
          this.#applied.set(session, snapshot.id);
          entries = entries.filter((e) => compareIds(e[0], snapshot.id) > 0);
        } else this.#applied.set(session, '0');
      }
      for (const entry of entries) {
        const value = entryValue<SessionEntry>(entry);
        if ('op' in value) sessions.applyAdmin({ op: 'import', s: session, data: value.data });
        else sessions.applyRecord(session, value, { restore: true });
        this.#applied.set(session, entry[0]);
      }
    } catch (e) {
      if (e instanceof StateBoundError) throw e;
      throw unavailable(this.#url, e);
    }
  }

  async close(): Promise<void> {
    const follower = this.#follower;
    this.#follower = undefined;
    follower?.disconnect();
    await this.#redis.quit().catch(() => this.#redis.disconnect());
  }
}

/** Orders two stream ids (`<ms>-<seq>`). */
export function compareIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
}

type OpenRedisResult = { ok: true; log: RedisLog } | { ok: false; error: string };

/** Connects, agrees on the seed (the first instance's --seed/--jobs, or the last re-seed) and follows from now on. */
export async function openRedisLog(
  url: string,
  seed: { seed: number; jobs: number },
): Promise<OpenRedisResult> {
  const redis = new Redis(url, {
    lazyConnect: true,
    // A request must not hang on a Redis that is gone: one retry, then an error (a 503).
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
  }) as Commands;
  redis.defineCommand('woAppend', { numberOfKeys: 3, lua: APPEND });
  redis.defineCommand('woAdmin', { numberOfKeys: 3, lua: ADMIN });
  redis.defineCommand('woSnapshot', { numberOfKeys: 3, lua: SNAPSHOT });
  redis.on('error', () => {
    // Reported by the command that fails; ioredis reconnects by itself.
  });
  try {
    await redis.connect();
    const replies = (await redis
      .multi()
      .set(key.seed, JSON.stringify(seed), 'NX')
      .get(key.seed)
      .xrevrange(key.shared, '+', '-', 'COUNT', 1)
      .exec()) as [Error | null, unknown][];
    for (const [error] of replies) if (error) throw error;
    const agreed = JSON.parse(replies[1]?.[1] as string) as { seed: number; jobs: number };
    const last = (replies[2]?.[1] as Entry[] | undefined)?.[0]?.[0] ?? '0';
    return { ok: true, log: new RedisLog(redis, url, agreed, last) };
  } catch (e) {
    redis.disconnect();
    return { ok: false, error: `cannot use Redis at ${url}: ${(e as Error).message}` };
  }
}
