import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from './server.ts';
import { ADMIN, asPutBody, CONTACT1, client } from './testing/client.ts';

let mock: RunningMock;
let call: ReturnType<typeof client>;
let admin: Record<string, string>;
let jobId: string;

beforeAll(async () => {
  mock = await startMock({
    seed: 5,
    jobs: 40,
    corsOrigins: ['http://localhost:5173'],
    maxBodyBytes: 64 * 1024,
  });
  call = client(mock, { Authorization: ADMIN });
  admin = { 'X-Admin-Token': mock.services.options.adminToken ?? '' };
  jobId = (await call('GET', '/api/JobsView?$top=1', { headers: { Authorization: CONTACT1 } })).json.value[0]
    .id;
});
afterAll(() => mock.close());

const rename = async (session: string, name: string) => {
  const job = (await call('GET', `/api/Jobs(${jobId})`, { headers: { 'X-Mock-Session': session } })).json;
  const body = asPutBody(job);
  return call('PUT', `/api/Jobs(${jobId})`, {
    headers: { 'X-Mock-Session': session },
    body: { ...body, name },
  });
};
const nameIn = async (session?: string) =>
  (await call('GET', `/api/Jobs(${jobId})`, { headers: session ? { 'X-Mock-Session': session } : {} })).json
    .name;

describe('sessions', () => {
  it('keeps the writes of two sessions apart, also when they run in parallel', async () => {
    const before = await nameIn();
    await Promise.all([rename('alice', 'Alice was here'), rename('bob', 'Bob was here')]);
    expect(await nameIn('alice')).toBe('Alice was here');
    expect(await nameIn('bob')).toBe('Bob was here');
    expect(await nameIn()).toBe(before);
  });

  it('refuses a session name that is not a plain identifier', async () => {
    const res = await call('GET', `/api/Jobs(${jobId})`, { headers: { 'X-Mock-Session': 'a b/c' } });
    expect(res.status).toBe(400);
    expect(res.json.ModelState['X-Mock-Session']).toBeDefined();
  });
});

describe('admin API', () => {
  it('is closed to the APIs credentials and to a wrong token', async () => {
    expect((await call('GET', '/__admin/health')).status).toBe(401);
    expect((await call('GET', '/__admin/health', { headers: { 'X-Admin-Token': 'nope' } })).status).toBe(401);
    expect((await call('GET', '/__admin/health', { headers: admin })).json.status).toBe('ok');
  });

  it('resets one session to the seed without touching the others', async () => {
    const seeded = await nameIn('reset-me');
    await rename('reset-me', 'changed');
    await rename('keep-me', 'kept');
    expect((await call('POST', '/__admin/reset?session=reset-me', { headers: admin })).status).toBe(200);
    expect(await nameIn('reset-me')).toBe(seeded);
    expect(await nameIn('keep-me')).toBe('kept');
  });

  it('exports a session and imports it into another', async () => {
    await rename('source', 'exported name');
    const exported = await call('GET', '/__admin/state?session=source', { headers: admin });
    expect(exported.status).toBe(200);
    const imported = await call('PUT', '/__admin/state?session=target', {
      headers: admin,
      body: exported.json,
    });
    expect(imported.status).toBe(200);
    expect(await nameIn('target')).toBe('exported name');
  });

  it('refuses an inconsistent import and changes nothing', async () => {
    const before = await nameIn('intact');
    const exported = (await call('GET', '/__admin/state?session=intact', { headers: admin })).json;
    exported.jobs.jobs[0].project_id = '3f6c2a4e-0000-4000-8000-000000000000';
    const res = await call('PUT', '/__admin/state?session=intact', { headers: admin, body: exported });
    expect(res.status).toBe(400);
    expect(res.json.problems.length).toBeGreaterThan(0);
    expect(await nameIn('intact')).toBe(before);
  });

  it('lists the recent requests of a session with their status', async () => {
    await call('GET', '/api/Jobs(3f6c2a4e-0000-4000-8000-000000000000)', {
      headers: { 'X-Mock-Session': 'logged' },
    });
    const log = await call('GET', '/__admin/requests?session=logged&limit=5', { headers: admin });
    expect(log.json.requests[0]).toMatchObject({ method: 'GET', status: 404, session: 'logged' });
  });

  it('re-seeds every session from a new seed', async () => {
    const res = await call('POST', '/__admin/reseed', { headers: admin, body: { seed: 99, jobs: 10 } });
    expect(res.json).toEqual({ seed: 99, jobs: 10 });
    const summary = await call('GET', '/__admin/summary', { headers: admin });
    expect(summary.json.counts.jobs.jobs).toBe(10);
    await call('POST', '/__admin/reseed', { headers: admin, body: { seed: 5, jobs: 40 } });
  });
});

