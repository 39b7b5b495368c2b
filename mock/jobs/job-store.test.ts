// The jobs store without HTTP: PUT's effect on the projects' counters.
// The spec documents under Node: the module under test reads lib/spec-runtime.ts.
import '../../lib/spec.ts';
import { expect, test } from 'vitest';
import { generateDataSet } from '../../generators/fixtures/generate.ts';
import type { Job } from '../../model/data-set.ts';
import { computeProjectCounters } from '../../model/project-counters.ts';
import { MockState } from '../state/mock-state.ts';
import { jobResource, updateJob } from './job-store.ts';

const data = generateDataSet({ seed: 7, jobs: 60 });
const user = data.jobs.users[0];
if (!user) throw new Error('the data set has no user');
const ctx = { now: '2027-01-01T00:00:00.000Z', user, putMode: 'replace' as const };

/** The counters of a project recomputed from the state's jobs, as the generator made them. */
function expected(state: MockState, projectId: string) {
  const jobs = state.jobsOfProject(projectId);
  const plannings = jobs.flatMap((j) => state.planningsOfJob(j.id));
  return computeProjectCounters(jobs, plannings, [...state.jobs.jobStatuses.values()]).get(projectId);
}
const counters = (state: MockState, id: string) => {
  const p = state.jobs.projects.get(id);
  return (
    p && {
      nb_open_jobs: p.nb_open_jobs,
      nb_jobs_planned: p.nb_jobs_planned,
      nb_jobs_tobeplanned: p.nb_jobs_tobeplanned,
      nb_jobs_waitingfurtheraction: p.nb_jobs_waitingfurtheraction,
      date_next_job: p.date_next_job,
      date_last_job: p.date_last_job,
    }
  );
};
const bodyOf = (state: MockState, job: Job) => JSON.parse(JSON.stringify(jobResource(state, job)));

test('a PUT that changes the status moves the counters of its project', () => {
  const state = new MockState(data);
  const job = [...state.jobs.jobs.values()].find((j) => j.job_status_code !== 'Canceled' && j.project_id);
  if (!job) throw new Error('no open job with a project');
  const canceled = [...state.jobs.jobStatuses.values()].find((s) => s.code === 'Canceled');
  if (!canceled) throw new Error('no Canceled status');
  const before = counters(state, job.project_id)?.nb_open_jobs ?? 0;
  const body = { ...bodyOf(state, job), job_status_id: canceled.id, job_status_code: canceled.code };
  expect(updateJob(state, job.id, body, ctx).ok).toBe(true);
  expect(counters(state, job.project_id)).toEqual(expected(state, job.project_id));
  expect(counters(state, job.project_id)?.nb_open_jobs).toBe(before - 1);
});

test('a PUT that moves a job to another project recounts both projects', () => {
  const state = new MockState(data);
  const job = [...state.jobs.jobs.values()].find((j) => j.project_id);
  const other = [...state.jobs.projects.values()].find(
    (p) =>
      p.id !== job?.project_id && p.company_id === state.jobs.projects.get(job?.project_id ?? '')?.company_id,
  );
  if (!job || !other) throw new Error('no job with a project and another project of its company');
  const { project: _embedded, ...rest } = bodyOf(state, job);
  // The job's address must be the new project's (rule JOB-ADDRESS-OF-PROJECT).
  const body = {
    ...rest,
    project_id: other.id,
    project_reference_back_office: other.reference_back_office,
    db_address_id: other.db_address_id,
  };
  const result = updateJob(state, job.id, body, ctx);
  expect(result.ok ? [] : result.violations).toEqual([]);
  expect(counters(state, job.project_id)).toEqual(expected(state, job.project_id));
  expect(counters(state, other.id)).toEqual(expected(state, other.id));
});

test('a PUT of the job as read leaves the project record as it was (not written again)', () => {
  const state = new MockState(data);
  const job = [...state.jobs.jobs.values()].find((j) => j.project_id);
  if (!job) throw new Error('no job with a project');
  const project = state.jobs.projects.get(job.project_id);
  expect(updateJob(state, job.id, bodyOf(state, job), ctx).ok).toBe(true);
  expect(state.jobs.projects.get(job.project_id)).toBe(project);
  expect(counters(state, job.project_id)).toEqual(expected(state, job.project_id));
});

test("a job's embedded project follows its project and the records it embeds", () => {
  const state = new MockState(data);
  const job = [...state.jobs.jobs.values()].find(
    (j) => state.jobs.projects.get(j.project_id)?.project_status_id !== undefined,
  );
  const project = job && state.jobs.projects.get(job.project_id);
  const status = project && state.jobs.projectStatuses.get(project.project_status_id);
  if (!job || !project || !status) throw new Error('no job whose project has a status');
  const first = jobResource(state, job).project as Record<string, unknown>;
  expect(jobResource(state, job).project).toEqual(first);
  state.put('jobs.projectStatuses', status.id, { ...status, code: 'CHANGED' });
  state.touch();
  expect((jobResource(state, job).project as { project_status: { code: string } }).project_status.code).toBe(
    'CHANGED',
  );
  state.put('jobs.projects', project.id, { ...project, name: 'renamed' });
  state.touch();
  expect((jobResource(state, job).project as { name: string }).name).toBe('renamed');
  // Another session's state sees its own records, not this one's.
  const other = new MockState(data);
  expect((jobResource(other, job).project as { project_status: { code: string } }).project_status.code).toBe(
    status.code,
  );
});
