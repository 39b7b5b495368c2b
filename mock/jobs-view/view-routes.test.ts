import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../server.ts';
import { ADMIN, asPutBody, CONTACT1, CONTACT2, client } from '../testing/client.ts';

let mock: RunningMock;
let call: ReturnType<typeof client>;

beforeAll(async () => {
  mock = await startMock({ seed: 11, jobs: 300 });
  call = client(mock, { Authorization: CONTACT1 });
});
afterAll(() => mock.close());

async function all(auth: string, query = '') {
  const rows: Record<string, unknown>[] = [];
  let url: string | undefined = `/api/JobsView${query}`;
  while (url) {
    const page = await call('GET', url, { headers: { Authorization: auth } });
    expect(page.status).toBe(200);
    expect(page.json.value.length).toBeLessThanOrEqual(20);
    rows.push(...page.json.value);
    url = page.json['@odata.nextLink']?.replace(mock.url, '');
  }
  return rows;
}

it('pages 20 rows at a time and links the next page until the last (JOBSVIEW-PAGING)', async () => {
  const rows = await all(CONTACT1);
  const ids = new Set(rows.map((r) => r.id));
  expect(ids.size).toBe(rows.length);
  const counted = await call('GET', '/api/JobsView?$count=true&$top=1');
  expect(counted.json['@odata.count']).toBe(rows.length);
  expect(rows.length).toBeGreaterThan(20);
});

it('lets $top only lower the page size and stop paging when used up', async () => {
  const five = await call('GET', '/api/JobsView?$top=5');
  expect(five.json.value).toHaveLength(5);
  expect(five.json['@odata.nextLink']).toBeUndefined();
  const many = await call('GET', '/api/JobsView?$top=30');
  expect(many.json.value).toHaveLength(20);
  expect(many.json['@odata.nextLink']).toMatch(/\$top=10&\$skip=20$/);
});

it('shows a contact only the work orders of its own company (JOBSVIEW-CONTACT-SCOPE)', async () => {
  const one = await all(CONTACT1);
  const two = await all(CONTACT2);
  const codes = (rows: Record<string, unknown>[]) => new Set(rows.map((r) => r.company_code));
  expect(codes(one).size).toBe(1);
  expect(codes(two).size).toBe(1);
  expect([...codes(one)][0]).not.toBe([...codes(two)][0]);
  const foreign = await call('GET', `/api/JobsView(${two[0]?.id})`);
  expect(foreign.status).toBe(404);
  const filtered = await call(
    'GET',
    `/api/JobsView?$filter=company_code eq '${String(two[0]?.company_code)}'`,
  );
  expect(filtered.json.value).toEqual([]);
});

it('filters, orders and selects with OData', async () => {
  const rows = await all(CONTACT1);
  const name = String(rows[0]?.job_type_name);
  const res = await call(
    'GET',
    `/api/JobsView?$filter=job_type_name eq '${name}' and id2 gt 0&$orderby=id2 desc&$select=id,id2,job_type_name`,
  );
  expect(res.status).toBe(200);
  const got = res.json.value as { id2: number; job_type_name: string }[];
  expect(got.length).toBe(Math.min(20, rows.filter((r) => r.job_type_name === name).length));
  expect(got.every((r) => r.job_type_name === name && Object.keys(r).length === 3)).toBe(true);
  expect(got.map((r) => r.id2)).toEqual([...got.map((r) => r.id2)].sort((a, b) => b - a));
  expect(res.json['@odata.context']).toMatch(/#JobsView\(id,id2,job_type_name\)$/);
});

it.each([
  ['an upper-case operator', "$filter=name eq 'x' AND id2 gt 1"],
  ['an unknown field', '$filter=nme eq 1'],
  ['a negative $top', '$top=-1'],
  ['an unsupported option', '$expand=project'],
  ['a type mismatch', "$filter=id2 eq 'abc'"],
])('answers 400 naming the problem for %s', async (_name, query) => {
  const res = await call('GET', `/api/JobsView?${query}`);
  expect(res.status).toBe(400);
  expect(res.json.RuleViolations[0].rule).toBe('JOBSVIEW-ODATA-QUERY');
  expect(res.json.Message).toMatch(/not valid/);
});

it('agrees with the job it derives from (JOBSVIEW-DERIVED, JOBSVIEW-JOB-REFERENCE)', async () => {
  const row = (await call('GET', '/api/JobsView?$top=1')).json.value[0];
  const job = (await call('GET', `/api/Jobs(${row.id})`, { headers: { Authorization: ADMIN } })).json;
  expect(row.name).toBe(job.name.slice(0, 50));
  expect(row.job_type_name).toBe(job.job_type.name);
  expect(row.project_name).toBe(job.project.name);
  expect(row.job_reference).toBe(job.reference_back_office || String(job.id2));
  expect(row.company_code).toBe(job.company_code);
});

it('refuses users on the ServiceDesk route and answers XML lists', async () => {
  expect((await call('GET', '/api/JobsView', { headers: { Authorization: ADMIN } })).status).toBe(401);
  const xml = await call('GET', '/api/JobsView?$top=2', { headers: { Accept: 'text/xml' } });
  expect(xml.status).toBe(200);
  expect(xml.text).toMatch(/^<ArrayOfjobs_view xmlns:i="[^"]+"><jobs_view>/);
});

it("rebuilds only the written job's row after a narrow write, and everything after a broad one", async () => {
  const { jobsView } = await import('./view-rows.ts');
  const session = 'incremental';
  const state = mock.services.sessions.get(session);
  const before = jobsView(state);
  const [first, second] = before.rows;
  const job = (
    await call('GET', `/api/Jobs(${first?.id})`, {
      headers: { Authorization: ADMIN, 'X-Mock-Session': session },
    })
  ).json;
  const body = asPutBody(job);
  const put = await call('PUT', `/api/Jobs(${job.id})`, {
    headers: { Authorization: ADMIN, 'X-Mock-Session': session },
    body: { ...body, name: 'Only this row' },
  });
  expect(put.status).toBe(200);
  const after = jobsView(state);
  expect(after.byId.get(job.id)?.name).toBe('Only this row');
  expect(after.byId.get(String(second?.id))).toBe(second);
  // A new job type is a broad write: every row is built again.
  await call('PUT', `/api/Jobs(${job.id})`, {
    headers: { Authorization: ADMIN, 'X-Mock-Session': session },
    body: {
      ...body,
      job_type_id: '00000000-0000-0000-0000-000000000000',
      job_type_code: 'NEWTYPE',
      job_type: { code: 'NEWTYPE', name: 'New type' },
    },
  });
  const rebuilt = jobsView(state);
  expect(rebuilt.byId.get(String(second?.id))).not.toBe(second);
  expect(rebuilt.byId.get(job.id)?.job_type_name).toBe('New type');
});
