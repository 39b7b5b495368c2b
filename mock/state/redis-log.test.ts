// Two and more `wo-mock --redis` processes over one real redis-server behave as one mock (issue 12).

import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Job } from '../../generators/fixtures/data-set.ts';
import { generateDataSet } from '../../generators/fixtures/generate.ts';
import { closeClients, type SpawnedMock, send, spawnCli } from '../reliability/harness.ts';
import { ADMIN, asPutBody, CONTACT1 } from '../testing/client.ts';
import { compareIds, openRedisLog, SNAPSHOT_EVERY } from './redis-log.ts';
import { startRedis, type TestRedis } from './redis-test-server.ts';
import { Sessions } from './sessions.ts';

let redis: TestRedis;
const spawned: SpawnedMock[] = [];
const urls: string[] = [];

const instance = async (): Promise<{ mock: SpawnedMock; url: string }> => {
  const mock = spawnCli(['--jobs', '20', '--seed', '9', '--redis', redis.url]);
  spawned.push(mock);
  return { mock, url: await mock.url };
};

beforeAll(async () => {
  redis = await startRedis();
  for (let i = 0; i < 2; i++) urls.push((await instance()).url);
}, 60_000);

afterAll(async () => {
  for (const s of spawned) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  await Promise.all(spawned.map((s) => s.exit));
  closeClients();
  await redis?.stop();
});

const at = (i: number) => urls[i] as string;
const get = (url: string, path: string, headers: Record<string, string> = {}) =>
  send(url, { method: 'GET', path, headers: { authorization: ADMIN, ...headers } });
