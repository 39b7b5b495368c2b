import { expect, it } from 'vitest';
import type { DataSet, Job } from '../../generators/fixtures/data-set.ts';
import { generateDataSet } from '../../generators/fixtures/generate.ts';
import type { ChangeRecord, MockState } from './mock-state.ts';
import { deepFreeze, Sessions, StateBoundError } from './sessions.ts';
import type { StateLog } from './state-log.ts';

const seed: DataSet = generateDataSet({ seed: 6, jobs: 20 });
const jobOf = (s: MockState) => [...s.jobs.jobs.values()][0] as Job;
const rename = (s: MockState, name: string) => {
  const job = jobOf(s);
  s.setJob({ ...job, name });
  s.touch({ jobs: [job.id] });
  return job.id;
};

/** A log whose appends wait until the test releases them, and that can answer 'conflict'. */
function heldLog() {
  const appended: { session: string; record: ChangeRecord }[] = [];
  const waiting: ((r: 'ok' | 'conflict') => void)[] = [];
  const log: StateLog = {
    kind: 'memory',
    append: (session, record) =>
      new Promise((resolve) => {
        waiting.push((r) => {
          if (r === 'ok') appended.push({ session, record });
          resolve(r);
        });
      }),
    admin: async () => {},
    close: async () => {},
  };
  const release = async (r: 'ok' | 'conflict') => {
    for (let i = 0; i < 20 && waiting.length === 0; i++) await Promise.resolve();
    (waiting.shift() as (r: 'ok' | 'conflict') => void)(r);
  };
  return { log, appended, release };
}

it('commits each request as one record, in order, and a read waits for the commit in flight', async () => {
  const { log, appended, release } = heldLog();
  const sessions = new Sessions(seed, { maxSessions: 5, idleMs: 1000, log });
  const state = await sessions.open('a');
  const id = rename(state, 'one');
  const first = sessions.commit('a', state);
  let opened = false;
  const reading = sessions.open('a').then(() => {
    opened = true;
  });
  await Promise.resolve();
  expect(opened).toBe(false);
  await release('ok');
  expect(await first).toBe('ok');
  await reading;
  expect(opened).toBe(true);
  expect(appended).toHaveLength(1);
  expect(appended[0]?.record.c[0]?.[1]).toBe(id);
  expect(await sessions.commit('a', state)).toBe('ok');
  expect(appended).toHaveLength(1);
});

it("undoes a conflicting commit and every later one of the session, which answer 'conflict' too", async () => {
  const { log, appended, release } = heldLog();
  const sessions = new Sessions(seed, { maxSessions: 5, idleMs: 1000, log });
  const state = await sessions.open('a');
  const original = jobOf(state).name;
  rename(state, 'first');
  const first = sessions.commit('a', state);
  rename(state, 'second');
  const second = sessions.commit('a', state);
  await release('conflict');
  expect(await first).toBe('conflict');
  expect(await second).toBe('conflict');
  expect(jobOf(state).name).toBe(original);
  expect(appended).toHaveLength(0);
  sessions.rollback('a', state);
  rename(state, 'retried');
  const retried = sessions.commit('a', state);
  await release('ok');
  expect(await retried).toBe('ok');
  expect(jobOf(state).name).toBe('retried');
});

it('rollback undoes what a failed handler wrote and did not commit', async () => {
  const sessions = new Sessions(seed, { maxSessions: 5, idleMs: 1000 });
  const state = await sessions.open('a');
  const original = jobOf(state).name;
  rename(state, 'half done');
  sessions.rollback('a', state);
  expect(jobOf(state).name).toBe(original);
  expect(state.changeCount).toBe(0);
});

it('undoes the changes and throws when the log fails, so nothing unsaved is shown', async () => {
  const log: StateLog = {
    kind: 'file',
    append: async () => {
      throw new Error('disk full');
    },
    admin: async () => {},
    close: async () => {},
  };
  const sessions = new Sessions(seed, { maxSessions: 5, idleMs: 1000, log });
  const state = await sessions.open('a');
  const original = jobOf(state).name;
  rename(state, 'lost');
  await expect(sessions.commit('a', state)).rejects.toThrow('disk full');
  expect(jobOf(state).name).toBe(original);
});

it('refuses a write past the bound of changed records (503 naming it) and keeps the old ones', async () => {
  const sessions = new Sessions(seed, { maxSessions: 5, idleMs: 1000, maxChanges: 1 });
  const a = await sessions.open('a');
  rename(a, 'kept');
  expect(await sessions.commit('a', a)).toBe('ok');
  const b = await sessions.open('b');
  const original = jobOf(b).name;
  rename(b, 'refused');
  const refused = await sessions.commit('b', b).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(StateBoundError);
  expect((refused as StateBoundError).status).toBe(503);
  expect((refused as StateBoundError).message).toMatch(/--max-changes 1/);
  expect(jobOf(b).name).toBe(original);
  expect(jobOf(await sessions.open('a')).name).toBe('kept');
});

it('makes room by forgetting sessions without changes, never one with changes', async () => {
  let now = 0;
  const sessions = new Sessions(seed, { maxSessions: 3, idleMs: 1000, now: () => now });
  const a = await sessions.open('a');
  rename(a, 'written');
  await sessions.commit('a', a);
  await sessions.open('b');
  now = 10;
  await sessions.open('c');
  expect(sessions.has('b')).toBe(false);
  expect(sessions.has('a')).toBe(true);
  const c = await sessions.open('c');
  rename(c, 'written too');
  await sessions.commit('c', c);
  // A session beyond the bound reads the seed; its write is refused and leaves nothing behind.
  const d = await sessions.open('d');
  expect(jobOf(d).name).toBe(seed.jobs.jobs[0]?.name);
  rename(d, 'refused');
  await expect(sessions.commit('d', d)).rejects.toThrow(/--max-sessions 3/);
  expect(jobOf(d).name).toBe(seed.jobs.jobs[0]?.name);
  expect(sessions.has('d')).toBe(false);
  expect(jobOf(await sessions.open('a')).name).toBe('written');
});

it('answers conflict for a commit of a state that a reset replaced meanwhile', async () => {
  const sessions = new Sessions(seed, { maxSessions: 5, idleMs: 1000 });
  const state = await sessions.open('a');
  rename(state, 'orphan');
  await sessions.reset('a');
  expect(await sessions.commit('a', state)).toBe('conflict');
  expect(jobOf(await sessions.open('a')).name).toBe(seed.jobs.jobs[0]?.name);
});

it('freezes every object and array of a data set, however deep', () => {
  const value = { a: [{ b: { c: [1, { d: 2 }] } }], e: 'text' };
  deepFreeze(value);
  const c = value.a[0]?.b.c as unknown[];
  for (const part of [value, value.a, value.a[0], value.a[0]?.b, c, c[1]])
    expect(Object.isFrozen(part)).toBe(true);
});
