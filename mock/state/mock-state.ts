// The mock's data at run time: the data set's tables as Maps keyed by id, plus the caches of
// derived views. Stores (mock/<resource>/*-store.ts) read it and change it only through `put`
// (and setJob/addPlanning), so that every write is a change (issue 12: table, key, before, after)
// that the session's log can make durable, replay elsewhere, or undo. Nothing here knows HTTP.
import type { DataSet, Job, JobPlanning, JobsData, NextGenData } from '../../generators/fixtures/data-set.ts';
import { OverlayMap } from './overlay-map.ts';

type Row<T> = T extends (infer R)[] ? R : never;
type Key = string | number;
type ById<T> = {
  [K in keyof T as T[K] extends unknown[] ? K : never]: Map<
    Row<T[K]> extends { id: infer I } ? I : string,
    Row<T[K]>
  >;
};

export type JobsTables = Omit<ById<JobsData>, never>;
export type NextGenTables = Omit<ById<NextGenData>, 'users'> & {
  users: Map<string, Row<NextGenData['users']>>;
};
export type TableName = `jobs.${keyof JobsTables & string}` | `nextgen.${keyof NextGenTables & string}`;

/** One write: `before`/`after` undefined mean the key was absent / is deleted. */
export type Change = { table: TableName; key: Key; before: unknown; after: unknown };
/**
 * The changes one request made, and what of the derived views they can affect: the jobs whose own
 * view rows changed, or 'all' (anything derived may have).
 */
export type Batch = { changes: Change[]; scope: string[] | 'all' };
/** A batch as the logs store it: no before-images (a replay needs only what was written). */
export type ChangeRecord = { c: [TableName, Key, unknown][]; j: string[] | null };

export const toRecord = (b: Batch): ChangeRecord => ({
  c: b.changes.map((c) => [c.table, c.key, c.after === undefined ? null : c.after]),
  j: b.scope === 'all' ? null : b.scope,
});

type IdIndex = ReadonlyMap<string, ReadonlySet<string>>;

/** The seed's tables and indexes, built once per data set and shared by every session over it. */
type Base = {
  data: DataSet;
  jobs: Record<string, ReadonlyMap<Key, unknown>>;
  nextgen: Record<string, ReadonlyMap<Key, unknown>>;
  /** Built on first use (a write that touches a project's or a job's records), not at start-up. */
  jobsByProject: () => IdIndex;
  planningsByJob: () => IdIndex;
};

function index(rows: Iterable<unknown>, keyOf: (r: never) => string, idOf: (r: never) => string): IdIndex {
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const k = keyOf(r as never);
    const set = out.get(k);
    if (set) set.add(idOf(r as never));
    else out.set(k, new Set([idOf(r as never)]));
  }
  return out;
}

/** `build` once, on the first call. */
function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}

// A loop of `set`, not `new Map(rows.map(...))`: no [key, row] pair per record (100k jobs at start).
function byId(rows: readonly { id: Key }[]): Map<Key, unknown> {
  const map = new Map<Key, unknown>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as { id: Key };
    map.set(row.id, row);
  }
  return map;
}

const bases = new WeakMap<DataSet, Base>();
function baseOf(data: DataSet): Base {
  let base = bases.get(data);
  if (base) return base;
  const tables = (family: object, skip: string[] = []) =>
    Object.fromEntries(
      Object.entries(family)
        .filter(([k, v]) => Array.isArray(v) && !skip.includes(k))
        .map(([k, v]) => [k, byId(v as { id: Key }[])]),
    );
  const nextgen = tables(data.nextgen, ['users']);
  nextgen.users = new Map(data.nextgen.users.map((u) => [u.username.toLowerCase(), u]));
  base = {
    data,
    jobs: tables(data.jobs),
    nextgen,
    jobsByProject: once(() =>
      index(
        data.jobs.jobs,
        (j: Job) => j.project_id,
        (j: Job) => j.id,
      ),
    ),
    planningsByJob: once(() =>
      index(
        data.jobs.jobPlannings,
        (p: JobPlanning) => p.jobs_id,
        (p: JobPlanning) => p.id,
      ),
    ),
  };
  bases.set(data, base);
  return base;
}

