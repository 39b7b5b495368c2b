import '../../lib/spec.ts';
import { expect, it } from 'vitest';
import type { DataSet, Job } from '../../generators/fixtures/data-set.ts';
import { generateDataSet } from '../../generators/fixtures/generate.ts';
import { applyQuery } from '../odata/apply-query.ts';
import { parseQuery } from '../odata/parse-query.ts';
import { MockState } from '../state/mock-state.ts';
import { deepFreeze } from '../state/sessions.ts';
import { jobsView, MAX_BUILT_VIEWS, queryView, viewFieldTypes } from './view-rows.ts';

const data: DataSet = deepFreeze(generateDataSet({ seed: 12, jobs: 400 }));
const fields = viewFieldTypes();
const parsed = (query: Record<string, string>) => {
  const p = parseQuery(query, fields);
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
};
const companyOf = (state: MockState) => {
  const counts = new Map<string, number>();
  for (const row of jobsView(state).rows) {
    const company = state.jobs.projects.get(row.project_id)?.company_id ?? '';
    counts.set(company, (counts.get(company) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
};

it('answers a page exactly as filtering and sorting the company rows would, with and without $count', () => {
  const state = new MockState(data);
  const company = companyOf(state);
  const rows = jobsView(state).byCompany.get(company) ?? [];
  const queries = [
    { $filter: "contains(name,'e')", $orderby: 'due_date desc,id2', $top: '7', $skip: '3' },
    { $filter: 'job_planning_count ge 1', $orderby: 'name', $count: 'true' },
    { $orderby: 'date_create desc', $skip: '15' },
    { $filter: "job_status_name ne 'Closed'", $count: 'true', $top: '5' },
  ];
  for (const query of queries) {
    const q = parsed(query);
    const page = queryView(state, company, JSON.stringify(query), q, 20);
    const want = applyQuery(rows, q, 20);
    expect(page.items).toEqual(want.items);
    expect(page.nextSkip).toBe(want.nextSkip);
    if (q.count) expect(page.total).toBe(want.total);
  }
});

it('shows a narrow write in the next page, in its new place in the order', () => {
  const state = new MockState(data);
  const company = companyOf(state);
  const q = parsed({ $orderby: 'name', $top: '3' });
  const before = queryView(state, company, 'by-name', q, 20);
  const last = jobsView(state).byCompany.get(company)?.at(-1);
  const job = state.jobs.jobs.get(last?.id ?? '') as Job;
  state.setJob({ ...job, name: '   first by name' });
  state.touch({ jobs: [job.id] });
  const after = queryView(state, company, 'by-name', q, 20);
  expect(after.items[0]?.id).toBe(job.id);
  expect(after.items[1]?.id).toBe(before.items[0]?.id);
});

it('filters a narrow write by its new values once the filter read the columns before it', () => {
  const state = new MockState(data);
  const company = companyOf(state);
  const q = parsed({ $filter: "contains(name,'ZZ-MARKER') or total_time_planned eq -7", $count: 'true' });
  expect(queryView(state, company, 'marker', q, 20).total).toBe(0);
  const last = jobsView(state).byCompany.get(company)?.at(-1);
  const job = state.jobs.jobs.get(last?.id ?? '') as Job;
  state.setJob({ ...job, name: 'a zz-marker job' });
  state.touch({ jobs: [job.id] });
  const after = queryView(state, company, 'marker', q, 20);
  expect(after.items.map((r) => r.id)).toStrictEqual([job.id]);
  state.setJob({ ...job, name: 'renamed' });
  state.touch({ jobs: [job.id] });
  expect(queryView(state, company, 'marker', q, 20).total).toBe(0);
});

it('keeps a page the second time its query is asked, not the first', () => {
  const state = new MockState(data);
  const company = companyOf(state);
  const q = parsed({ $orderby: 'name', $top: '2' });
  const kept = () =>
    (state.caches.get('jobs-view-pages')?.value as Map<string, unknown> | undefined)?.size ?? 0;
  const first = queryView(state, company, 'twice', q, 20);
  expect(kept()).toBe(0);
  const second = queryView(state, company, 'twice', q, 20);
  expect(kept()).toBe(1);
  expect(second).toStrictEqual(first);
  expect(queryView(state, company, 'twice', q, 20)).toBe(second);
});

it('keeps the views of only the last few sessions that read JobsView built', () => {
  const states = Array.from({ length: MAX_BUILT_VIEWS + 2 }, () => new MockState(data));
  for (const s of states) jobsView(s);
  const builtCount = states.filter((s) => s.caches.has('jobs-view')).length;
  expect(builtCount).toBe(MAX_BUILT_VIEWS);
  expect(states[0]?.caches.has('jobs-view')).toBe(false);
  expect(states.at(-1)?.caches.has('jobs-view')).toBe(true);
  expect(jobsView(states[0] as MockState).rows).toHaveLength(400);
});
