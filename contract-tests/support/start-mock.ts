// Starts the mock as a child process, as any user would (no import of mock/): the CLI prints
// "wo-mock listening on http://127.0.0.1:<port>" once ready.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type RunningServer = { baseUrl: string; stop: () => Promise<void> };

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Spawns a server and waits for the line that carries its URL; fails clearly after `timeoutMs`. */
export function startServer(
  command: string,
  args: string[],
  ready: RegExp,
  name: string,
  timeoutMs = 20_000,
): Promise<RunningServer> {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `${name} did not print its URL within ${timeoutMs / 1000} s. Output:\n${output.slice(-2000)}`,
        ),
      );
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ baseUrl: match[1], stop: () => stop(child) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready. Output:\n${output.slice(-2000)}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Data and PUT behaviour of the mock to start (its CLI options); seed 42 and its default size otherwise. */
export type MockData = { seed?: number; jobs?: number; putMode?: 'replace' | 'merge' };

export function startMock(data: MockData = {}): Promise<RunningServer> {
  const args = ['--seed', String(data.seed ?? 42)];
  if (data.jobs !== undefined) args.push('--jobs', String(data.jobs));
  if (data.putMode) args.push('--put-mode', data.putMode);
  return startServer(
    process.execPath,
    ['--import', 'tsx', 'mock/cli.ts', '--host', '127.0.0.1', '--port', '0', ...args],
    /wo-mock listening on (http:\/\/127\.0\.0\.1:\d+)/,
    'the mock (mock/cli.ts)',
  );
}
