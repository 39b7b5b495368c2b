// Faults (issues 6, 12): with --state-file every acknowledged write survives SIGKILL (the journal
// is fsynced before the answer), a torn last record is cut back and the start says so, a bad state
// file is refused with a clear message (exit 2) or moved aside (never overwritten), and SIGTERM
// lets the requests in flight finish. Real processes, spawned and killed.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect, it } from 'vitest';
import { openFileLog } from '../state/file-journal.ts';
import { ADMIN, asPutBody } from '../testing/client.ts';
import { closeClients, ROOT, type SpawnedMock, send, spawnCli } from './harness.ts';

const KILL_CYCLES = Number(process.env.CRASH_CYCLES ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'wo-mock-crash-'));
const spawned: SpawnedMock[] = [];

afterAll(() => {
  for (const s of spawned) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  closeClients();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[]) => {
  const s = spawnCli(['--jobs', '20', '--seed', '9', ...args]);
  spawned.push(s);
  return s;
};

async function jobs(url: string, count: number): Promise<{ id: string; body: Record<string, unknown> }[]> {
  const list = await send(url, {
    method: 'GET',
    path: `/api/JobsView?$top=${count}&$select=id`,
    headers: { authorization: `Basic ${Buffer.from('contact1:demo@demo').toString('base64')}` },
  });
  const ids = (JSON.parse(list.text) as { value: { id: string }[] }).value.map((v) => v.id);
  return Promise.all(
    ids.map(async (id) => {
      const r = await send(url, {
        method: 'GET',
        path: `/api/Jobs(${id})`,
        headers: { authorization: ADMIN },
      });
      return { id, body: asPutBody(JSON.parse(r.text)) };
    }),
  );
}

const rename = (url: string, id: string, body: Record<string, unknown>, name: string) =>
  send(url, {
    method: 'PUT',
    path: `/api/Jobs(${id})`,
    headers: { authorization: ADMIN, 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, name }),
  });

const nameOf = async (url: string, id: string) =>
  JSON.parse(
    (await send(url, { method: 'GET', path: `/api/Jobs(${id})`, headers: { authorization: ADMIN } })).text,
  ).name as string;

it('keeps every acknowledged journal record however often the writer is killed with SIGKILL', async () => {
  const path = join(dir, 'killed.state');
  let acked = -1;
  for (let cycle = 0; cycle < KILL_CYCLES * 2; cycle++) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'mock/reliability/save-loop.ts', path], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('ready')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`save loop ended (${code}) before it was ready`)));
    });
    await sleep(50 + Math.floor(Math.random() * 300));
    const ended = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await ended;
    for (const m of out.matchAll(/acked (\d+)/g)) acked = Math.max(acked, Number(m[1]));
    const opened = await openFileLog(path, { seed: 5, jobs: 20 });
    expect(opened.ok, opened.ok ? '' : opened.error).toBe(true);
    if (!opened.ok) return;
    const kept = opened.log.restored.sessions.get('loop')?.changes;
    const lost = [];
    for (let n = 0; n <= acked; n++) if (!kept?.has(`jobs.jobs\u0000string:job-${n}`)) lost.push(n);
    expect(lost, `acknowledged records lost after cycle ${cycle}`).toEqual([]);
  }
  expect(acked).toBeGreaterThan(0);
  expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
}, 120_000);

