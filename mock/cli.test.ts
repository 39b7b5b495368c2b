// The first-day mistakes, as a user meets them: the CLI spawned, one line on stderr saying what is
// wrong and what to do, exit 2, no stack trace.
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, start } from '../scripts/child.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const cli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'mock/cli.ts', ...args], { cwd: ROOT, timeoutMs: 30_000 });

function expectOneLine(r: { code: number | null; stderr: string; stdout: string }, ...parts: RegExp[]) {
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  for (const p of parts) expect(lines[0]).toMatch(p);
  expect(r.stdout).toBe('');
}

let busy: Server;
let busyPort: number;
beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

describe('one line, exit 2', () => {
  it('a port in use says so and offers --port 0', async () => {
    expectOneLine(
      await cli('--port', String(busyPort)),
      new RegExp(`port ${busyPort} is in use`),
      /--port 0/,
    );
  });
  it('a host that is not on this machine', async () => {
    expectOneLine(await cli('--host', '192.0.2.1', '--port', '0'), /192\.0\.2\.1/, /--host 127\.0\.0\.1/);
  });
  it('a host that is not an address nor a name', async () => {
    expectOneLine(await cli('--host', 'no host!'), /--host must be an IP address or a host name/);
  });
  it('a negative number of jobs', async () => {
    expectOneLine(await cli('--jobs', '-5'), /--jobs must be a whole number from 0 to/, /'-5'/);
  });
  it('a port that is not a number', async () => {
    expectOneLine(
      await cli('--port', 'abc'),
      /--port must be a whole number from 0 to 65535 \(0 for a free port\)/,
    );
  });
  it('an unknown option', async () => {
    expectOneLine(await cli('--prot', '4010'), /unknown option '--prot'/, /--help/);
  });
  it('an option without its value', async () => {
    expectOneLine(await cli('--port'), /--port needs a value/);
  });
  it('a state file in a folder that does not exist, before listening', async () => {
    expectOneLine(
      await cli('--state-file', '/nonexistent/dir/x.json', '--port', '0'),
      /the folder \/nonexistent\/dir does not exist/,
      /create it/,
    );
  });
  it('a CORS value that is not an origin', async () => {
    expectOneLine(
      await cli('--cors', 'not an origin', '--port', '0'),
      /--cors must be \* or an origin/,
      /'not an origin'/,
    );
  });
  it('a value the option does not take', async () => {
    expectOneLine(await cli('--put-mode', 'upsert'), /--put-mode must be replace or merge/);
  });
});

it('stops with exit 0 on a SIGTERM sent as soon as it says it listens', async () => {
  const mock = start(process.execPath, ['--import', 'tsx', 'mock/cli.ts', '--port', '0', '--jobs', '5'], {
    cwd: ROOT,
  });
  try {
    await mock.waitFor(/wo-mock listening on http:\/\/127\.0\.0\.1:\d+/, 30_000);
    // At once: the handlers must be in place before the ready line (a process manager signals then).
    mock.child.kill('SIGTERM');
    const done = await mock.exited;
    expect(done.code).toBe(0);
  } finally {
    await mock.stop();
  }
});

it('npm start passes a SIGTERM to the mock, which stops and leaves nothing listening', async () => {
  const npm = start('npm', ['start', '--', '--port', '0', '--jobs', '5'], { cwd: ROOT });
  try {
    const [, url] = await npm.waitFor(/wo-mock listening on (http:\/\/127\.0\.0\.1:\d+)/, 30_000);
    process.kill(npm.child.pid as number, 'SIGTERM');
    await npm.exited;
    await npm.waitFor(/wo-mock: SIGTERM/, 5_000);
    for (let i = 0; i < 50; i++) {
      const up = await fetch(`${url}/docs`).then(
        () => true,
        () => false,
      );
      if (!up) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${url} still answers after npm stopped`);
  } finally {
    await npm.stop('SIGKILL');
  }
});
