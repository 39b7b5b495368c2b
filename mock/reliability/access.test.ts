// Security probes (issue 6): credentials on every operation, a contact's view of its own company
// only (through every route, filter, $select, $count, nextLink and error message), NextGen
// permissions, the admin API's own token, sessions kept apart, loopback and CORS defaults.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DataSet } from '../../generators/fixtures/data-set.ts';
import { DEFAULT_OPTIONS } from '../options.ts';
import { type RunningMock, startMock } from '../server.ts';
import { ADMIN, asPutBody, basic, CONTACT1, CONTACT2, VIEWER } from '../testing/client.ts';
import { closeClients, documentedOperations, nextGenToken, type RawReply, send } from './harness.ts';

let mock: RunningMock;
let seed: DataSet;
let probes = 0;
const bearer: Record<string, string> = {};

beforeAll(async () => {
  mock = await startMock({ seed: 17, jobs: 80, corsOrigins: ['http://localhost:5173'] });
  seed = mock.services.sessions.export('default') as DataSet;
  for (const user of ['admin', 'viewer', 'nobody', 'editor'])
    bearer[user] = await nextGenToken(mock.url, `${user}@demo`);
});
afterAll(async () => {
  await mock.close();
  closeClients();
  console.log(`access: ${probes} probes`);
});

const probe = (
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<RawReply> => {
  probes++;
  return send(mock.url, {
    method,
    path,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body }),
  });
};

const jobId = () => seed.jobs.jobs[0]?.id ?? '';
/** A concrete request path for each documented path template. */
const concrete = (path: string) => path.replace('{id}', jobId()).replace('{typeId}', '1');
const bodyOf = (operationId: string) =>
  operationId === 'WorkOrderTypes_Patch'
    ? '{"description":"x"}'
    : operationId === 'WorkOrderTypes_Create' || operationId.startsWith('Job')
      ? '{}'
      : undefined;

const protectedOperations = documentedOperations().filter((o) => o.operationId !== 'Tokens_Create');

it('answers every jobs operation without or with wrong credentials 401 with the Basic challenge', async () => {
  const wrong = [
    '',
    'Basic',
    basic('admin', 'nope'),
    basic('admin', 'demo', 'elsewhere'),
    basic('ghost'),
    `Bearer ${bearer.admin}`,
  ];
  for (const op of protectedOperations.filter((o) => o.spec === 'jobs')) {
    const contactOp = op.operationId.startsWith('JobsView');
    // Credentials of the wrong kind for the host are refused too (ASSUMPTIONS.md A5).
    for (const auth of [...wrong, contactOp ? ADMIN : CONTACT1]) {
      const reply = await probe(
        op.method,
        concrete(op.path),
        auth ? { authorization: auth } : {},
        bodyOf(op.operationId),
      );
      expect(reply.status, `${op.operationId} with '${auth}'`).toBe(401);
      expect(String(reply.headers['www-authenticate'])).toMatch(/^Basic realm=/);
      expect(JSON.parse(reply.text).Message).toBeTypeOf('string');
    }
  }
});

it('answers every NextGen operation, with and without /api, without or with a bad token 401 with the Bearer challenge', async () => {
  for (const op of protectedOperations.filter((o) => o.spec === 'nextgen')) {
    for (const prefix of ['', '/api']) {
      for (const auth of ['', 'Bearer', 'Bearer not-a-token', ADMIN, `Bearer ${bearer.admin}x`]) {
        const reply = await probe(
          op.method,
          prefix + concrete(op.path),
          auth ? { authorization: auth } : {},
          bodyOf(op.operationId),
        );
        expect(reply.status, `${op.operationId} with '${auth}'`).toBe(401);
        expect(String(reply.headers['www-authenticate'])).toMatch(/^Bearer realm=/);
        expect(JSON.parse(reply.text)).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
      }
    }
  }
  const login = await probe(
    'POST',
    '/configurations/identity/r1/tokens',
    {},
    '{"username":"admin@demo","password":"x"}',
  );
  expect(login.status).toBe(401);
});

it('checks the NextGen permission of every operation: view to read, edit to write, neither implying the other', async () => {
  const allowed: Record<string, string[]> = {
    WorkOrderTypes_List: ['admin', 'viewer'],
    WorkOrderTypes_Get: ['admin', 'viewer'],
    WorkOrderTypes_Create: ['admin', 'editor'],
    WorkOrderTypes_Patch: ['admin', 'editor'],
  };
  for (const op of protectedOperations.filter((o) => o.spec === 'nextgen')) {
    for (const user of ['admin', 'viewer', 'nobody', 'editor']) {
      const reply = await probe(
        op.method,
        concrete(op.path),
        { authorization: `Bearer ${bearer[user]}`, prefer: 'code=400' },
        bodyOf(op.operationId),
      );
      const may = allowed[op.operationId]?.includes(user) ?? false;
      // Prefer: code=400 stops an allowed request before it changes anything.
      expect(reply.status, `${op.operationId} as ${user}`).toBe(may ? 400 : 403);
      if (!may) expect(JSON.parse(reply.text).code).toBe('FORBIDDEN');
    }
  }
});