/** An index over a shared one: a key's set is copied on its first change here. */
class OverlayIndex {
  readonly #base: () => IdIndex;
  readonly #own = new Map<string, Set<string>>();
  constructor(base: () => IdIndex) {
    this.#base = base;
  }
  get(key: string): ReadonlySet<string> | undefined {
    return this.#own.get(key) ?? this.#base().get(key);
  }
  #mine(key: string): Set<string> {
    let set = this.#own.get(key);
    if (!set) {
      set = new Set(this.#base().get(key));
      this.#own.set(key, set);
    }
    return set;
  }
  add(key: string, id: string): void {
    if (!this.get(key)?.has(id)) this.#mine(key).add(id);
  }
  remove(key: string, id: string): void {
    if (this.get(key)?.has(id)) this.#mine(key).delete(id);
  }
}

export class MockState {
  readonly seed: number;
  readonly tenantDomain: string;
  readonly jobs: JobsTables;
  readonly nextgen: NextGenTables;
  /** The data set this state's tables are an overlay on (the seed, or an imported one). */
  readonly base: DataSet;
  /** Bumped on every write; derived views compare it with the version they were built at. */
  version = 0;
  /** Caches of derived data, dropped when `version` moves. Owned by the modules that fill them. */
  readonly caches = new Map<string, { version: number; value: unknown }>();
  // Job ids per project and planning ids per job, kept in step by `put`, so that a write touches
  // the records of one project instead of scanning every job and planning.
  readonly #jobsByProject: OverlayIndex;
  readonly #planningsByJob: OverlayIndex;
  /** Changes not yet taken by a commit, oldest first. */
  #pending: Change[] = [];
  #pendingScope: Set<string> | 'all' | undefined;

  constructor(data: DataSet) {
    const base = baseOf(data);
    this.base = data;
    this.seed = data.seed;
    this.tenantDomain = data.jobs.tenantDomain;
    const overlay = (tables: Record<string, ReadonlyMap<Key, unknown>>) =>
      Object.fromEntries(Object.entries(tables).map(([k, m]) => [k, new OverlayMap(m)]));
    this.jobs = overlay(base.jobs) as unknown as JobsTables;
    this.nextgen = overlay(base.nextgen) as unknown as NextGenTables;
    this.#jobsByProject = new OverlayIndex(base.jobsByProject);
    this.#planningsByJob = new OverlayIndex(base.planningsByJob);
  }

  table(name: TableName): Map<Key, unknown> {
    const [family, table] = name.split('.') as [string, string];
    const map = (family === 'jobs' ? this.jobs : this.nextgen)[table as never] as
      | Map<Key, unknown>
      | undefined;
    if (!map) throw new Error(`no table ${name}`);
    return map;
  }

  /** Writes one record (undefined deletes it), recorded as a change of the request's batch. */
  put(name: TableName, key: Key, value: unknown): void {
    const before = this.#write(name, key, value);
    this.#pending.push({ table: name, key, before, after: value });
  }

