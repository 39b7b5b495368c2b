// The servers under test run as child processes, each in its own process group, so that stopping
// one also stops what it started (`npx prism` is npm, then a shell or node, then Prism itself).
// Their output goes to a log file, not a pipe: reading Prism's per-request log would cost the
// load generator, which shares this process, CPU time.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stripVTControlCharacters } from 'node:util';

export type ChildServer = {
  name: string;
  url: string;
  /** The process that holds the listening socket: the one whose memory counts. */
  pid: number;
  /** From spawn to the ready line (or to the first accepted connection). */
  startMs: number;
  /** What the server printed so far. */
  output(): string;
  stop(): Promise<void>;
};

type StartSpec = {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  /** A line that says the server is ready; its first group, when any, is the URL. */
  ready?: RegExp;
  /** Without `ready`: the port to poll until it accepts connections. */
  port?: number;
  timeoutMs?: number;
};

const groups = new Set<number>();
let logDir: string | undefined;

function logFile(name: string): string {
  logDir ??= mkdtempSync(join(tmpdir(), 'wo-bench-'));
  return join(logDir, `${name.replace(/[^A-Za-z0-9._-]/g, '_')}-${Date.now()}.log`);
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopGroup(pgid: number): Promise<void> {
  if (!groups.has(pgid)) return;
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    // Already gone.
  }
  for (let waited = 0; waited < 3000 && groupAlive(pgid); waited += 50) await sleep(50);
  if (groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Gone in between.
    }
  }
  groups.delete(pgid);
}

/** Stops every child this process started. */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...groups].map(stopGroup));
  if (logDir) rmSync(logDir, { recursive: true, force: true });
  logDir = undefined;
}

/** Last resort on process exit, where nothing asynchronous runs any more. */
function killAllChildrenSync(): void {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  groups.clear();
  if (logDir) rmSync(logDir, { recursive: true, force: true });
}

let handlersInstalled = false;
/** Ctrl-C, SIGTERM and a crash of the harness stop the children too. */
export function installCleanupHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killAllChildrenSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (groups.size > 0) process.stderr.write(`\nbench: ${signal}, stopping the servers\n`);
      void stopAllChildren().finally(() => process.exit(130));
    });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The process of a group that holds the socket listening on `port` (from /proc; Linux only). */
function listeningPid(pgid: number, port: number): number | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is cols[1] (addr:port), st is cols[3] (0A = LISTEN), inode is cols[9].
      if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A' && cols[9]) inodes.add(`socket:[${cols[9]}]`);
    }
  }
  if (inodes.size === 0) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 5 of stat is the process group; the command name (field 2) may hold spaces, so split after ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      for (const fd of readdirSync(`/proc/${entry}/fd`)) {
        if (inodes.has(readlinkSync(`/proc/${entry}/fd/${fd}`))) return Number(entry);
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

/** Spawns a program in its own process group, its output in a log file; stopped with the others on Ctrl-C. */
function spawnLogged(
  spec: Pick<StartSpec, 'name' | 'command' | 'args' | 'cwd'>,
  env: Record<string, string>,
) {
  installCleanupHandlers();
  const file = logFile(spec.name);
  const fd = openSync(file, 'w');
  const started = performance.now();
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd ?? process.cwd(),
    stdio: ['ignore', fd, fd],
    detached: true,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
  });
  closeSync(fd);
  const pgid = child.pid;
  if (pgid === undefined) throw new Error(`${spec.name}: could not start ${spec.command}`);
  groups.add(pgid);
  return { file, started, child, pgid };
}

/** Starts a server and waits until it is ready; the failure message carries its output. */
export async function startChild(spec: StartSpec): Promise<ChildServer> {
  const { file, started, child, pgid } = spawnLogged(spec, {});
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? `code ${code}`}`;
  });
  const output = () => {
    try {
      return stripVTControlCharacters(readFileSync(file, 'utf8'));
    } catch {
      return '';
    }
  };
  const timeoutMs = spec.timeoutMs ?? 60_000;
  let url: string | undefined;
  while (url === undefined) {
    if (spec.ready) {
      const match = spec.ready.exec(output());
      if (match) url = match[1] ?? `http://127.0.0.1:${spec.port}`;
    } else if (spec.port !== undefined && (await accepts(spec.port))) {
      url = `http://127.0.0.1:${spec.port}`;
    }
    if (url !== undefined) break;
    const failure =
      exited ?? (performance.now() - started > timeoutMs ? `not ready within ${timeoutMs} ms` : undefined);
    if (failure) {
      await stopGroup(pgid);
      throw new Error(`${spec.name} ${failure}. Its output:\n${output().slice(-2000)}`);
    }
    await sleep(10);
  }
  const startMs = performance.now() - started;
  const port = Number(new URL(url).port);
  return {
    name: spec.name,
    url,
    pid: listeningPid(pgid, port) ?? pgid,
    startMs,
    output,
    stop: () => stopGroup(pgid),
  };
}

type Finished = { exitCode: number | null; signal: string | null; wallMs: number; output: string };

/** Runs a program to its end (its own process group, stopped with the others on Ctrl-C). */
export async function runToEnd(
  spec: Omit<StartSpec, 'ready' | 'port'> & { timeoutMs: number },
): Promise<Finished> {
  const { file, started, child, pgid } = spawnLogged(spec, { CI: 'true' });
  const timer = setTimeout(() => void stopGroup(pgid), spec.timeoutMs);
  const [exitCode, signal] = (await new Promise((resolve) =>
    child.once('exit', (code, sig) => resolve([code, sig])),
  )) as [number | null, string | null];
  const wallMs = performance.now() - started;
  clearTimeout(timer);
  await stopGroup(pgid);
  return { exitCode, signal, wallMs, output: stripVTControlCharacters(readFileSync(file, 'utf8')) };
}