it('refuses writes of the read-only jobs user with 403', async () => {
  for (const op of protectedOperations.filter((o) => o.spec === 'jobs' && o.method !== 'GET')) {
    const reply = await probe(op.method, concrete(op.path), { authorization: VIEWER }, '{}');
    expect(reply.status, op.operationId).toBe(403);
  }
});

/** Every JobsView row a contact gets by following the nextLinks from `query`. */
async function allRows(
  auth: string,
  query: string,
): Promise<{ rows: Record<string, unknown>[]; counts: number[] }> {
  const rows: Record<string, unknown>[] = [];
  const counts: number[] = [];
  let path: string | undefined = `/api/JobsView?${query}`;
  for (let page = 0; path && page < 100; page++) {
    const reply = await probe('GET', path, { authorization: auth });
    expect(reply.status, `${path}: ${reply.text.slice(0, 200)}`).toBe(200);
    const body = JSON.parse(reply.text) as {
      value: Record<string, unknown>[];
      '@odata.count'?: number;
      '@odata.nextLink'?: string;
    };
    rows.push(...body.value);
    if (body['@odata.count'] !== undefined) counts.push(body['@odata.count']);
    const next = body['@odata.nextLink'];
    path = next ? new URL(next).pathname + new URL(next).search : undefined;
  }
  return { rows, counts };
}

function scopeOf(login: string) {
  const contact = seed.jobs.contacts.find((c) => c.e_login === login);
  const company = seed.jobs.companies.find((c) => c.id === contact?.company_id);
  const projects = new Set(seed.jobs.projects.filter((p) => p.company_id === company?.id).map((p) => p.id));
  const own = new Set(seed.jobs.jobs.filter((j) => projects.has(j.project_id)).map((j) => j.id));
  const others = seed.jobs.jobs.filter((j) => !own.has(j.id));
  return { company, own, others };
}

it('shows a contact only its company’s work orders through paging, $select, $count and $orderby', async () => {
  for (const [login, auth] of [
    ['contact1', CONTACT1],
    ['contact2', CONTACT2],
  ] as const) {
    const { own } = scopeOf(login);
    for (const query of [
      '$count=true',
      '$select=name&$count=true&$top=7',
      '$orderby=company_code desc&$count=true',
      '$select=company_code,project_id,id',
    ]) {
      const { rows, counts } = await allRows(auth, query.replace(/ /g, '%20'));
      for (const row of rows)
        if (row.id !== undefined) expect(own.has(String(row.id)), `${login} ${query}`).toBe(true);
      if (!query.includes('$top')) expect(rows.length).toBe(own.size);
      for (const count of counts) expect(count).toBe(own.size);
    }
  }
});

it('leaks nothing of another company through $filter on its fields', async () => {
  const mine = scopeOf('contact1');
  const theirs = scopeOf('contact2');
  const other = theirs.own.values().next().value ?? '';
  for (const filter of [
    `company_code eq '${theirs.company?.code}'`,
    `company_name eq '${theirs.company?.name.replace(/'/g, "''")}'`,
    `id eq ${other}`,
    `company_code ne '${mine.company?.code}'`,
    `project_id eq ${seed.jobs.jobs.find((j) => j.id === other)?.project_id}`,
    `contains(company_name,'${(theirs.company?.name ?? '').slice(0, 4).replace(/'/g, "''")}') and company_code ne '${mine.company?.code}'`,
  ]) {
    const { rows, counts } = await allRows(CONTACT1, `$count=true&$filter=${encodeURIComponent(filter)}`);
    expect(rows, filter).toEqual([]);
    expect(counts).toEqual([0]);
  }
});

it('answers another company’s work order exactly like a missing one', async () => {
  const theirs = [...scopeOf('contact2').own][0] ?? '';
  const missing = '3f6c2a4e-0000-4000-8000-000000000000';
  const a = await probe('GET', `/api/JobsView(${theirs})`, { authorization: CONTACT1 });
  const b = await probe('GET', `/api/JobsView(${missing})`, { authorization: CONTACT1 });
  expect(a.status).toBe(404);
  expect(b.status).toBe(404);
  expect(a.text.replace(theirs, 'ID')).toBe(b.text.replace(missing, 'ID'));
});