const put = (url: string, id: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  send(url, {
    method: 'PUT',
    path: `/api/Jobs(${id})`,
    headers: { authorization: ADMIN, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

async function someJob(url: string, headers: Record<string, string> = {}) {
  const list = await send(url, {
    method: 'GET',
    path: '/api/JobsView?$top=1&$select=id',
    headers: { authorization: CONTACT1, ...headers },
  });
  if (list.status !== 200)
    throw new Error(`JobsView: ${list.status} ${list.text} ${spawned.map((s) => s.stderr()).join('\n')}`);
  const id = (JSON.parse(list.text) as { value: { id: string }[] }).value[0]?.id ?? '';
  const r = await get(url, `/api/Jobs(${id})`, headers);
  return { id, body: asPutBody(JSON.parse(r.text)), etag: String(r.headers.etag) };
}
const viewName = async (url: string, id: string, headers: Record<string, string> = {}) =>
  JSON.parse(
    (
      await send(url, {
        method: 'GET',
        path: `/api/JobsView(${id})`,
        headers: { authorization: CONTACT1, ...headers },
      })
    ).text,
  ).name as string;
const jobName = async (url: string, id: string, headers: Record<string, string> = {}) =>
  JSON.parse((await get(url, `/api/Jobs(${id})`, headers)).text).name as string;

it('orders stream ids by time, then sequence', () => {
  expect(compareIds('2-0', '10-0')).toBeLessThan(0);
  expect(compareIds('5-3', '5-12')).toBeLessThan(0);
  expect(compareIds('7-1', '7-1')).toBe(0);
});

it("appends a write only over everything before it: a stale instance gets 'conflict', catches up and retries", async () => {
  const seed = { seed: 9, jobs: 20 };
  const data = generateDataSet(seed);
  const open = async () => {
    const opened = await openRedisLog(redis.url, seed);
    if (!opened.ok) throw new Error(opened.error);
    const sessions = new Sessions(data, { maxSessions: 10, idleMs: 60_000, log: opened.log });
    opened.log.attach(sessions);
    return sessions;
  };
  const [a, b] = [await open(), await open()];
  try {
    const stateA = await a.open('race');
    const stateB = await b.open('race');
    const job = [...stateA.jobs.jobs.values()][0] as Job;
    stateA.setJob({ ...job, name: 'A first' });
    stateA.touch({ jobs: [job.id] });
    expect(await a.commit('race', stateA)).toBe('ok');
    stateB.setJob({ ...job, name: 'B on a stale state' });
    stateB.touch({ jobs: [job.id] });
    expect(await b.commit('race', stateB)).toBe('conflict');
    b.rollback('race', stateB);
    const again = await b.open('race');
    expect(again.jobs.jobs.get(job.id)?.name).toBe('A first');
    again.setJob({ ...(again.jobs.jobs.get(job.id) as Job), name: 'B retried' });
    again.touch({ jobs: [job.id] });
    expect(await b.commit('race', again)).toBe('ok');
    expect((await a.open('race')).jobs.jobs.get(job.id)?.name).toBe('B retried');
  } finally {
    await a.log.close();
    await b.log.close();
  }
});

it('folds a long session stream into a snapshot and trims it; a new instance loads snapshot plus stream', async () => {
  const seed = { seed: 9, jobs: 20 };
  const data = generateDataSet(seed);
  const open = async () => {
    const opened = await openRedisLog(redis.url, seed);
    if (!opened.ok) throw new Error(opened.error);
    const sessions = new Sessions(data, { maxSessions: 10, idleMs: 60_000, log: opened.log });
    opened.log.attach(sessions);
    return sessions;
  };
  const a = await open();
  const direct = new Redis(redis.url);
  try {
    const jobs = data.jobs.jobs.slice(0, 5);
    // Enough changed records that the snapshot is written in several pieces.
    const first = await a.open('long');
    const usage = data.jobs.jobPartUsages[0];
    for (let i = 0; i < 2_500; i++)
      first.put('jobs.jobPartUsages', `bulk-${i}`, { ...usage, id: `bulk-${i}` });
    first.touch({ jobs: [] });
    expect(await a.commit('long', first)).toBe('ok');
    for (let n = 0; n < SNAPSHOT_EVERY + 20; n++) {
      const state = await a.open('long');
      const job = jobs[n % jobs.length] as Job;
      state.setJob({ ...(state.jobs.jobs.get(job.id) as Job), name: `n${n}` });
      state.touch({ jobs: [job.id] });
      expect(await a.commit('long', state)).toBe('ok');
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(await direct.llen('wo:snap:long')).toBeGreaterThan(3);
    expect(await direct.xlen('wo:s:long')).toBeLessThan(100);
    const b = await open();
    const loaded = await b.open('long');
    const expected = await a.open('long');
    for (const job of jobs)
      expect(loaded.jobs.jobs.get(job.id)?.name).toBe(expected.jobs.jobs.get(job.id)?.name);
    expect(loaded.jobs.jobPartUsages.get('bulk-2499')).toEqual(expected.jobs.jobPartUsages.get('bulk-2499'));
    expect(loaded.jobs.jobPartUsages.size).toBe(expected.jobs.jobPartUsages.size);
    expect(loaded.jobs.jobs.get((jobs[(SNAPSHOT_EVERY + 19) % 5] as Job).id)?.name).toBe(
      `n${SNAPSHOT_EVERY + 19}`,
    );
    await b.log.close();
  } finally {
    direct.disconnect();
    await a.log.close();
  }
});

it('drops a session with changes from memory when room is needed and loads it back from Redis when used', async () => {
  const seed = { seed: 9, jobs: 20 };
  const data = generateDataSet(seed);
  const opened = await openRedisLog(redis.url, seed);
  if (!opened.ok) throw new Error(opened.error);
  const sessions = new Sessions(data, { maxSessions: 2, idleMs: 60_000, log: opened.log });
  opened.log.attach(sessions);
  try {
    const state = await sessions.open('kept-in-redis');
    const job = [...state.jobs.jobs.values()][0] as Job;
    state.setJob({ ...job, name: 'survives the drop' });
    state.touch({ jobs: [job.id] });
    expect(await sessions.commit('kept-in-redis', state)).toBe('ok');
    await sessions.open('another');
    expect(sessions.has('kept-in-redis')).toBe(false);
    const back = await sessions.open('kept-in-redis');
    expect(back).not.toBe(state);
    expect(back.jobs.jobs.get(job.id)?.name).toBe('survives the drop');
  } finally {
    await opened.log.close();
  }
});

it('applies an import and a re-seed made through one instance on the other, and a restart keeps the new seed', async () => {
  const seed = { seed: 9, jobs: 20 };
  const data = generateDataSet(seed);
  const open = async () => {
    const opened = await openRedisLog(redis.url, seed);
    if (!opened.ok) throw new Error(opened.error);
    const sessions = new Sessions(generateDataSet(opened.log.seed), {
      maxSessions: 10,
      idleMs: 60_000,
      log: opened.log,
    });
    opened.log.attach(sessions);
    return { sessions, log: opened.log };
  };
  const a = await open();
  const b = await open();
  try {
    const imported = generateDataSet({ seed: 77, jobs: 3 });
    await a.sessions.replace('imported', imported);
    expect((await b.sessions.open('imported')).jobs.jobs.size).toBe(3);
    await a.sessions.reseed(generateDataSet({ seed: 11, jobs: 7 }));
    const after = await b.sessions.open('default');
    expect(after.seed).toBe(11);
    expect(after.jobs.jobs.size).toBe(7);
    expect((await b.sessions.open('imported')).jobs.jobs.size).toBe(7);
    const c = await open();
    expect(c.log.seed).toEqual({ seed: 11, jobs: 7 });
    await c.log.close();
    // Back to the seed the other tests use.
    await a.sessions.reseed(data);
  } finally {
    await a.log.close();
    await b.log.close();
  }
});

it('reads on one instance, at once, a write acknowledged by the other: the entity and JobsView', async () => {
  const { id, body } = await someJob(at(0));
  expect((await put(at(0), id, { ...body, name: 'written on A' })).status).toBe(200);
  expect(await jobName(at(1), id)).toBe('written on A');
  expect(await viewName(at(1), id)).toBe('written on A');
  expect((await put(at(1), id, { ...body, name: 'then on B' })).status).toBe(200);
  expect(await jobName(at(0), id)).toBe('then on B');
  expect(await viewName(at(0), id)).toBe('then on B');
});

it('lets a stale If-Match on one instance lose to a write made on the other', async () => {
  const { id, body, etag } = await someJob(at(0));
  expect((await put(at(1), id, { ...body, name: 'B got there first' })).status).toBe(200);
  const stale = await put(at(0), id, { ...body, name: 'A with an old ETag' }, { 'if-match': etag });
  // Rule JOB-CONCURRENCY answers 409.
  expect(stale.status).toBe(409);
  expect(stale.text).toMatch(/JOB-CONCURRENCY|changed since it was read/);
  expect(await jobName(at(1), id)).toBe('B got there first');
  expect(await jobName(at(0), id)).toBe('B got there first');
});

it('keeps a session, and an admin reset made through one instance holds on the other', async () => {
  const session = { 'x-mock-session': 'shared-team' };
  const { id, body } = await someJob(at(0), session);
  const original = body.name;
  expect((await put(at(0), id, { ...body, name: 'in the session' }, session)).status).toBe(200);
  expect(await jobName(at(1), id, session)).toBe('in the session');
  expect(await jobName(at(1), id)).not.toBe('in the session');
  const token = /X-Admin-Token: ([^)\s]+)/.exec(spawned[0]?.stdout() ?? '')?.[1] ?? '';
  const reset = await send(at(0), {
    method: 'POST',
    path: '/__admin/reset?session=shared-team',
    headers: { 'x-admin-token': token },
  });
  expect(reset.status).toBe(200);
  expect(await jobName(at(1), id, session)).toBe(original);
  expect(await jobName(at(0), id, session)).toBe(original);
});

it('keeps concurrent writes to one session on both instances consistent: each answered 200 or 503 busy, both read the same', async () => {
  const session = { 'x-mock-session': 'contended' };
  const { id, body } = await someJob(at(0), session);
  const statuses: number[] = [];
  const acked = new Set<string>();
  await Promise.all(
    Array.from({ length: 6 }, async (_, w) => {
      for (let n = 0; n < 8; n++) {
        const name = `w${w}-${n}`;
        const reply = await put(at(w % 2), id, { ...body, name }, session);
        statuses.push(reply.status);
        if (reply.status === 200) acked.add(name);
      }
    }),
  );
  expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
  expect(acked.size).toBeGreaterThan(0);
  const [a, b] = [await jobName(at(0), id, session), await jobName(at(1), id, session)];
  expect(a).toBe(b);
  expect(acked.has(a)).toBe(true);
  expect(await viewName(at(1), id, session)).toBe(a);
});

it('accepts on one instance a NextGen token issued by the other, and still refuses an unknown one', async () => {
  const login = await send(at(0), {
    method: 'POST',
    path: '/configurations/identity/r1/tokens',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin@demo', password: 'demo' }),
  });
  expect(login.status).toBe(200);
  const token = (JSON.parse(login.text) as { accessToken: string }).accessToken;
  const list = (url: string, bearer: string) =>
    send(url, {
      method: 'GET',
      path: '/work-orders/r1/types',
      headers: { authorization: `Bearer ${bearer}` },
    });
  expect((await list(at(1), token)).status).toBe(200);
  expect((await list(at(0), token)).status).toBe(200);
  expect((await list(at(1), `${token.slice(0, -2)}xx`)).status).toBe(401);
});

it('goes on when one instance is killed, and the restarted one has every write it missed', async () => {
  const { id, body } = await someJob(at(1));
  spawned[0]?.child.kill('SIGKILL');
  await spawned[0]?.exit;
  for (let n = 0; n < 5; n++)
    expect((await put(at(1), id, { ...body, name: `while A was down ${n}` })).status).toBe(200);
  const { url } = await instance();
  urls[0] = url;
  expect(await jobName(url, id)).toBe('while A was down 4');
  expect(await viewName(url, id)).toBe('while A was down 4');
}, 60_000);