it('loses no acknowledged PUT when the mock is killed with SIGKILL during writes', async () => {
  const path = join(dir, 'writes.state');
  const lastAcked = new Map<string, number>();
  const lastTried = new Map<string, number>();
  let targets: { id: string; body: Record<string, unknown> }[] = [];
  for (let cycle = 0; cycle < KILL_CYCLES; cycle++) {
    const mock = cli(['--state-file', path]);
    const url = await mock.url;
    if (targets.length === 0) targets = await jobs(url, 4);
    for (const { id } of targets) {
      const name = await nameOf(url, id);
      const n = Number(/^w(\d+)$/.exec(name)?.[1] ?? -1);
      // What the restarted mock holds is the last acknowledged write, or a later one that was
      // written but not yet answered when the process died.
      expect(n, `job ${id} after restart ${cycle}`).toBeGreaterThanOrEqual(lastAcked.get(id) ?? -1);
      expect(n).toBeLessThanOrEqual(lastTried.get(id) ?? -1);
    }
    let stop = false;
    const writers = targets.map(async ({ id, body }) => {
      for (let n = (lastTried.get(id) ?? -1) + 1; !stop; n++) {
        lastTried.set(id, n);
        const reply = await rename(url, id, body, `w${n}`).catch(() => undefined);
        if (reply?.status === 200) lastAcked.set(id, n);
        else break;
      }
    });
    await sleep(300 + Math.floor(Math.random() * 500));
    mock.child.kill('SIGKILL');
    stop = true;
    await mock.exit;
    await Promise.all(writers);
  }
  expect([...lastAcked.values()].some((n) => n > 0)).toBe(true);
}, 120_000);

it('cuts a torn last record back on start and says so on stderr', async () => {
  const path = join(dir, 'torn.state');
  const first = cli(['--state-file', path]);
  const url = await first.url;
  const [job] = await jobs(url, 1);
  if (!job) throw new Error('no job');
  expect((await rename(url, job.id, job.body, 'before the tear')).status).toBe(200);
  first.child.kill('SIGKILL');
  await first.exit;
  const journal = readdirSync(dir).find((f) => f.startsWith('torn.state.journal.'));
  appendFileSync(join(dir, journal as string), '0badc0de {"s":"default","c":[["jobs.jobs","x",');
  const second = cli(['--state-file', path]);
  const again = await second.url;
  expect(second.stderr()).toMatch(/torn record .*cut back to the last whole record/);
  expect(second.stderr().trim().split('\n')).toHaveLength(1);
  expect(await nameOf(again, job.id)).toBe('before the tear');
});

it('refuses an unreadable state file on start with a clear message and exit code 2, leaving it as it was', async () => {
  const cases: [string, RegExp][] = [
    ['not json at all', /line 1 is damaged/],
    ['{"format":"work-order-contracts/state@1","seed":1,"sessions":{"default":{"jo', /not valid JSON/],
    [
      '{"format":"work-order-contracts/state@1","seed":1,"sessions":[]}',
      /sessions is missing or not an object/,
    ],
  ];
  await Promise.all(
    cases.map(async ([text, message], i) => {
      const path = join(dir, `bad-${i}.state`);
      writeFileSync(path, text);
      const mock = cli(['--state-file', path]);
      expect(await mock.exit).toBe(2);
      expect(mock.stderr()).toMatch(/cannot load the state file/);
      expect(mock.stderr()).toMatch(message);
      expect(mock.stderr()).toMatch(/--on-bad-state seed/);
      expect(readFileSync(path, 'utf8')).toBe(text);
    }),
  );
});

it('moves an unreadable state file aside with --on-bad-state seed, never overwriting it', async () => {
  const path = join(dir, 'aside.state');
  writeFileSync(path, 'not json at all');
  const mock = cli(['--state-file', path, '--on-bad-state', 'seed']);
  const url = await mock.url;
  expect(mock.stderr()).toMatch(/moved aside to .*aside\.state\.unreadable-/);
  const [job] = await jobs(url, 1);
  if (!job) throw new Error('no job');
  expect((await rename(url, job.id, job.body, 'after the move')).status).toBe(200);
  mock.child.kill('SIGTERM');
  expect(await mock.exit).toBe(0);
  const aside = readdirSync(dir).filter((f) => f.startsWith('aside.state.unreadable-'));
  expect(aside).toHaveLength(1);
  expect(readFileSync(join(dir, aside[0] as string), 'utf8')).toBe('not json at all');
  const opened = await openFileLog(path, { seed: 9, jobs: 20 });
  expect(opened.ok && opened.log.restored.sessions.has('default')).toBe(true);
});

