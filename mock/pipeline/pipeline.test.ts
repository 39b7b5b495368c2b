// The pipeline without a server: plain requests in, plain responses out (what a browser host gets).
// The spec documents under Node: the modules under test read lib/spec-runtime.ts.
import '../../lib/spec.ts';
import { beforeEach, expect, it } from 'vitest';
import { generateDataSet } from '../../generators/fixtures/generate.ts';
import { TokenStore } from '../nextgen/tokens.ts';
import { DEFAULT_OPTIONS } from '../options.ts';
import { RequestLog } from '../state/request-log.ts';
import { Sessions } from '../state/sessions.ts';
import { createPipeline, type Pipeline } from './pipeline.ts';
import type { PlainRequest } from './types.ts';

const data = generateDataSet({ seed: 5, jobs: 10 });
const jobId = data.jobs.jobs[0]?.id ?? '';
const ADMIN = `Basic ${btoa('admin:demo@demo')}`;
const options = { ...DEFAULT_OPTIONS, validateResponses: 'throw' as const, maxBodyBytes: 1024 };

let sessions: Sessions;
let log: RequestLog;
let pipeline: Pipeline;
beforeEach(() => {
  sessions = new Sessions(data, { maxSessions: 10, idleMs: 60_000 });
  log = new RequestLog(20);
  pipeline = createPipeline({ options, sessions, log, tokens: new TokenStore(), now: () => new Date(0) });
});

/** A request whose body records every read and the limit it was read with. */
function request(method: string, path: string, headers: Record<string, string> = {}, body = '') {
  const reads: number[] = [];
  const q = path.indexOf('?');
  const plain: PlainRequest = {
    method,
    path: q < 0 ? path : path.slice(0, q),
    query: q < 0 ? '' : path.slice(q + 1),
    headers,
    body: {
      read: async (limit) => {
        reads.push(limit);
        return new TextEncoder().encode(body);
      },
    },
  };
  return { plain, reads };
}

const text = (body: string | Uint8Array) =>
  typeof body === 'string' ? body : new TextDecoder().decode(body);

