// Child processes for the tests of the package's commands (CLI, npm scripts, packed tarball): each
// in its own process group, so that stopping one stops what it started (npm, a shell, tsx, node).
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

type Finished = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

type Running = {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in stdout + stderr; rejects on exit or after timeoutMs. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  exited: Promise<Finished>;
  /** After exit and the end of its output (stdout and stderr complete). */
  closed: Promise<Finished>;
  /** Sends `signal` to the whole group, SIGKILL after 5 s; resolves when the direct child has exited. */
  stop(signal?: NodeJS.Signals): Promise<Finished>;
};

const live = new Set<number>();
process.on('exit', () => {
  for (const pgid of live) killGroup(pgid, 'SIGKILL');
});

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

export function start(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Running {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pgid = child.pid as number;
  live.add(pgid);
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
    for (const l of listeners) l();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const l of listeners) l();
  });
  // 'exit', not 'close': a grandchild that keeps the pipes open must not hold up a test of its parent.
  const exited = new Promise<Finished>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  const closed = new Promise<Finished>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  const output = () => stdout + stderr;
  return {
    child,
    output,
    exited,
    closed,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(output());
          if (!m) return;
          done();
          resolve(m);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${output().slice(-2000)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exited.then(() => {
          if (!listeners.has(check)) return;
          done();
          reject(new Error(`exited before ${pattern}; output:\n${output().slice(-2000)}`));
        });
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      killGroup(pgid, signal);
      const force = setTimeout(() => killGroup(pgid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(force);
      // Whatever of the group outlived its leader.
      killGroup(pgid, 'SIGKILL');
      live.delete(pgid);
      return exited;
    },
  };
}

/** Runs a command to its end (killed after timeoutMs). */
export async function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<Finished> {
  const r = start(command, args, options);
  const timer = setTimeout(() => void r.stop('SIGKILL'), options.timeoutMs ?? 60_000);
  const result = await r.closed;
  clearTimeout(timer);
  live.delete(r.child.pid as number);
  return result;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** True while some process still has `pid` (0 signal: a check, not a kill). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