it('reads a state file of the previous format (one JSON document) and keeps its sessions', async () => {
  const path = join(dir, 'legacy.state');
  const { generateDataSet } = await import('../../generators/fixtures/generate.ts');
  const data = generateDataSet({ seed: 9, jobs: 20 });
  const job = data.jobs.jobs[0];
  if (!job) throw new Error('no job');
  data.jobs.jobs[0] = { ...job, name: 'from the old file' };
  writeFileSync(
    path,
    JSON.stringify({
      format: 'work-order-contracts/state@1',
      savedAt: '',
      seed: 9,
      sessions: { default: data },
    }),
  );
  const mock = cli(['--state-file', path]);
  const url = await mock.url;
  expect(await nameOf(url, job.id)).toBe('from the old file');
  expect(mock.stdout()).toMatch(/state loaded from/);
});

it('keeps a re-seed and a reset made through the admin API across a SIGKILL and restart', async () => {
  const path = join(dir, 'admin.state');
  const token = 'crash-test-admin';
  const first = cli(['--state-file', path, '--admin-token', token]);
  const url = await first.url;
  const admin = (p: string, body?: string) =>
    send(url, {
      method: 'POST',
      path: p,
      headers: { 'x-admin-token': token, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body } : {}),
    });
  expect((await admin('/__admin/reseed', JSON.stringify({ seed: 5, jobs: 7 }))).status).toBe(200);
  const [job] = await jobs(url, 1);
  if (!job) throw new Error('no job');
  expect((await rename(url, job.id, job.body, 'after the re-seed')).status).toBe(200);
  const other = { ...job.body, name: 'in a session' };
  expect(
    (
      await send(url, {
        method: 'PUT',
        path: `/api/Jobs(${job.id})`,
        headers: { authorization: ADMIN, 'content-type': 'application/json', 'x-mock-session': 'gone' },
        body: JSON.stringify(other),
      })
    ).status,
  ).toBe(200);
  expect((await admin('/__admin/reset?session=gone')).status).toBe(200);
  first.child.kill('SIGKILL');
  await first.exit;
  const second = cli(['--state-file', path]);
  const again = await second.url;
  for (let i = 0; i < 50 && !/work orders/.test(second.stdout()); i++) await sleep(20);
  expect(second.stdout()).toMatch(/seed 5, 7 work orders/);
  expect(await nameOf(again, job.id)).toBe('after the re-seed');
  const session = await send(again, {
    method: 'GET',
    path: `/api/Jobs(${job.id})`,
    headers: { authorization: ADMIN, 'x-mock-session': 'gone' },
  });
  expect(JSON.parse(session.text).name).not.toBe('in a session');
});

it('finishes a request in flight on SIGTERM, and a restart has every write', async () => {
  const path = join(dir, 'graceful.state');
  const mock = cli(['--state-file', path]);
  const url = await mock.url;
  const [job] = await jobs(url, 1);
  if (!job) throw new Error('no job');
  expect((await rename(url, job.id, job.body, 'before shutdown')).status).toBe(200);
  const slow = send(url, {
    method: 'GET',
    path: `/api/Jobs(${job.id})`,
    headers: { authorization: ADMIN, prefer: 'delay=800' },
  });
  await sleep(200);
  mock.child.kill('SIGTERM');
  const reply = await slow;
  expect(reply.status).toBe(200);
  expect(JSON.parse(reply.text).name).toBe('before shutdown');
  expect(await mock.exit).toBe(0);
  expect(mock.stdout()).toMatch(/state saved to/);
  const second = cli(['--state-file', path]);
  expect(await nameOf(await second.url, job.id)).toBe('before shutdown');
  expect(second.stdout()).toMatch(/state loaded from/);
  second.child.kill('SIGTERM');
  await second.exit;
});
