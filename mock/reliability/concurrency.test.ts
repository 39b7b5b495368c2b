// Many clients at once (issue 6): accepted writes stay visible, If-Match catches lost updates, and
// sessions and the request log stay capped however many clients come and go.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DataSet } from '../../generators/fixtures/data-set.ts';
import { validateDataSet } from '../../generators/fixtures/generate.ts';
import { updateJob } from '../jobs/job-store.ts';
import { type RunningMock, startMock } from '../server.ts';
import { ADMIN, asPutBody } from '../testing/client.ts';
import { closeClients, send } from './harness.ts';

const CLIENTS = 20;
const WRITES = 25;
const MAX_SESSIONS = 8;
const LOG_SIZE = 5;

let mock: RunningMock;
let seed: DataSet;

beforeAll(async () => {
  mock = await startMock({ seed: 21, jobs: 40, maxSessions: MAX_SESSIONS, requestLogSize: LOG_SIZE });
  seed = mock.services.sessions.export('default') as DataSet;
});
afterAll(async () => {
  await mock.close();
  closeClients();
});

const headers = (session: string, extra: Record<string, string> = {}) => ({
  authorization: ADMIN,
  'content-type': 'application/json',
  'x-mock-session': session,
  ...extra,
});

async function readJob(
  session: string,
  id: string,
): Promise<{ body: Record<string, unknown>; etag: string }> {
  const r = await send(mock.url, { method: 'GET', path: `/api/Jobs(${id})`, headers: headers(session) });
  expect(r.status).toBe(200);
  const body = asPutBody(JSON.parse(r.text));
  return { body, etag: String(r.headers.etag) };
}

const putJob = (
  session: string,
  id: string,
  body: Record<string, unknown>,
  extra: Record<string, string> = {},
) =>
  send(mock.url, {
    method: 'PUT',
    path: `/api/Jobs(${id})`,
    headers: headers(session, extra),
    body: JSON.stringify(body),
  });

it('keeps every accepted write of 20 clients writing their own and a shared job at once', async () => {
  const session = 'many-writers';
  const jobs = seed.jobs.jobs.slice(0, CLIENTS + 1).map((j) => j.id);
  const shared = jobs[CLIENTS] ?? '';
  const usage = seed.jobs.jobPartUsages[0];
  const acceptedShared: string[] = [];
  const createdUsages: string[] = [];
  const lastOwn = new Map<string, string>();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      const own = jobs[c] ?? '';
      const ownBody = (await readJob(session, own)).body;
      const sharedBody = (await readJob(session, shared)).body;
      for (let w = 0; w < WRITES; w++) {
        const name = `client ${c} write ${w}`;
        const kind = w % 3;
        if (kind === 0) {
          const r = await putJob(session, own, { ...ownBody, name });
          expect(r.status).toBe(200);
          lastOwn.set(own, name);
        } else if (kind === 1) {
          const r = await putJob(session, shared, { ...sharedBody, name });
          expect(r.status).toBe(200);
          acceptedShared.push(name);
        } else {
          const id = randomUUID();
          const r = await send(mock.url, {
            method: 'POST',
            path: '/api/JobPartUsage/Save',
            headers: headers(session),
            body: JSON.stringify({ ...usage, id, description: name }),
          });
          expect(r.status).toBe(201);
          createdUsages.push(id);
        }
      }
    }),
  );
  const state = mock.services.sessions.export(session) as DataSet;
  const byId = new Map(state.jobs.jobs.map((j) => [j.id, j]));
  for (const [id, name] of lastOwn) expect(byId.get(id)?.name).toBe(name);
  // Last writer wins on the shared job: what is left is one of the accepted writes.
  expect(acceptedShared).toContain(byId.get(shared)?.name);
  const usages = new Set(state.jobs.jobPartUsages.map((u) => u.id));
  expect(createdUsages.filter((id) => !usages.has(id))).toEqual([]);
  expect(createdUsages.length + acceptedShared.length + lastOwn.size).toBeGreaterThan(0);
  expect(validateDataSet(state)).toEqual([]);
});

it('lets exactly one of two writers with the same ETag win and answers the other 409', async () => {
  const session = 'if-match';
  const id = seed.jobs.jobs[0]?.id ?? '';
  for (let round = 0; round < 15; round++) {
    const { body, etag } = await readJob(session, id);
    const replies = await Promise.all(
      ['a', 'b'].map((who) =>
        putJob(session, id, { ...body, name: `${who} ${round}` }, { 'if-match': etag }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = replies.findIndex((r) => r.status === 200);
    const after = await readJob(session, id);
    expect(after.body.name).toBe(`${winner === 0 ? 'a' : 'b'} ${round}`);
    expect(JSON.parse(replies[1 - winner]?.text ?? '{}').RuleViolations?.[0]?.rule).toBe('JOB-CONCURRENCY');
  }
});

it('gives two writes in the same millisecond different ETags', () => {
  const state = mock.services.sessions.get('same-ms');
  const job = state.jobs.jobs.values().next().value;
  const user = [...state.jobs.users.values()].find((u) => !u.read_only);
  if (!job || !user) throw new Error('seed without a job or a writer');
  const { id, ...rest } = job;
  const body = { ...rest, id } as unknown as Parameters<typeof updateJob>[2];
  const now = new Date(Date.parse(job.modified_dateutc) + 1000).toISOString();
  const written = updateJob(state, id, body, { now, user, putMode: 'merge' });
  if (!written.ok) throw new Error(`refused: ${JSON.stringify(written.violations)}`);
  const first = written.value;
  const etag = `"${first.modified_dateutc}"`;
  const second = updateJob(state, id, body, { now, user, putMode: 'merge', ifMatch: etag });
  expect(second.ok && second.value.modified_dateutc).not.toBe(first.modified_dateutc);
  // The first ETag is stale now: the store refuses by rule JOB-CONCURRENCY (409 in x-rules).
  const stale = updateJob(state, id, body, { now, user, putMode: 'merge', ifMatch: etag });
  expect(stale.ok).toBe(false);
  expect(!stale.ok && stale.violations[0]?.rule).toBe('JOB-CONCURRENCY');
  expect(!stale.ok && stale.message).toMatch(/changed/);
});

it('keeps the number of sessions capped however many clients come', async () => {
  for (let i = 0; i < MAX_SESSIONS * 4; i++) {
    const r = await send(mock.url, {
      method: 'GET',
      path: `/api/Jobs(${seed.jobs.jobs[0]?.id})`,
      headers: { authorization: ADMIN, 'x-mock-session': `visitor-${i}` },
    });
    expect(r.status).toBe(200);
    expect(mock.services.sessions.list().length).toBeLessThanOrEqual(MAX_SESSIONS);
  }
  expect(mock.services.sessions.has('default')).toBe(true);
});

it('keeps the request log bounded by sessions and entries, also for refused session names', async () => {
  for (let i = 0; i < MAX_SESSIONS * 4; i++) {
    for (const name of [`logger-${i}`, `bad name ${i}`]) {
      await send(mock.url, {
        method: 'GET',
        path: '/api/Jobs(x)',
        headers: { authorization: ADMIN, 'x-mock-session': name },
      });
    }
  }
  expect(mock.services.log.sessionCount).toBeLessThanOrEqual(MAX_SESSIONS + 2);
  expect(mock.services.log.recent(undefined, 100_000).length).toBeLessThanOrEqual(
    (MAX_SESSIONS + 2) * LOG_SIZE,
  );
});
