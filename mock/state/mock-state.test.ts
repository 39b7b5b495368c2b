import { expect, it } from 'vitest';
import type { DataSet, Job } from '../../generators/fixtures/data-set.ts';
import { generateDataSet } from '../../generators/fixtures/generate.ts';
import { MockState, toRecord } from './mock-state.ts';
import { deepFreeze } from './sessions.ts';

const seed: DataSet = deepFreeze(generateDataSet({ seed: 4, jobs: 30 }));
const firstJob = (s: MockState) => [...s.jobs.jobs.values()][0] as Job;

it('records every write as a change with its before and after, one batch per taker', () => {
  const state = new MockState(seed);
  const job = firstJob(state);
  const renamed = { ...job, name: 'renamed' };
  state.setJob(renamed);
  state.touch({ jobs: [job.id] });
  const batch = state.takePending();
  expect(batch?.changes).toEqual([{ table: 'jobs.jobs', key: job.id, before: job, after: renamed }]);
  expect(batch?.scope).toEqual([job.id]);
  expect(state.takePending()).toBeUndefined();
  expect(state.changeCount).toBe(1);
  expect(new MockState(seed).jobs.jobs.get(job.id)?.name).toBe(job.name);
});

it('undoes a batch from its before-images, project index included', () => {
  const state = new MockState(seed);
  const job = firstJob(state);
  const other = [...state.jobs.projects.keys()].find((p) => p !== job.project_id) as string;
  const before = state.jobsOfProject(job.project_id).length;
  state.setJob({ ...job, project_id: other });
  state.touch();
  expect(state.jobsOfProject(job.project_id)).toHaveLength(before - 1);
  const batch = state.takePending();
  if (!batch) throw new Error('no batch');
  const version = state.version;
  state.undo(batch);
  expect(state.jobs.jobs.get(job.id)).toBe(job);
  expect(state.jobsOfProject(job.project_id)).toHaveLength(before);
  expect(state.jobsOfProject(other).some((j) => j.id === job.id)).toBe(false);
  expect(state.version).toBeGreaterThan(version);
  expect(state.lastBroadChange).toBe(state.version);
});

it('replays a record made on another state to the same tables, without recording it again', () => {
  const a = new MockState(seed);
  const b = new MockState(seed);
  const job = firstJob(a);
  a.setJob({ ...job, name: 'elsewhere' });
  a.addPlanning({
    id: 'p-new',
    jobs_id: job.id,
    user_id: job.suggested_user_id,
    date_start: job.due_date,
    duration_minutes: 5,
  });
  a.touch({ jobs: [job.id] });
  const record = JSON.parse(JSON.stringify(toRecord(a.takePending() as never)));
  b.apply(record);
  expect(b.jobs.jobs.get(job.id)?.name).toBe('elsewhere');
  expect(b.planningsOfJob(job.id).some((p) => p.id === 'p-new')).toBe(true);
  expect(b.jobWrites.get(job.id)).toBe(b.version);
  expect(b.hasPending).toBe(false);
  expect([...b.ownChanges()].map(([t, k]) => `${t}:${k}`).sort()).toEqual(
    [`jobs.jobPlannings:p-new`, `jobs.jobs:${job.id}`].sort(),
  );
});

it('writes through putIn to the table it is given', () => {
  const state = new MockState(seed);
  const project = [...state.jobs.projects.values()][0];
  if (!project) throw new Error('no project');
  state.putIn(state.jobs.projects, project.id, { ...project, name: 'p' });
  expect(state.takePending()?.changes[0]?.table).toBe('jobs.projects');
  expect(() => state.putIn(new Map(), 'x', 1)).toThrow(/not a table/);
});
