// How each server under test is started: the mock through its CLI, the bare Express server,
// Prism through npx with its default settings (and once more with `-v error`).
import { setTimeout as sleep } from 'node:timers/promises';
import { type ChildServer, freePort, startChild } from './child-server.ts';

export const SPECS = { jobs: 'spec/jobs.openapi.yaml', nextgen: 'spec/nextgen.openapi.yaml' } as const;

type MockStart = ChildServer & { readyMs: number | undefined };

/** `wo-mock` as a user runs it; `jobs` undefined keeps the CLI's default data set. */
export async function startMockServer(
  jobs: number | undefined,
  seed: number,
  extraArgs: string[] = [],
): Promise<MockStart> {
  const args = [
    '--import',
    'tsx',
    'mock/cli.ts',
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--seed',
    String(seed),
  ];
  if (jobs !== undefined) args.push('--jobs', String(jobs));
  args.push(...extraArgs);
  const server = await startChild({
    name: `wo-mock-${jobs ?? 'default'}`,
    command: process.execPath,
    args,
    ready: /wo-mock listening on (http:\/\/\S+)/,
    timeoutMs: 300_000,
  });
  // The CLI prints its own start-up time on the next line.
  let readyMs: number | undefined;
  for (let waited = 0; waited < 2000 && readyMs === undefined; waited += 20) {
    const match = /ready in (\d+) ms/.exec(server.output());
    if (match) readyMs = Number(match[1]);
    else await sleep(20);
  }
  return { ...server, readyMs };
}

export function startBareExpress(bodyFile: string): Promise<ChildServer> {
  return startChild({
    name: 'bare-express',
    command: process.execPath,
    args: ['--import', 'tsx', 'bench/bare-express.ts', '--body-file', bodyFile],
    ready: /bare-express listening on (http:\/\/\S+)/,
  });
}

/** Prism's static mock of one spec; `quiet` adds `-v error` (no log line per request). */
export async function startPrism(spec: keyof typeof SPECS, quiet: boolean): Promise<ChildServer> {
  const port = await freePort();
  const args = ['prism', 'mock', '-h', '127.0.0.1', '-p', String(port)];
  if (quiet) args.push('-v', 'error');
  args.push(SPECS[spec]);
  // With -v error Prism prints no "listening" line: wait for the port to accept connections.
  return startChild({
    name: `prism-${spec}${quiet ? '-quiet' : ''}`,
    command: 'npx',
    args,
    port,
    timeoutMs: 120_000,
  });
}
