// The mock's data at run time: the data set's tables as Maps keyed by id, plus the caches of
// derived views. Stores (mock/<resource>/*-store.ts) read and change it; nothing here knows HTTP.
import type { DataSet, Job, JobPlanning, JobsData, NextGenData } from '../../generators/fixtures/data-set.ts';

type Row<T> = T extends (infer R)[] ? R : never;
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

function add(index: Map<string, Set<string>>, key: string, id: string): void {
  const set = index.get(key);
  if (set) set.add(id);
  else index.set(key, new Set([id]));
}

const byId = <T extends { id: K }, K>(rows: T[]): Map<K, T> => new Map(rows.map((r) => [r.id, r]));

export class MockState {
  readonly seed: number;
  readonly tenantDomain: string;
  readonly jobs: JobsTables;
  readonly nextgen: NextGenTables;
  /** Bumped on every write; derived views compare it with the version they were built at. */
  version = 0;
  /** Caches of derived data, dropped when `version` moves. Owned by the modules that fill them. */
  readonly caches = new Map<string, { version: number; value: unknown }>();
  // Job ids per project and planning ids per job, kept in step by setJob/addPlanning, so that a
  // write touches the records of one project instead of scanning every job and planning.
  readonly #jobsByProject = new Map<string, Set<string>>();
  readonly #planningsByJob = new Map<string, Set<string>>();

  constructor(data: DataSet) {
    this.seed = data.seed;
    const j = data.jobs;
    this.tenantDomain = j.tenantDomain;
    this.jobs = {
      countries: byId(j.countries),
      salesOrganizations: byId(j.salesOrganizations),
      companies: byId(j.companies),
      contacts: byId(j.contacts),
      addresses: byId(j.addresses),
      users: byId(j.users),
      skills: byId(j.skills),
      jobTypes: byId(j.jobTypes),
      jobPriorities: byId(j.jobPriorities),
      jobStatuses: byId(j.jobStatuses),
      projectStatuses: byId(j.projectStatuses),
      equipmentBrands: byId(j.equipmentBrands),
      equipmentFamilies: byId(j.equipmentFamilies),
      equipmentModels: byId(j.equipmentModels),
      projects: byId(j.projects),
      jobs: byId(j.jobs),
      jobPlannings: byId(j.jobPlannings),
      articles: byId(j.articles),
      jobPartUsages: byId(j.jobPartUsages),
    };
    for (const job of this.jobs.jobs.values()) add(this.#jobsByProject, job.project_id, job.id);
    for (const p of this.jobs.jobPlannings.values()) add(this.#planningsByJob, p.jobs_id, p.id);
    const n = data.nextgen;
    this.nextgen = {
      users: new Map(n.users.map((u) => [u.username.toLowerCase(), u])),
      requestTypes: byId(n.requestTypes),
      serviceTypes: byId(n.serviceTypes),
      technicalObjectTypes: byId(n.technicalObjectTypes),
      structures: byId(n.structures),
      mobileAccountingTypes: byId(n.mobileAccountingTypes),
      workOrderTypes: byId(n.workOrderTypes),
      workOrders: byId(n.workOrders),
    };
  }

  /** Stores a job (new or changed) and keeps the project index in step. */
  setJob(job: Job): void {
    const old = this.jobs.jobs.get(job.id);
    if (old && old.project_id !== job.project_id) this.#jobsByProject.get(old.project_id)?.delete(job.id);
    add(this.#jobsByProject, job.project_id, job.id);
    this.jobs.jobs.set(job.id, job);
  }

  addPlanning(planning: JobPlanning): void {
    add(this.#planningsByJob, planning.jobs_id, planning.id);
    this.jobs.jobPlannings.set(planning.id, planning);
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
    this.version++;
    if (scope) for (const id of scope.jobs) this.jobWrites.set(id, this.version);
    else this.lastBroadChange = this.version;
  }

  /** Version of the last broad write. */
  lastBroadChange = 0;
  /** Jobs of narrow writes, with the version of their last write; the JobsView consumes them. */
  readonly jobWrites = new Map<string, number>();

  /** A derived value, rebuilt by `build` when the state changed since it was cached. */
  derived<T>(key: string, build: () => T): T {
    const hit = this.caches.get(key);
    if (hit && hit.version === this.version) return hit.value as T;
    const value = build();
    this.caches.set(key, { version: this.version, value });
    return value;
  }

  toDataSet(): DataSet {
    const values = <T>(m: Map<unknown, T>): T[] => [...m.values()];
    const t = this.jobs;
    const n = this.nextgen;
    return {
      seed: this.seed,
      jobs: {
        tenantDomain: this.tenantDomain,
        countries: values(t.countries),
        salesOrganizations: values(t.salesOrganizations),
        companies: values(t.companies),
        contacts: values(t.contacts),
        addresses: values(t.addresses),
        users: values(t.users),
        skills: values(t.skills),
        jobTypes: values(t.jobTypes),
        jobPriorities: values(t.jobPriorities),
        jobStatuses: values(t.jobStatuses),
        projectStatuses: values(t.projectStatuses),
        equipmentBrands: values(t.equipmentBrands),
        equipmentFamilies: values(t.equipmentFamilies),
        equipmentModels: values(t.equipmentModels),
        projects: values(t.projects),
        jobs: values(t.jobs),
        jobPlannings: values(t.jobPlannings),
        articles: values(t.articles),
        jobPartUsages: values(t.jobPartUsages),
      },
      nextgen: {
        users: values(n.users),
        requestTypes: values(n.requestTypes),
        serviceTypes: values(n.serviceTypes),
        technicalObjectTypes: values(n.technicalObjectTypes),
        structures: values(n.structures),
        mobileAccountingTypes: values(n.mobileAccountingTypes),
        workOrderTypes: values(n.workOrderTypes),
        workOrders: values(n.workOrders),
      },
    };
  }
}