describe('scenario control', () => {
  it('forces a documented error with Prefer: code and its query fallback', async () => {
    const forced = await call('GET', `/api/Jobs(${jobId})`, { headers: { Prefer: 'code=404' } });
    expect(forced.status).toBe(404);
    expect(forced.json.Message).toMatch(/forced by Prefer/);
    expect((await call('GET', `/api/Jobs(${jobId})?__code=409`)).status).toBe(404);
    expect((await call('GET', `/api/Jobs(${jobId})?__code=403`)).status).toBe(403);
  });

  it('serves a named example and a seeded dynamic body', async () => {
    const example = await call('GET', `/api/Jobs(${jobId})`, { headers: { Prefer: 'example=vendorSample' } });
    expect(example.json.name).toBe('sample string 17');
    const a = await call('GET', `/api/Jobs(${jobId})`, { headers: { Prefer: 'dynamic=true; seed=7' } });
    const b = await call('GET', `/api/Jobs(${jobId})`, { headers: { Prefer: 'dynamic=true, seed=7' } });
    expect(a.status).toBe(200);
    expect(a.json).toEqual(b.json);
  });

  it('lets an invalid request win over a forced code', async () => {
    const res = await call('GET', `/api/Jobs(${jobId})`, {
      headers: { Prefer: 'code=200', Authorization: '' },
    });
    expect(res.status).toBe(401);
  });

  it('delays an answer on request and refuses a bad preference', async () => {
    const started = Date.now();
    expect((await call('GET', `/api/Jobs(${jobId})`, { headers: { Prefer: 'delay=150' } })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect((await call('GET', `/api/Jobs(${jobId})`, { headers: { Prefer: 'code=abc' } })).status).toBe(400);
  });
});

describe('HTTP edges', () => {
  it('answers an unknown route 404 in the API family format', async () => {
    expect((await call('GET', '/api/Nothing')).json.Message).toMatch(/No HTTP resource/);
    expect((await call('GET', '/work-orders/r1/nothing')).json.code).toBeDefined();
  });

  it('answers a body over the limit 413', async () => {
    const res = await call('PUT', `/api/Jobs(${jobId})`, { body: { name: 'x'.repeat(70 * 1024) } });
    expect(res.status).toBe(413);
    expect(res.json.Message).toMatch(/larger than the limit/);
  });

  it('answers CORS preflights for a configured origin only, never a wildcard with credentials', async () => {
    const ok = await call('OPTIONS', '/api/JobsView', {
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'GET' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await call('GET', `/api/Jobs(${jobId})`, { headers: { Origin: 'http://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

it('records the rule violations of a refused request in the request log', async () => {
  await call('GET', '/api/JobsView?$top=-1', {
    headers: { Authorization: CONTACT1, 'X-Mock-Session': 'problems' },
  });
  const log = await call('GET', '/__admin/requests?session=problems&limit=1', { headers: admin });
  expect(log.json.requests[0].problems.join(' ')).toMatch(/^JOBSVIEW-ODATA-QUERY \$top: /);
});

/** Writes `text` on a new connection and gives back everything answered until the server closes it. */
function raw(target: RunningMock, text: string, keepOpen = false): Promise<string> {
  const { hostname, port } = new URL(target.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      if (keepOpen) socket.write(text);
      else socket.end(text);
    });
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}
const statusLine = (answer: string) => answer.split('\r\n')[0];
const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));

describe('refusals made before Express', () => {
  const padding = `X-Padding: ${'x'.repeat(20 * 1024)}\r\n`;
  it('answers headers over the limit on a NextGen path in the NextGen envelope', async () => {
    const answer = await raw(mock, `GET /work-orders/r1/types HTTP/1.1\r\nHost: x\r\n${padding}\r\n`);
    expect(statusLine(answer)).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    const body = bodyOf(answer);
    expect(body).toMatchObject({ status: 431, path: '/work-orders/r1/types' });
    expect(body.message).toMatch(/larger than 16 KiB/);
    expect(body.Message).toBeUndefined();
  });
  it('answers them on a jobs path, and a request line it cannot read, in the jobs envelope', async () => {
    const jobs = await raw(mock, `GET /api/Jobs HTTP/1.1\r\nHost: x\r\n${padding}\r\n`);
    expect(statusLine(jobs)).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(bodyOf(jobs).Message).toMatch(/larger than 16 KiB/);
    const broken = await raw(mock, 'NOT A REQUEST\r\n\r\n');
    expect(statusLine(broken)).toBe('HTTP/1.1 400 Bad Request');
    expect(bodyOf(broken).Message).toMatch(/could not be parsed/);
  });
  it('answers a request not in time 408 Request Timeout, in the envelope of its path', async () => {
    const quick = await startMock({ seed: 5, jobs: 5, headersTimeoutMs: 300, requestTimeoutMs: 600 });
    try {
      // The login reads its body unauthenticated (it is how one authenticates); this one never ends.
      const answer = await raw(
        quick,
        'POST /configurations/identity/r1/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user',
        true,
      );
      expect(statusLine(answer)).toBe('HTTP/1.1 408 Request Timeout');
      expect(bodyOf(answer)).toMatchObject({ status: 408, path: '/configurations/identity/r1/tokens' });
    } finally {
      await quick.close();
    }
  });
});
