import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZERO_GUID } from '../../generators/fixtures/data-set.ts';
import { type RunningMock, startMock } from '../server.ts';
import { ADMIN, asPutBody, basic, CONTACT1, client, VIEWER } from '../testing/client.ts';

let mock: RunningMock;
let call: ReturnType<typeof client>;
let session = 0;
// Every test works in a session of its own, so tests do not see each other's writes.
const fresh = () => ({ 'X-Mock-Session': `job-routes-${++session}`, Authorization: ADMIN });

beforeAll(async () => {
  mock = await startMock({ seed: 7, jobs: 60 });
  call = client(mock);
});
afterAll(() => mock.close());

async function someJob(headers: Record<string, string>) {
  const list = await call('GET', '/api/JobsView?$top=1&$filter=has_child eq false', {
    headers: { ...headers, Authorization: CONTACT1 },
  });
  const id = list.json.value[0].id as string;
  const job = await call('GET', `/api/Jobs(${id})`, { headers });
  return job.json;
}

it('answers a stored job with every documented field and its embedded entities', async () => {
  const h = fresh();
  const job = await someJob(h);
  expect(job.project.id).toBe(job.project_id);
  expect(job.job_type.id).toBe(job.job_type_id);
  expect(job.company_id).not.toBe(ZERO_GUID);
});

it('treats an unknown job id as 404 and a malformed key as 400', async () => {
  const h = fresh();
  const missing = await call('GET', '/api/Jobs(3f6c2a4e-0000-4000-8000-000000000000)', { headers: h });
  expect(missing.status).toBe(404);
  expect(missing.json.RuleViolations[0].rule).toBe('JOB-NOT-FOUND');
  const bad = await call('GET', '/api/Jobs(not-a-guid)', { headers: h });
  expect(bad.status).toBe(400);
  expect(bad.json.ModelState.id).toBeDefined();
});

it('shows a PUT in later reads and in JobsView, with a new modified_dateutc (JOB-MODIFIED-DATEUTC)', async () => {
  const h = fresh();
  const job = await someJob(h);
  const put = await call('PUT', `/api/Jobs(${job.id})`, {
    headers: h,
    body: { ...asPutBody(job), name: 'Replace filter', description: 'Changed by test' },
  });
  expect(put.status).toBe(200);
  expect(put.json.name).toBe('Replace filter');
  expect(put.json.modified_dateutc > job.modified_dateutc).toBe(true);
  const again = await call('GET', `/api/Jobs(${job.id})`, { headers: h });
  expect(again.json.description).toBe('Changed by test');
  const view = await call('GET', `/api/JobsView(${job.id})`, { headers: { ...h, Authorization: CONTACT1 } });
  expect(view.json.name).toBe('Replace filter');
});

it('fills company_id and company_code from the project, whatever the body says (JOB-COMPANY-FROM-PROJECT)', async () => {
  const h = fresh();
  const job = await someJob(h);
  const put = await call('PUT', `/api/Jobs(${job.id})`, {
    headers: h,
    body: { ...asPutBody(job), company_id: '11111111-1111-4111-8111-111111111111', company_code: 'HACK' },
  });
  expect(put.json.company_id).toBe(job.company_id);
  expect(put.json.company_code).toBe(job.company_code);
});

it('answers only the id with Prefer: return=minimal', async () => {
  const h = fresh();
  const job = await someJob(h);
  const put = await call('PUT', `/api/Jobs(${job.id})`, {
    headers: { ...h, Prefer: 'return=minimal' },
    body: asPutBody(job),
  });
  expect(put.json).toEqual({ id: job.id });
});

