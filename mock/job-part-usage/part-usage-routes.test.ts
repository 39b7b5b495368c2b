import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../server.ts';
import { ADMIN, client, VIEWER } from '../testing/client.ts';

let mock: RunningMock;
let call: ReturnType<typeof client>;
let jobId: string;

beforeAll(async () => {
  mock = await startMock({ seed: 3, jobs: 20 });
  call = client(mock, { Authorization: ADMIN, 'X-Mock-Session': 'part-usage' });
  jobId = [...mock.services.sessions.get('part-usage').jobs.jobs.keys()][0] ?? '';
});
afterAll(() => mock.close());

const usage = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  jobs_id: jobId,
  article_name: 'Gasket 40 mm',
  quantity: 2,
  price: 12.5,
  discount: 0,
  ...extra,
});

it('creates a part usage with 201 and updates it with 200, stamping modified_dateutc (JPU-UPSERT, JPU-MODIFIED-DATEUTC)', async () => {
  const id = randomUUID();
  const first = await call('POST', '/api/JobPartUsage/Save', { body: usage(id) });
  expect(first.status).toBe(201);
  expect(first.json.quantity).toBe(2);
  const second = await call('POST', '/api/JobPartUsage/Save', { body: usage(id, { quantity: 3 }) });
  expect(second.status).toBe(200);
  expect(second.json.quantity).toBe(3);
  expect(second.json.modified_dateutc >= first.json.modified_dateutc).toBe(true);
  expect(mock.services.sessions.get('part-usage').jobs.jobPartUsages.get(id)?.quantity).toBe(3);
});

it('sets the discount to the price for a part under warranty (JPU-WARRANTY-DISCOUNT)', async () => {
  const res = await call('POST', '/api/JobPartUsage/Save', {
    body: usage(randomUUID(), { is_under_warranty: true, discount: 1 }),
  });
  expect(res.json.discount).toBe(12.5);
});

it.each([
  ['a missing id', (b: Record<string, unknown>) => delete b.id, 400, 'JPU-ID-REQUIRED'],
  ['an unknown job', (b: Record<string, unknown>) => (b.jobs_id = randomUUID()), 422, 'JPU-JOB-EXISTS'],
  [
    'a remark over 255 characters',
    (b: Record<string, unknown>) => (b.remark = 'r'.repeat(256)),
    400,
    'JPU-MAX-LENGTH',
  ],
  ['a quantity as text', (b: Record<string, unknown>) => (b.quantity = 'two'), 400, 'JPU-FIELD-TYPES'],
])('refuses %s', async (_name, mutate, status, rule) => {
  const body = usage(randomUUID());
  mutate(body);
  const res = await call('POST', '/api/JobPartUsage/Save', { body });
  expect(res.status).toBe(status);
  expect(res.json.RuleViolations.map((v: { rule: string }) => v.rule)).toContain(rule);
});

it('takes and answers XML', async () => {
  const id = randomUUID();
  const xml = `<job_part_usage xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><id>${id}</id><jobs_id>${jobId}</jobs_id><price>3</price><quantity>1.5</quantity></job_part_usage>`;
  const res = await call('POST', '/api/JobPartUsage/Save', {
    headers: { 'content-type': 'text/xml', Accept: 'text/xml' },
    raw: xml,
  });
  expect(res.status).toBe(201);
  expect(res.text).toMatch(/<quantity>1.5<\/quantity>/);
});

it('lets a read-only user read but not save', async () => {
  expect(
    (
      await call('POST', '/api/JobPartUsage/Save', {
        headers: { Authorization: VIEWER },
        body: usage(randomUUID()),
      })
    ).status,
  ).toBe(403);
});

it('keeps the stored jobs_id on an update that leaves it out; a new part usage without it is 422 (A25)', async () => {
  const id = randomUUID();
  expect((await call('POST', '/api/JobPartUsage/Save', { body: usage(id) })).status).toBe(201);
  const { jobs_id: _left, ...update } = usage(id, { quantity: 7 });
  const updated = await call('POST', '/api/JobPartUsage/Save', { body: update });
  expect(updated.status, updated.text).toBe(200);
  expect(updated.json.jobs_id).toBe(jobId);
  expect(updated.json.quantity).toBe(7);
  // Read back: the stored record still belongs to its work order.
  expect(mock.services.sessions.get('part-usage').jobs.jobPartUsages.get(id)?.jobs_id).toBe(jobId);

  const { jobs_id: _none, ...create } = usage(randomUUID());
  const refused = await call('POST', '/api/JobPartUsage/Save', { body: create });
  expect(refused.status).toBe(422);
  expect(refused.json.RuleViolations[0]).toMatchObject({ rule: 'JPU-JOB-EXISTS', field: '/jobs_id' });
  expect(mock.services.sessions.get('part-usage').jobs.jobPartUsages.has(create.id)).toBe(false);
});