it('keeps the nextLink of one contact from opening another contact’s rows', async () => {
  const first = await probe('GET', '/api/JobsView?$top=1', { authorization: CONTACT2 });
  const next = (JSON.parse(first.text) as { '@odata.nextLink'?: string })['@odata.nextLink'];
  if (!next) return;
  const url = new URL(next);
  const reply = await probe('GET', url.pathname + url.search, { authorization: CONTACT1 });
  const own = scopeOf('contact1').own;
  for (const row of (JSON.parse(reply.text) as { value: { id: string }[] }).value)
    expect(own.has(row.id)).toBe(true);
});

it('never opens the admin API to the APIs credentials or without its token', async () => {
  const token = mock.services.options.adminToken ?? '';
  for (const path of ['/__admin/health', '/__admin/state', '/__admin/sessions', '/__admin/requests']) {
    for (const headers of [
      {},
      { authorization: ADMIN },
      { authorization: `Bearer ${bearer.admin}` },
      { 'x-admin-token': '' },
      { 'x-admin-token': `${token}x` },
      { 'x-admin-token': token.toUpperCase() === token ? 'nope' : token.toUpperCase() },
    ]) {
      const reply = await probe('GET', path, headers);
      expect(reply.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
    }
    expect((await probe('GET', path, { 'x-admin-token': token })).status).toBe(200);
  }
  for (const path of ['/__admin/reset', '/__admin/reseed']) {
    expect((await probe('POST', path, { authorization: ADMIN })).status).toBe(401);
  }
});

it('has no admin API at all when it is turned off', async () => {
  const closed = await startMock({ jobs: 5, adminToken: undefined });
  try {
    const reply = await send(closed.url, {
      method: 'GET',
      path: '/__admin/health',
      headers: { 'x-admin-token': 'anything' },
    });
    probes++;
    expect(reply.status).toBe(404);
  } finally {
    await closed.close();
  }
});

it('keeps one session’s writes and reads away from another session', async () => {
  const id = jobId();
  const read = async (session: string) =>
    JSON.parse(
      (await probe('GET', `/api/Jobs(${id})`, { authorization: ADMIN, 'x-mock-session': session })).text,
    ) as Record<string, unknown>;
  const body = asPutBody(await read('alice'));
  const put = await probe(
    'PUT',
    `/api/Jobs(${id})`,
    { authorization: ADMIN, 'x-mock-session': 'alice' },
    JSON.stringify({ ...body, name: 'secret of alice' }),
  );
  expect(put.status).toBe(200);
  for (const session of ['bob', 'default', 'ALICE', 'alice.', 'alice-']) {
    const reply = await probe('GET', `/api/Jobs(${id})`, { authorization: ADMIN, 'x-mock-session': session });
    if (reply.status === 200) expect(JSON.parse(reply.text).name, session).not.toBe('secret of alice');
  }
  expect((await read('alice')).name).toBe('secret of alice');
});

it('listens on 127.0.0.1 unless told otherwise', () => {
  expect(DEFAULT_OPTIONS.host).toBe('127.0.0.1');
  expect((mock.server.address() as { address: string }).address).toBe('127.0.0.1');
});

it('never pairs a wildcard CORS origin with credentials', async () => {
  const allowed = await probe('OPTIONS', `/api/Jobs(${jobId()})`, {
    origin: 'http://localhost:5173',
    'access-control-request-method': 'PUT',
  });
  expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:5173');
  expect(allowed.headers['access-control-allow-credentials']).toBe('true');
  const stranger = await probe('GET', `/api/Jobs(${jobId()})`, {
    origin: 'http://evil.example',
    authorization: ADMIN,
  });
  expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
  const open = await startMock({ jobs: 5, corsOrigins: ['*'] });
  try {
    const reply = await send(open.url, {
      method: 'GET',
      path: `/api/JobsView`,
      headers: { origin: 'http://evil.example', authorization: CONTACT1 },
    });
    probes++;
    expect(reply.headers['access-control-allow-origin']).toBe('*');
    expect(reply.headers['access-control-allow-credentials']).toBeUndefined();
  } finally {
    await open.close();
  }
});

// --- stage order (issue 11): nothing is made, parsed or delayed for a caller not yet authenticated ---

it('makes no session for anonymous or refused requests, the login included', async () => {
  const before = mock.services.sessions.list().length;
  for (let i = 0; i < 30; i++) {
    const session = `anonymous-${i}`;
    expect((await probe('GET', `/api/Jobs(${jobId()})`, { 'x-mock-session': session })).status).toBe(401);
    const wrong = await probe('GET', `/api/Jobs(${jobId()})`, {
      'x-mock-session': session,
      authorization: basic('admin', 'nope'),
    });
    expect(wrong.status).toBe(401);
    const login = await probe(
      'POST',
      '/configurations/identity/r1/tokens',
      { 'x-mock-session': session },
      JSON.stringify({ username: 'admin@demo', password: 'demo' }),
    );
    expect(login.status).toBe(200);
    expect(mock.services.sessions.has(session)).toBe(false);
  }
  expect(mock.services.sessions.list().length).toBe(before);
  // An authenticated request does make its session.
  expect(
    (await probe('GET', `/api/Jobs(${jobId()})`, { authorization: ADMIN, 'x-mock-session': 'known' })).status,
  ).toBe(200);
  expect(mock.services.sessions.has('known')).toBe(true);
});

it('grants Prefer: delay only to an authenticated caller', async () => {
  // Before the fix these waited a minute (the request hangs past timeoutMs and send rejects).
  for (const headers of [{}, { authorization: basic('admin', 'nope') }, { authorization: 'Bearer nope' }]) {
    const path =
      'authorization' in headers && headers.authorization.startsWith('Bearer')
        ? '/work-orders/r1/types'
        : `/api/Jobs(${jobId()})`;
    const reply = await send(mock.url, {
      method: 'GET',
      path,
      headers: { ...headers, prefer: 'delay=60000' },
      timeoutMs: 4_000,
    });
    probes++;
    expect(reply.status).toBe(401);
  }
  const login = await send(mock.url, {
    method: 'POST',
    path: '/configurations/identity/r1/tokens',
    headers: { 'content-type': 'application/json', prefer: 'delay=60000' },
    body: JSON.stringify({ username: 'admin@demo', password: 'demo' }),
    timeoutMs: 4_000,
  });
  expect(login.status).toBe(200);
});

it('checks the admin token before reading or unzipping any body', async () => {
  // A body that does not even unzip: read first, it was a 400/500; checked first, it is a 401.
  for (const headers of [{}, { 'x-admin-token': 'wrong' }]) {
    const reply = await send(mock.url, {
      method: 'PUT',
      path: '/__admin/state',
      headers: { ...headers, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: Buffer.from('not gzip at all'),
    });
    probes++;
    expect(reply.status).toBe(401);
  }
});

it('answers an unsupported method on a known path 405 with Allow, in the family envelope', async () => {
  const jobs = await probe('DELETE', `/api/Jobs(${jobId()})`, { authorization: ADMIN });
  expect(jobs.status).toBe(405);
  expect(jobs.headers.allow).toBe('GET, PUT');
  expect(JSON.parse(jobs.text).Message).toMatch(/does not support http method 'DELETE'/);
  const save = await probe('GET', '/api/JobPartUsage/Save');
  expect(save.status).toBe(405);
  expect(save.headers.allow).toBe('POST');
  for (const path of ['/work-orders/r1/types/1', '/api/work-orders/r1/types/1']) {
    const nextgen = await probe('DELETE', path, { authorization: `Bearer ${bearer.admin}` });
    expect(nextgen.status).toBe(405);
    expect(nextgen.headers.allow).toBe('GET, PATCH');
    expect(JSON.parse(nextgen.text)).toMatchObject({ status: 405, code: 'BASE_0001' });
  }
  // An unknown path stays 404.
  expect((await probe('DELETE', '/api/Nothing')).status).toBe(404);
  expect((await probe('GET', '/work-orders/r1/nothing')).status).toBe(404);
});

it('keeps no password, token or Authorization in the request log', async () => {
  const session = 'log-secrets';
  const token = mock.services.options.adminToken ?? '';
  await probe('GET', `/api/Jobs(${jobId()})`, { authorization: ADMIN, 'x-mock-session': session });
  await probe(
    'POST',
    '/configurations/identity/r1/tokens',
    { 'x-mock-session': session },
    JSON.stringify({ username: 'admin@demo', password: 'demo-secret-pw' }),
  );
  await probe('GET', `/api/Jobs(${jobId()})?access_token=url-secret&x=${'y'.repeat(20_000).slice(0, 8000)}`, {
    authorization: ADMIN,
    'x-mock-session': session,
  });
  const log = await probe('GET', `/__admin/requests?session=${session}&limit=50`, { 'x-admin-token': token });
  expect(log.status).toBe(200);
  for (const secret of ['demo-secret-pw', 'url-secret', ADMIN.slice(6), bearer.admin ?? 'x'])
    expect(log.text).not.toContain(secret);
  const entries = (JSON.parse(log.text) as { requests: { path: string }[] }).requests;
  expect(entries.length).toBe(3);
  for (const e of entries) expect(e.path.length).toBeLessThanOrEqual(1001);
});