describe('refuses invalid bodies with the rule they break', () => {
  const cases: [string, (b: Record<string, unknown>) => void, number, string][] = [
    ['a missing name', (b) => delete b.name, 400, 'JOB-NAME-REQUIRED'],
    ['a name over 255 characters', (b) => (b.name = 'x'.repeat(256)), 400, 'JOB-MAX-LENGTH'],
    [
      'a status code outside the documented list',
      (b) => (b.job_status_code = 'Done'),
      400,
      'JOB-STATUS-CODE-VALUES',
    ],
    [
      'no project at all',
      (b) => {
        for (const k of ['project_id', 'project_reference_back_office']) delete b[k];
      },
      400,
      'JOB-PROJECT-GROUP',
    ],
    [
      'no job type at all',
      (b) => {
        for (const k of ['job_type_id', 'job_type_code']) delete b[k];
      },
      400,
      'JOB-TYPE-GROUP',
    ],
    [
      'no status at all',
      (b) => {
        for (const k of ['job_status_id', 'job_status_code']) delete b[k];
      },
      400,
      'JOB-STATUS-GROUP',
    ],
    ['a text where a number belongs', (b) => (b.estimated_time = 'soon'), 400, 'JOB-FIELD-TYPES'],
    ['a malformed GUID', (b) => (b.contact_id = 'abc'), 400, 'JOB-FIELD-TYPES'],
    [
      'an id that is not the key',
      (b) => (b.id = '3f6c2a4e-0000-4000-8000-000000000000'),
      400,
      'JOB-ID-MATCH',
    ],
    [
      'a project key that names nothing',
      (b) => (b.project_id = '3f6c2a4e-0000-4000-8000-000000000001'),
      422,
      'JOB-FOREIGN-KEYS',
    ],
    [
      'a job type code that names nothing',
      (b) => {
        b.job_type_id = ZERO_GUID;
        b.job_type_code = 'NOPE';
      },
      422,
      'JOB-EMBEDDED-RESOLVE',
    ],
    [
      "an address that is not the project's",
      (b) => (b.db_address_id = '__other__'),
      422,
      'JOB-ADDRESS-OF-PROJECT',
    ],
  ];
  it.each(cases)('%s', async (_name, mutate, status, rule) => {
    const h = fresh();
    const job = await someJob(h);
    const body = asPutBody(job);
    mutate(body);
    if (body.db_address_id === '__other__') {
      const state = mock.services.sessions.get(h['X-Mock-Session']);
      const project = state.jobs.projects.get(job.project_id);
      body.db_address_id = [...state.jobs.addresses.keys()].find((a) => a !== project?.db_address_id);
    }
    const put = await call('PUT', `/api/Jobs(${job.id})`, { headers: h, body });
    expect(put.status).toBe(status);
    expect(put.json.RuleViolations.map((v: { rule: string }) => v.rule)).toContain(rule);
    const after = await call('GET', `/api/Jobs(${job.id})`, { headers: h });
    expect(after.json).toEqual(job);
  });
});

it('requires the work address for a mobile installation without db_address_id (JOB-MOBILE-ADDRESS)', async () => {
  const h = fresh();
  const state = mock.services.sessions.get(h['X-Mock-Session']);
  const mobile = [...state.jobs.projects.values()].find((p) => p.is_mobile_installation);
  const job = await someJob(h);
  expect(mobile).toBeDefined();
  const body = {
    ...asPutBody(job),
    project_id: mobile?.id,
    db_address_id: ZERO_GUID,
    db_address_street: '',
    db_address_city: '',
    db_address_zip: '',
  };
  const put = await call('PUT', `/api/Jobs(${job.id})`, { headers: h, body });
  expect(put.status).toBe(400);
  expect(put.json.RuleViolations.map((v: { field: string }) => v.field).sort()).toEqual([
    '/db_address_city',
    '/db_address_street',
    '/db_address_zip',
  ]);
  const ok = await call('PUT', `/api/Jobs(${job.id})`, {
    headers: h,
    body: { ...body, db_address_street: 'Quai 1', db_address_city: 'Liège', db_address_zip: '4000' },
  });
  expect(ok.status).toBe(200);
});

it('resolves an embedded job type by code, creating it when it is new', async () => {
  const h = fresh();
  const job = await someJob(h);
  const body = {
    ...asPutBody(job),
    job_type_id: ZERO_GUID,
    job_type_code: 'CALIBRATE',
    job_type: { code: 'CALIBRATE', name: 'Calibration' },
  };
  const put = await call('PUT', `/api/Jobs(${job.id})`, { headers: h, body });
  expect(put.status).toBe(200);
  expect(put.json.job_type.name).toBe('Calibration');
  expect(put.json.job_type_id).toBe(put.json.job_type.id);
  const view = await call('GET', `/api/JobsView(${job.id})`, { headers: { ...h, Authorization: CONTACT1 } });
  expect(view.json.job_type_name).toBe('Calibration');
  const again = await call('PUT', `/api/Jobs(${job.id})`, {
    headers: h,
    body: { ...asPutBody(job), job_type_id: ZERO_GUID, job_type_code: 'calibrate' },
  });
  expect(again.json.job_type_id).toBe(put.json.job_type_id);
});

it('adds a job planning when a job becomes Suggested with a user and a start (JOB-SUGGESTED-PLANNING)', async () => {
  const h = fresh();
  const job = await someJob(h);
  const contactHeaders = { ...h, Authorization: CONTACT1 };
  const before = (await call('GET', `/api/JobsView(${job.id})`, { headers: contactHeaders })).json;
  const state = mock.services.sessions.get(h['X-Mock-Session']);
  const tech = [...state.jobs.users.values()].find((u) => u.username.startsWith('tech'));
  const body = {
    ...asPutBody(job),
    job_status_id: ZERO_GUID,
    job_status_code: 'Suggested',
    suggested_user_id: tech?.id,
    suggested_date_start: '2027-03-01T08:00:00Z',
    estimated_time: 90,
  };
  expect((await call('PUT', `/api/Jobs(${job.id})`, { headers: h, body })).status).toBe(200);
  const after = (await call('GET', `/api/JobsView(${job.id})`, { headers: contactHeaders })).json;
  expect(after.job_planning_count).toBe(before.job_planning_count + 1);
  expect(after.total_time_planned).toBe(before.total_time_planned + 90);
  // Saving the same suggestion again adds no second planning.
  await call('PUT', `/api/Jobs(${job.id})`, { headers: h, body });
  const twice = (await call('GET', `/api/JobsView(${job.id})`, { headers: contactHeaders })).json;
  expect(twice.job_planning_count).toBe(after.job_planning_count);
  if (before.job_planning_count === 0) {
    expect(after.first_planning_date).toBe('2027-03-01T08:00:00.000Z');
    expect(after.first_planning_userfullname).toBe(`${tech?.firstname} ${tech?.lastname}`);
  }
});

