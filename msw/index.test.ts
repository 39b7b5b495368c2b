// The mock's pipeline in msw/node, no server: a slice of the black-box cases through the typed
// clients (JobsView query, PUT then read, Save upsert, NextGen token and PATCH), sessions apart,
// reset, and calls to other addresses left alone.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createJobsClient, type JobWrite, newSessionName } from '../client/jobs.ts';
import { createNextGenClient } from '../client/nextgen.ts';
import { createMockHandlers } from './index.ts';

const MAIN = 'https://api.example.test';
const DESK = 'https://servicedesk.example.test';
const FSM = 'https://fsm.example.test/api';
const mock = createMockHandlers({
  baseUrls: { main: MAIN, servicedesk: DESK, serviceapp: 'https://app.example.test', nextgen: FSM },
  seed: 11,
  jobs: 30,
  validateResponses: 'throw',
});
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const contact = () => createJobsClient({ baseUrl: DESK, credentials: 'contact1:demo@demo' });
const admin = (session: string) =>
  createJobsClient({ baseUrl: MAIN, credentials: 'admin:demo@demo', session });

async function firstJob(): Promise<string> {
  const page = await contact().listJobsView({ $top: 1, $select: 'id' });
  const id = page.data?.value[0]?.id;
  if (!id) throw new Error(`no job: ${page.response.status}`);
  return id;
}

it('answers a JobsView query with filter, order and count, scoped to the contact', async () => {
  const page = await contact().listJobsView({ $orderby: 'date_create desc', $top: 5, $count: true });
  expect(page.response.status).toBe(200);
  const rows = page.data?.value ?? [];
  expect(rows.length).toBeGreaterThan(0);
  const dates = rows.map((r) => String(r.date_create));
  expect([...dates].sort().reverse()).toEqual(dates);
  const open = await contact().listJobsView({ $filter: "job_status_name eq 'Open'" });
  for (const r of open.data?.value ?? []) expect(r.job_status_name).toBe('Open');
  const bad = await contact().listJobsView({ $filter: 'no_such_field eq 1' });
  expect(bad.response.status).toBe(400);
});

it('PUT then read: the write shows in its session only, and a rule refusal is the API error', async () => {
  const session = newSessionName('msw');
  const jobs = admin(session);
  const id = await firstJob();
  const read = await jobs.getJob(id);
  const { id: _id, ...rest } = read.data as Record<string, unknown>;
  const put = await jobs.putJob(id, { ...rest, name: 'Changed in the page' } as JobWrite);
  expect(put.response.status).toBe(200);
  expect((await jobs.getJob(id)).data?.name).toBe('Changed in the page');
  expect((await admin(newSessionName('other')).getJob(id)).data?.name).not.toBe('Changed in the page');
  const tooLong = await jobs.putJob(id, { ...rest, name: 'x'.repeat(5000) } as JobWrite);
  expect(tooLong.response.status).toBeGreaterThanOrEqual(400);
  expect(tooLong.error?.Message).toBeTruthy();
  expect((await jobs.getJob(id)).data?.name).toBe('Changed in the page');
});

it('Save is an upsert: 201 then 200 for the same id, read back through the work order', async () => {
  const jobs = admin(newSessionName('save'));
  const id = crypto.randomUUID();
  const jobsId = await firstJob();
  const created = await jobs.savePartUsage({
    id,
    jobs_id: jobsId,
    quantity: 1,
    price: 12.5,
    is_under_warranty: true,
  });
  expect(created.response.status).toBe(201);
  expect(created.data?.discount).toBe(12.5);
  const again = await jobs.savePartUsage({ id, quantity: 3 });
  expect(again.response.status).toBe(200);
  expect(again.data?.quantity).toBe(3);
});

it('NextGen: a token from the login, PATCH, then the read shows it; a viewer is refused', async () => {
  const session = newSessionName('fsm');
  const nextgen = createNextGenClient({
    baseUrl: FSM,
    credentials: { username: 'admin@demo', password: 'demo' },
    session,
  });
  const patched = await nextgen.PATCH('/work-orders/r1/types/{typeId}', {
    params: { path: { typeId: 1 } },
    body: { color: '#43A047' },
  });
  expect(patched.response.status).toBe(200);
  const read = await nextgen.GET('/work-orders/r1/types/{typeId}', { params: { path: { typeId: 1 } } });
  expect(read.data?.color).toBe('#43A047');
  const viewer = createNextGenClient({
    baseUrl: FSM,
    credentials: { username: 'viewer@demo', password: 'demo' },
    session,
  });
  const refused = await viewer.PATCH('/work-orders/r1/types/{typeId}', {
    params: { path: { typeId: 1 } },
    body: { color: '#000000' },
  });
  expect(refused.response.status).toBe(403);
  expect(refused.error?.code).toBe('FORBIDDEN');
});

it('reset puts a session back to the seed', async () => {
  const session = newSessionName('reset');
  const jobs = admin(session);
  const id = await firstJob();
  const before = (await jobs.getJob(id)).data?.name;
  const { id: _id, ...rest } = (await jobs.getJob(id)).data as Record<string, unknown>;
  await jobs.putJob(id, { ...rest, name: 'Before reset' } as JobWrite);
  mock.reset(session);
  expect((await jobs.getJob(id)).data?.name).toBe(before);
});

it('needs at least one base URL', () => {
  expect(() => createMockHandlers({ baseUrls: {} })).toThrow(/at least one host/);
});