it('answers a job with its ETag, in the session it named', async () => {
  const { plain } = request('GET', `/api/Jobs(${jobId})`, { authorization: ADMIN, 'x-mock-session': 'p1' });
  const reply = await pipeline(plain);
  expect(reply.status).toBe(200);
  expect(JSON.parse(text(reply.body)).id).toBe(jobId);
  expect(reply.headers.ETag).toMatch(/^"/);
  expect(reply.headers['X-Mock-Session']).toBe('p1');
  expect(reply.headers['Content-Type']).toBe('application/json; charset=utf-8');
  expect(sessions.has('p1')).toBe(true);
});

it('reads no body and makes no session for a caller it refuses', async () => {
  const { plain, reads } = request(
    'PUT',
    `/api/Jobs(${jobId})`,
    { 'content-type': 'application/json', 'x-mock-session': 'nobody' },
    '{"name":"x"}',
  );
  const reply = await pipeline(plain);
  expect(reply.status).toBe(401);
  expect(reads).toEqual([]);
  expect(sessions.has('nobody')).toBe(false);
  expect(log.recent('nobody', 1)[0]?.requestBody).toBeUndefined();
});

it('reads the body of an authenticated write once, within the body limit', async () => {
  const { plain, reads } = request(
    'POST',
    '/api/JobPartUsage/Save',
    { authorization: ADMIN, 'content-type': 'application/json' },
    JSON.stringify({ id: '3f6c2a4e-0000-4000-8000-0000000000aa', jobs_id: jobId, quantity: 1 }),
  );
  const reply = await pipeline(plain);
  expect(reply.status, text(reply.body)).toBe(201);
  expect(reads).toEqual([options.maxBodyBytes]);
  // Read back.
  expect(sessions.get().jobs.jobPartUsages.has('3f6c2a4e-0000-4000-8000-0000000000aa')).toBe(true);
});

it('answers 404 and 405 in the envelope of the family the path belongs to', async () => {
  const jobs = await pipeline(request('DELETE', `/api/Jobs(${jobId})`).plain);
  expect(jobs.status).toBe(405);
  expect(jobs.headers.Allow).toBe('GET, PUT');
  expect(JSON.parse(text(jobs.body))).toEqual({
    Message: "The requested resource does not support http method 'DELETE'.",
  });
  const nextgen = await pipeline(request('GET', '/api/work-orders/r1/nothing?x=1').plain);
  expect(nextgen.status).toBe(404);
  expect(JSON.parse(text(nextgen.body))).toMatchObject({
    status: 404,
    code: 'NOT_FOUND',
    path: '/api/work-orders/r1/nothing',
  });
  const xml = await pipeline(request('GET', '/api/Nothing', { accept: 'application/xml' }).plain);
  expect(xml.status).toBe(404);
  expect(text(xml.body)).toMatch(/<Message>No HTTP resource/);
});

it('re-runs the handler when the state log reports a conflict, and gives up after three tries with 503', async () => {
  const body = JSON.stringify({ id: '3f6c2a4e-0000-4000-8000-0000000000bb', jobs_id: jobId, quantity: 2 });
  const save = () =>
    request(
      'POST',
      '/api/JobPartUsage/Save',
      { authorization: ADMIN, 'content-type': 'application/json' },
      body,
    ).plain;
  const commit = sessions.commit.bind(sessions);
  let conflicts = 2;
  sessions.commit = async (name, state) => (conflicts-- > 0 ? 'conflict' : commit(name, state));
  const ok = await pipeline(save());
  expect(ok.status, text(ok.body)).toBe(201);
  expect(conflicts).toBe(-1);
  sessions.commit = async () => 'conflict';
  const busy = await pipeline(save());
  expect(busy.status).toBe(503);
  expect(JSON.parse(text(busy.body)).Message).toMatch(/busy/);
});

it('logs each exchange without its secrets', async () => {
  await pipeline(
    request(
      'POST',
      '/configurations/identity/r1/tokens',
      { 'content-type': 'application/json' },
      JSON.stringify({ username: 'admin@demo', password: 'demo' }),
    ).plain,
  );
  const [entry] = log.recent('default', 1);
  expect(entry?.status).toBe(200);
  expect(entry?.requestBody).toContain('admin@demo');
  expect(entry?.requestBody).not.toContain('"demo"');
});

it('holds at most maxDelayedRequests delayed requests at once and refuses a delay past them with 503', async () => {
  const bounded = createPipeline({
    options: { ...options, maxDelayedRequests: 2 },
    sessions,
    log,
    tokens: new TokenStore(),
    now: () => new Date(0),
  });
  const delayed = () =>
    bounded(request('GET', `/api/Jobs(${jobId})`, { authorization: ADMIN, prefer: 'delay=200' }).plain);
  const held = [delayed(), delayed()];
  // Both reach their sleep within the promise jobs that run before the next turn of the event loop.
  await new Promise((resolve) => setImmediate(resolve));
  const refused = await delayed();
  expect(refused.status).toBe(503);
  expect(refused.headers['Retry-After']).toBe('1');
  expect(JSON.parse(text(refused.body)).Message).toMatch(
    /^Prefer: delay=200 cannot be granted now: 2 requests are being delayed already/,
  );
  // Without a delay the same request is answered meanwhile.
  const plain = await bounded(request('GET', `/api/Jobs(${jobId})`, { authorization: ADMIN }).plain);
  expect(plain.status).toBe(200);
  expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
  // Their places are free again.
  expect((await delayed()).status).toBe(200);
});

it('refuses a delay past the bound in the envelope of the family: NextGen', async () => {
  const none = createPipeline({
    options: { ...options, maxDelayedRequests: 0 },
    sessions,
    log,
    tokens: new TokenStore(),
    now: () => new Date(0),
  });
  const login = await none(
    request(
      'POST',
      '/configurations/identity/r1/tokens',
      { 'content-type': 'application/json' },
      JSON.stringify({ username: 'admin@demo', password: 'demo' }),
    ).plain,
  );
  const { accessToken } = JSON.parse(text(login.body));
  const bearer = { authorization: `Bearer ${accessToken}` };
  const refused = await none(
    request('GET', '/work-orders/r1/types', { ...bearer, prefer: 'delay=100' }).plain,
  );
  expect(refused.status).toBe(503);
  expect(JSON.parse(text(refused.body))).toMatchObject({ status: 503, path: '/work-orders/r1/types' });
  expect(JSON.parse(text(refused.body)).message).toMatch(/cannot be granted now: 0 requests/);
  expect((await none(request('GET', '/work-orders/r1/types', bearer).plain)).status).toBe(200);
});