it('refuses a stale If-Match with 409 and accepts the current one', async () => {
  const h = fresh();
  const job = await someJob(h);
  const read = await call('GET', `/api/Jobs(${job.id})`, { headers: h });
  const etag = read.headers.get('etag') ?? '';
  expect(
    (await call('PUT', `/api/Jobs(${job.id})`, { headers: { ...h, 'If-Match': etag }, body: asPutBody(job) }))
      .status,
  ).toBe(200);
  const stale = await call('PUT', `/api/Jobs(${job.id})`, {
    headers: { ...h, 'If-Match': etag },
    body: asPutBody(job),
  });
  expect(stale.status).toBe(409);
  expect(stale.json.RuleViolations[0].rule).toBe('JOB-CONCURRENCY');
});

it('answers 401 (JOBS-AUTH) with a Basic challenge without or with wrong credentials, and 403 to a read-only user writing', async () => {
  const h = fresh();
  const job = await someJob(h);
  for (const auth of [undefined, basic('admin', 'wrong'), basic('admin', 'demo', 'otherdomain'), CONTACT1]) {
    const r = await call('GET', `/api/Jobs(${job.id})`, {
      headers: { 'X-Mock-Session': h['X-Mock-Session'], ...(auth ? { Authorization: auth } : {}) },
    });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Basic /);
  }
  const put = await call('PUT', `/api/Jobs(${job.id})`, {
    headers: { ...h, Authorization: VIEWER },
    body: asPutBody(job),
  });
  expect(put.status).toBe(403);
});

it('speaks XML when asked and refuses formats it cannot write or read', async () => {
  const h = fresh();
  const job = await someJob(h);
  const xml = await call('GET', `/api/Jobs(${job.id})`, { headers: { ...h, Accept: 'application/xml' } });
  expect(xml.status).toBe(200);
  expect(xml.headers.get('content-type')).toMatch(/^application\/xml/);
  expect(xml.text).toMatch(/^<jobs xmlns:i="http:\/\/www.w3.org\/2001\/XMLSchema-instance">/);
  expect(
    (await call('GET', `/api/Jobs(${job.id})`, { headers: { ...h, Accept: 'text/json' } })).headers.get(
      'content-type',
    ),
  ).toMatch(/^text\/json/);
  expect((await call('GET', `/api/Jobs(${job.id})`, { headers: { ...h, Accept: 'text/csv' } })).status).toBe(
    406,
  );
  const csv = await call('PUT', `/api/Jobs(${job.id})`, {
    headers: { ...h, 'content-type': 'text/csv' },
    raw: 'a,b',
  });
  expect(csv.status).toBe(415);
  const broken = await call('PUT', `/api/Jobs(${job.id})`, {
    headers: { ...h, 'content-type': 'application/json' },
    raw: '{"name": ',
  });
  expect(broken.status).toBe(400);
});

it('takes an XML body for PUT', async () => {
  const h = fresh();
  const job = await someJob(h);
  // Replace semantics: the address goes along, in case the project is a mobile installation.
  const address = ['db_address_city', 'db_address_id', 'db_address_street', 'db_address_zip']
    .map((k) => `<${k}>${job[k] || 'x'}</${k}>`)
    .join('');
  const xml = `<jobs xmlns:i="http://www.w3.org/2001/XMLSchema-instance">${address}<job_status_code>Open</job_status_code><job_type_id>${job.job_type_id}</job_type_id><name>From XML</name><project_id>${job.project_id}</project_id></jobs>`;
  const put = await call('PUT', `/api/Jobs(${job.id})`, {
    headers: { ...h, 'content-type': 'application/xml' },
    raw: xml,
  });
  expect(put.text).toMatch(/"name":"From XML"/);
  expect(put.status).toBe(200);
});

it('leaves every session of this file consistent (referential integrity, documented invariants)', async () => {
  const { validateDataSet } = await import('../../generators/fixtures/generate.ts');
  for (const { name } of mock.services.sessions.list()) {
    expect([name, validateDataSet(mock.services.sessions.export(name) as never)]).toEqual([name, []]);
  }
});
