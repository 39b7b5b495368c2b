import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Job } from '../../generators/fixtures/data-set.ts';
import { generateDataSet } from '../../generators/fixtures/generate.ts';
import {
  decodeLine,
  encodeLine,
  type FileLayer,
  type FileLog,
  openFileLog,
  stateFileProblem,
} from './file-journal.ts';
import type { ChangeRecord } from './mock-state.ts';
import { Sessions, type StateBoundError } from './sessions.ts';

const dir = mkdtempSync(join(tmpdir(), 'wo-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SEED = { seed: 8, jobs: 10 };
const record = (i: number): ChangeRecord => ({
  c: [['jobs.jobs', `job-${i}`, { id: `job-${i}`, n: i }]],
  j: [`job-${i}`],
});

async function open(path: string, options: Parameters<typeof openFileLog>[2] = {}): Promise<FileLog> {
  const opened = await openFileLog(path, SEED, options);
  if (!opened.ok) throw new Error(opened.error);
  return opened.log;
}

it('encodes a record as one checksummed line and refuses a line that was cut or changed', () => {
  const line = encodeLine({ a: 'é' }).trimEnd();
  expect(decodeLine(line)).toEqual({ a: 'é' });
  expect(decodeLine(line.slice(0, -1))).toBeUndefined();
  expect(decodeLine(line.replace('é', 'e'))).toBeUndefined();
});

it('acknowledges every commit only after the sync that covers it, and concurrent commits share syncs', async () => {
  const events: string[] = [];
  let releaseSync: (() => void) | undefined;
  const files: FileLayer = {
    openAppend: async () => ({
      write: async (text) => {
        const ids = [...text.matchAll(/job-(\d+)"/g)].map((m) => m[1]);
        events.push(`write ${[...new Set(ids)].join(',')}`);
      },
      sync: () =>
        new Promise<void>((resolve) => {
          events.push('sync start');
          releaseSync = () => {
            events.push('sync end');
            resolve();
          };
        }),
      close: async () => {},
    }),
  };
  const log = await open(join(dir, 'fake.state'), { files });
  const acks = Array.from({ length: 12 }, (_, i) =>
    log.append('s', record(i)).then(() => events.push(`ack ${i}`)),
  );
  // Let the first group reach its sync, then release syncs one by one while more commits queue.
  for (let round = 0; round < 20 && events.filter((e) => e.startsWith('ack')).length < 12; round++) {
    for (let i = 0; i < 5 && !releaseSync; i++) await new Promise((r) => setImmediate(r));
    const release = releaseSync;
    releaseSync = undefined;
    release?.();
    await new Promise((r) => setImmediate(r));
  }
  await Promise.all(acks);
  for (let i = 0; i < 12; i++) {
    const ack = events.indexOf(`ack ${i}`);
    const write = events.findIndex(
      (e) => e.startsWith('write') && e.split(' ')[1]?.split(',').includes(String(i)),
    );
    const syncEnd = events.indexOf('sync end', write);
    expect(write).toBeGreaterThanOrEqual(0);
    expect(syncEnd).toBeGreaterThan(write);
    expect(ack).toBeGreaterThan(syncEnd);
  }
  expect(log.stats.records).toBe(12);
  expect(log.stats.syncs).toBeLessThan(12);
});

it('refuses every commit after a failed write or sync, and says why', async () => {
  const files: FileLayer = {
    openAppend: async () => ({
      write: async () => {},
      sync: async () => {
        throw new Error('ENOSPC: no space left on device');
      },
      close: async () => {},
    }),
  };
  const log = await open(join(dir, 'full.state'), { files });
  const refused = await log.append('s', record(1)).catch((e: unknown) => e);
  expect((refused as StateBoundError).status).toBe(503);
  expect((refused as Error).message).toMatch(/cannot be written \(ENOSPC/);
  await expect(log.append('s', record(2))).rejects.toThrow(/ENOSPC/);
});

it('cuts a torn last record back to the last whole one, says so, and keeps every whole record', async () => {
  const path = join(dir, 'torn.state');
  const log = await open(path);
  for (let i = 0; i < 5; i++) await log.append('s', record(i));
  const journal = join(dir, 'torn.state.journal.0');
  const whole = statSync(journal).size;
  appendFileSync(journal, encodeLine(record(5)).slice(0, 20));
  const warnings: string[] = [];
  const again = await open(path, { warn: (m) => warnings.push(m) });
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(/torn record .*cut back to the last whole record \(20 bytes dropped/);
  expect(statSync(journal).size).toBe(whole);
  expect([...(again.restored.sessions.get('s')?.changes.keys() ?? [])]).toHaveLength(5);
});

it('refuses a damaged record in the middle, and with --on-bad-state seed moves the files aside', async () => {
  const path = join(dir, 'damaged.state');
  const log = await open(path);
  for (let i = 0; i < 3; i++) await log.append('s', record(i));
  const journal = join(dir, 'damaged.state.journal.0');
  const text = readFileSync(journal, 'utf8').replace('job-1', 'jXb-1');
  writeFileSync(journal, text);
  const refused = await openFileLog(path, SEED);
  expect(refused.ok).toBe(false);
  expect(refused.ok ? '' : refused.error).toMatch(/damaged and whole records follow it/);
  expect(readFileSync(journal, 'utf8')).toBe(text);
  const warnings: string[] = [];
  const fresh = await open(path, { onBad: 'seed', warn: (m) => warnings.push(m), now: () => new Date(0) });
  expect(fresh.restored.sessions.size).toBe(0);
  expect(warnings[0]).toMatch(/moved aside to .*unreadable-1970-01-01T00-00-00-000Z/);
  const moved = readdirSync(dir).filter((n) => n.startsWith('damaged.state.journal.0.unreadable-'));
  expect(moved).toHaveLength(1);
  expect(readFileSync(join(dir, moved[0] as string), 'utf8')).toBe(text);
});

it('folds the journal into a snapshot when it grows, and a restart reads the same state', async () => {
  const path = join(dir, 'compact.state');
  const log = await open(path, { compactBytes: 400 });
  for (let i = 0; i < 20; i++) await log.append(`s${i % 3}`, record(i));
  await log.admin({ op: 'reset', s: 's2' });
  await log.append('s0', record(0));
  await log.close();
  const names = readdirSync(dir).filter((n) => n.startsWith('compact.state'));
  expect(names).toContain('compact.state');
  expect(names.filter((n) => n.includes('.journal.')).length).toBeLessThanOrEqual(1);
  const again = await open(path);
  expect([...again.restored.sessions.keys()].sort()).toEqual(['s0', 's1']);
  expect(again.restored.sessions.get('s0')?.changes.size).toBe(7);
  expect(again.restored.sessions.get('s1')?.changes.size).toBe(7);
});

it('restores sessions, imports and a re-seed into Sessions as they were written', async () => {
  const path = join(dir, 'restore.state');
  const seedData = generateDataSet({ seed: SEED.seed, jobs: SEED.jobs });
  const log = await open(path);
  const sessions = new Sessions(seedData, { maxSessions: 10, idleMs: 1000, log });
  const state = await sessions.open('a');
  const job = [...state.jobs.jobs.values()][0] as Job;
  state.setJob({ ...job, name: 'journalled' });
  state.touch({ jobs: [job.id] });
  expect(await sessions.commit('a', state)).toBe('ok');
  await sessions.replace('b', generateDataSet({ seed: 99, jobs: 3 }));
  await log.close();
  const again = await open(path);
  const restored = new Sessions(seedData, { maxSessions: 10, idleMs: 1000, log: again });
  again.attach(restored);
  expect(restored.get('a').jobs.jobs.get(job.id)?.name).toBe('journalled');
  expect(restored.get('b').jobs.jobs.size).toBe(3);
  expect(restored.get('b').seed).toBe(99);
});

it('names a state file that cannot be journalled before the mock starts, and accepts one that can', async () => {
  expect(await stateFileProblem(join(dir, 'missing', 'x.json'))).toMatch(/folder .*missing does not exist/);
  expect(await stateFileProblem(dir)).toMatch(/is a folder; pass a file path/);
  expect(await stateFileProblem(join(dir, 'fine.json'))).toBeUndefined();
});
