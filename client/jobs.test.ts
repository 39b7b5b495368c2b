// The jobs client against a started mock: the JSON page, PUT answers typed by Prefer (and read back),
// Save's upsert, sessions kept apart, credentials as one string or three parts.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../mock/server.ts';
import { createJobsClient, type JobWrite, jobsAuthorization, newSessionName } from './jobs.ts';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ seed: 5, jobs: 20 });
});
afterAll(() => mock.close());

const admin = (session = newSessionName()) =>
  createJobsClient({ baseUrl: `${mock.url}/`, credentials: 'admin:demo@demo', session });
const contact = () =>
  createJobsClient({
    baseUrl: mock.url,
    credentials: { user: 'contact1', password: 'demo', domain: 'demo' },
  });

async function someJobId(): Promise<string> {
  const page = await contact().listJobsView({ $top: 1, $select: 'id' });
  const id = page.data?.value[0]?.id;
  if (!id) throw new Error(`no job visible to contact1: ${page.response.status}`);
  return id;
}

it('lists a JobsView page as JSON, with OData options', async () => {
  const page = await contact().listJobsView({ $top: 3, $count: true });
  expect(page.response.status).toBe(200);
  expect(page.data?.value).toHaveLength(3);
  expect(page.data?.['@odata.count']).toBeGreaterThanOrEqual(3);
});

it('PUT answers the whole work order, or only its id with return: minimal; both are stored', async () => {
  const jobs = admin();
  const id = await someJobId();
  const read = await jobs.getJob(id);
  if (!read.data) throw new Error(`read: ${read.response.status}`);
  const { id: _id, ...rest } = read.data as Record<string, unknown>;
  const body = { ...rest, name: 'Client full answer' } as JobWrite;
  const full = await jobs.putJob(id, body);
  expect(full.data?.name).toBe('Client full answer');
  const minimal = await jobs.putJob(id, { ...body, name: 'Client minimal answer' }, { return: 'minimal' });
  expect(minimal.data).toEqual({ id });
  expect((await jobs.getJob(id)).data?.name).toBe('Client minimal answer');
});

it('Save creates (201) then updates (200) the same part usage, and refusals come back as error', async () => {
  const jobs = admin();
  const partId = crypto.randomUUID();
  const jobsId = await someJobId();
  const created = await jobs.savePartUsage({ id: partId, jobs_id: jobsId, quantity: 1, price: 10 });
  expect(created.response.status).toBe(201);
  expect(created.data?.id).toBe(partId);
  const updated = await jobs.savePartUsage({ id: partId, quantity: 2 }, { return: 'minimal' });
  expect(updated.response.status).toBe(200);
  expect(updated.data).toEqual({ id: partId });
  const refused = await jobs.savePartUsage({ id: crypto.randomUUID(), quantity: 1 });
  expect(refused.response.status).toBe(422);
  expect(refused.error?.Message).toBeTruthy();
});

it('a session sees only its own writes', async () => {
  const id = await someJobId();
  const a = admin('client-a');
  const read = await a.getJob(id);
  const { id: _id, ...rest } = read.data as Record<string, unknown>;
  await a.putJob(id, { ...rest, name: 'Only in session a' } as JobWrite);
  expect((await a.getJob(id)).data?.name).toBe('Only in session a');
  expect((await admin('client-b').getJob(id)).data?.name).not.toBe('Only in session a');
});

it('wrong credentials: a 401 from the API; a malformed login string: an error before any call', async () => {
  const wrong = createJobsClient({ baseUrl: mock.url, credentials: 'admin:nope@demo' });
  expect((await wrong.getJob(crypto.randomUUID())).response.status).toBe(401);
  expect(() => jobsAuthorization('admin-demo')).toThrow(/user:password@domain/);
  expect(jobsAuthorization('admin:demo@demo')).toBe(
    `Basic ${Buffer.from('admin:demo@demo').toString('base64')}`,
  );
});
