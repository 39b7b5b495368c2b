// Faults (issue 6): a state file survives SIGKILL in the middle of saving, a bad one on start is
// refused with a clear message (exit 2) or replaced by the seed on request, and SIGTERM lets the
// requests in flight finish and saves the state. Real processes, spawned and killed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect, it } from 'vitest';
import type { DataSet } from '../../generators/fixtures/data-set.ts';
import { loadStateFile, STATE_FILE_FORMAT } from '../state/state-file.ts';
import { ADMIN, asPutBody } from '../testing/client.ts';
import { closeClients, ROOT, type SpawnedMock, send, spawnCli } from './harness.ts';

const KILL_CYCLES = Number(process.env.CRASH_CYCLES ?? 8);
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

async function firstJob(url: string): Promise<{ id: string; body: Record<string, unknown> }> {
  const list = await send(url, {
    method: 'GET',
    path: '/api/JobsView?$top=1&$select=id',
    headers: { authorization: `Basic ${Buffer.from('contact1:demo@demo').toString('base64')}` },
  });
  const id = (JSON.parse(list.text) as { value: { id: string }[] }).value[0]?.id ?? '';
  const r = await send(url, { method: 'GET', path: `/api/Jobs(${id})`, headers: { authorization: ADMIN } });
  const body = asPutBody(JSON.parse(r.text));
  return { id, body };
}

const rename = (url: string, id: string, body: Record<string, unknown>, name: string) =>
  send(url, {
    method: 'PUT',
    path: `/api/Jobs(${id})`,
    headers: { authorization: ADMIN, 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, name }),
  });

const savedName = (path: string, id: string) => {
  const loaded = loadStateFile(path);
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.state.sessions.default?.jobs.jobs.find((j) => j.id === id)?.name;
};

it('leaves a loadable state file however often a saving process is killed with SIGKILL', async () => {
  const path = join(dir, 'killed.json');
  const seen = new Set<number>();
  for (let cycle = 0; cycle < KILL_CYCLES; cycle++) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'mock/reliability/save-loop.ts', path], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => c.toString().includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`save loop ended (${code}) before saving`)));
    });
    await sleep(20 + Math.floor(Math.random() * 300));
    const ended = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await ended;
    const loaded = loadStateFile(path);
    expect(loaded.ok, loaded.ok ? '' : loaded.error).toBe(true);
    if (loaded.ok) seen.add(Object.keys(loaded.state.sessions).length);
  }
  // The file is always one whole save; the temporary files of killed savers are not it.
  expect([...seen].every((n) => n >= 1 && n <= 4)).toBe(true);
  expect(readdirSync(dir).filter((f) => f === 'killed.json')).toHaveLength(1);
}, 120_000);

it('refuses a corrupt state file on start with a clear message and exit code 2', async () => {
  const path = join(dir, 'corrupt.json');
  writeFileSync(path, '{"format":"work-order-contracts/state@1","seed":1,"sessions":{"default":{"jo');
  const mock = cli(['--state-file', path]);
  expect(await mock.exit).toBe(2);
  expect(mock.stderr()).toMatch(/cannot load the state file: .*corrupt\.json is not valid JSON/);
  expect(mock.stderr()).toMatch(/--on-bad-state seed/);
});

it('refuses a state file of another format or shape with exit code 2', async () => {
  const cases: [string, RegExp][] = [
    ['{"format":"work-order-contracts/state@0","sessions":{}}', /has format 'work-order-contracts\/state@0'/],
    [`{"format":"${STATE_FILE_FORMAT}","seed":1,"sessions":[]}`, /sessions is missing or not an object/],
    [`{"format":"${STATE_FILE_FORMAT}","seed":1,"sessions":{"default":5}}`, /not an exported state/],
    [
      `{"format":"${STATE_FILE_FORMAT}","seed":1,"sessions":{"default":{"seed":1,"jobs":{"jobs":{}},"nextgen":{}}}}`,
      /wrong shape|inconsistent/,
    ],
  ];
  await Promise.all(
    cases.map(async ([text, message], i) => {
      const path = join(dir, `bad-${i}.json`);
      writeFileSync(path, text);
      const mock = cli(['--state-file', path]);
      expect(await mock.exit).toBe(2);
      expect(mock.stderr()).toMatch(message);
    }),
  );
});

it('starts from the seed over a corrupt state file with --on-bad-state seed', async () => {
  const path = join(dir, 'reseeded.json');
  writeFileSync(path, 'not json at all');
  const mock = cli(['--state-file', path, '--on-bad-state', 'seed']);
  const url = await mock.url;
  expect(mock.stderr()).toMatch(/starting from the seed/);
  const { id } = await firstJob(url);
  expect(
    (await send(url, { method: 'GET', path: `/api/Jobs(${id})`, headers: { authorization: ADMIN } })).status,
  ).toBe(200);
  mock.child.kill('SIGTERM');
  expect(await mock.exit).toBe(0);
  expect(loadStateFile(path).ok).toBe(true);
});

it('finishes a request in flight on SIGTERM and saves the state before it exits', async () => {
  const path = join(dir, 'graceful.json');
  const mock = cli(['--state-file', path]);
  const url = await mock.url;
  const { id, body } = await firstJob(url);
  expect((await rename(url, id, body, 'before shutdown')).status).toBe(200);
  const slow = send(url, {
    method: 'GET',
    path: `/api/Jobs(${id})`,
    headers: { authorization: ADMIN, prefer: 'delay=800' },
  });
  await sleep(200);
  mock.child.kill('SIGTERM');
  const reply = await slow;
  expect(reply.status).toBe(200);
  expect(JSON.parse(reply.text).name).toBe('before shutdown');
  expect(await mock.exit).toBe(0);
  expect(mock.stdout()).toMatch(/state saved to/);
  expect(savedName(path, id)).toBe('before shutdown');
});

it('saves the state about a second after a write, so SIGKILL loses no more than that', async () => {
  const path = join(dir, 'autosaved.json');
  const mock = cli(['--state-file', path]);
  const url = await mock.url;
  const { id, body } = await firstJob(url);
  expect((await rename(url, id, body, 'autosaved')).status).toBe(200);
  let name: string | undefined;
  for (let i = 0; i < 50 && name !== 'autosaved'; i++) {
    await sleep(100);
    name = loadStateFile(path).ok ? savedName(path, id) : undefined;
  }
  mock.child.kill('SIGKILL');
  await mock.exit;
  expect(savedName(path, id)).toBe('autosaved');
});

it('keeps what the last run saved when it starts again from the state file', async () => {
  const path = join(dir, 'restart.json');
  const first = cli(['--state-file', path]);
  const url = await first.url;
  const { id, body } = await firstJob(url);
  await rename(url, id, body, 'kept across restarts');
  first.child.kill('SIGINT');
  expect(await first.exit).toBe(0);
  const second = cli(['--state-file', path]);
  const again = await send(await second.url, {
    method: 'GET',
    path: `/api/Jobs(${id})`,
    headers: { authorization: ADMIN },
  });
  expect(JSON.parse(again.text).name).toBe('kept across restarts');
  expect(second.stdout()).toMatch(/state loaded from/);
  second.child.kill('SIGTERM');
  await second.exit;
  const data = (loadStateFile(path) as { ok: true; state: { sessions: Record<string, DataSet> } }).state;
  expect(Object.keys(data.sessions)).toContain('default');
});