  #write(name: TableName, key: Key, value: unknown): unknown {
    const map = this.table(name);
    const before = map.get(key);
    if (name === 'jobs.jobs') {
      const old = before as Job | undefined;
      const job = value as Job | undefined;
      if (old && old.project_id !== job?.project_id) this.#jobsByProject.remove(old.project_id, old.id);
      if (job) this.#jobsByProject.add(job.project_id, job.id);
    } else if (name === 'jobs.jobPlannings') {
      const old = before as JobPlanning | undefined;
      const planning = value as JobPlanning | undefined;
      if (old && old.jobs_id !== planning?.jobs_id) this.#planningsByJob.remove(old.jobs_id, old.id);
      if (planning) this.#planningsByJob.add(planning.jobs_id, planning.id);
    }
    if (value === undefined) map.delete(key);
    else map.set(key, value);
    return before;
  }

  /** `put` for a caller that holds the table itself rather than its name. */
  putIn(map: ReadonlyMap<Key, unknown> | Map<never, unknown>, key: Key, value: unknown): void {
    for (const family of ['jobs', 'nextgen'] as const)
      for (const [name, m] of Object.entries(this[family]))
        if (m === map) {
          this.put(`${family}.${name}` as TableName, key, value);
          return;
        }
    throw new Error('putIn: not a table of this state');
  }

  /** Stores a job (new or changed). */
  setJob(job: Job): void {
    this.put('jobs.jobs', job.id, job);
  }

  addPlanning(planning: JobPlanning): void {
    this.put('jobs.jobPlannings', planning.id, planning);
  }

  jobsOfProject(projectId: string): Job[] {
    return [...(this.#jobsByProject.get(projectId) ?? [])].flatMap((id) => this.jobs.jobs.get(id) ?? []);
  }

  planningsOfJob(jobId: string): JobPlanning[] {
    return [...(this.#planningsByJob.get(jobId) ?? [])].flatMap((id) => this.jobs.jobPlannings.get(id) ?? []);
  }

  /**
   * Marks a write. `scope.jobs`: only these jobs' own view rows can have changed (a narrow write);
   * no scope: anything derived may have (a broad write). Every cache keyed by `version` rebuilds;
   * the JobsView rebuilds only the rows of narrow writes (mock/jobs-view/view-rows.ts).
   */
  touch(scope?: { jobs: string[] }): void {
    this.#mark(scope?.jobs ?? 'all');
    if (this.#pendingScope === 'all') return;
    if (!scope) this.#pendingScope = 'all';
    else {
      this.#pendingScope ??= new Set();
      for (const id of scope.jobs) this.#pendingScope.add(id);
    }
  }

  #mark(scope: readonly string[] | 'all'): void {
    this.version++;
    if (scope === 'all') this.lastBroadChange = this.version;
    else for (const id of scope) this.jobWrites.set(id, this.version);
  }

  /** Version of the last broad write. */
  lastBroadChange = 0;
  /** Jobs of narrow writes, with the version of their last write; the JobsView consumes them. */
  readonly jobWrites = new Map<string, number>();

  get hasPending(): boolean {
    return this.#pending.length > 0 || this.#pendingScope !== undefined;
  }

  /** The changes made since the last call (one request's writes), or undefined when none. */
  takePending(): Batch | undefined {
    const changes = this.#pending;
    const scope = this.#pendingScope;
    this.#pending = [];
    this.#pendingScope = undefined;
    if (changes.length === 0 && scope === undefined) return undefined;
    return { changes, scope: scope === 'all' || scope === undefined ? 'all' : [...scope] };
  }

  /** Puts back what a batch wrote (its before-images, newest first); derived views follow. */
  undo(batch: Batch): void {
    for (let i = batch.changes.length - 1; i >= 0; i--) {
      const c = batch.changes[i] as Change;
      this.#write(c.table, c.key, c.before);
    }
    this.#mark(batch.scope);
  }

  /** Applies a batch that was made elsewhere (a log being replayed): not recorded again. */
  apply(record: ChangeRecord): void {
    for (const [table, key, after] of record.c) this.#write(table, key, after === null ? undefined : after);
    this.#mark(record.j ?? 'all');
  }

  /** What this state changed over its base, table by table (undefined: deleted). */
  *ownChanges(): Generator<[TableName, Key, unknown]> {
    for (const family of ['jobs', 'nextgen'] as const) {
      for (const [name, map] of Object.entries(this[family])) {
        for (const [key, value] of (map as OverlayMap<Key, unknown>).ownEntries())
          yield [`${family}.${name}` as TableName, key, value];
      }
    }
  }

  /** Number of records this state changed over its base: what the session costs. */
  get changeCount(): number {
    let n = 0;
    for (const family of [this.jobs, this.nextgen])
      for (const map of Object.values(family)) n += (map as OverlayMap<Key, unknown>).ownSize;
    return n;
  }

  /** A derived value, rebuilt by `build` when the state changed since it was cached. */
  derived<T>(key: string, build: () => T): T {
    const hit = this.caches.get(key);
    if (hit && hit.version === this.version) return hit.value as T;
    const value = build();
    this.caches.set(key, { version: this.version, value });
    return value;
  }

  toDataSet(): DataSet {
    const values = (m: Map<unknown, unknown>) => [...m.values()];
    const family = <T extends object>(tables: T) =>
      Object.fromEntries(Object.entries(tables).map(([k, m]) => [k, values(m as Map<unknown, unknown>)]));
    return {
      seed: this.seed,
      jobs: { tenantDomain: this.tenantDomain, ...family(this.jobs) } as unknown as JobsData,
      nextgen: family(this.nextgen) as unknown as NextGenData,
    };
  }
}
