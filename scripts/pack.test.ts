// The package as a frontend or QA repository gets it: `npm pack` (which builds), the tarball and
// msw installed into an empty project offline from npm's cache, then plain Node imports the mock,
// the clients, the suite and the MSW handlers (msw/node), a browser bundle of ./msw has nothing of
// Node, a strict TypeScript consumer type-checks, and the binaries run.
// Slow (a build and an install: about a minute here), bounded by its timeouts; runs in `npm test`.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { run, start } from './child.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONSUMER = fileURLToPath(new URL('./pack-consumer/', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
let work: string;
let app: string;

async function ok(command: string, args: string[], cwd: string, timeoutMs: number): Promise<string> {
  const r = await run(command, args, { cwd, timeoutMs });
  expect(r.code, `${command} ${args.join(' ')}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`).toBe(0);
  return r.stdout;
}

type LockEntry = {
  dev?: boolean;
  devOptional?: boolean;
  link?: boolean;
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

/**
 * The lock file of a project that depends on the tarball and on msw (the optional peer of ./msw):
 * their dependencies as this repository's lock file resolved them, in the same hoisted layout.
 */
function consumerLock(tarball: string, msw: string) {
  const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const dependencies = { 'work-order-contracts': tarball, msw };
  const packages: Record<string, unknown> = {
    '': { name: 'consumer', dependencies },
    'node_modules/work-order-contracts': {
      version: own.version,
      resolved: tarball,
      dependencies: own.dependencies,
      peerDependencies: own.peerDependencies,
      peerDependenciesMeta: own.peerDependenciesMeta,
      bin: own.bin,
      engines: own.engines,
    },
  };
  // Node's lookup: a dependency of the package at `from` is in its own node_modules, or above.
  const locate = (from: string, name: string): string | undefined => {
    for (let base = from; ; ) {
      const path = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
      if (lock.packages[path]) return path;
      if (base === '') return undefined;
      const up = base.lastIndexOf('/node_modules/');
      base = up < 0 ? '' : base.slice(0, up);
    }
  };
  const queue: [string, string][] = [
    ...Object.keys(own.dependencies as Record<string, string>).map((d): [string, string] => ['', d]),
    ['', 'msw'],
  ];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const path = locate(...next);
    if (!path || packages[path]) continue;
    const { dev: _dev, devOptional: _devOptional, ...entry } = lock.packages[path] as LockEntry;
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    // This repository's lock file leaves out the registry URLs (omit-lockfile-registry-resolved);
    // with them and the integrity, npm takes each tarball from its cache without asking the registry.
    const resolved = `https://registry.npmjs.org/${name}/-/${name.split('/').at(-1)}-${entry.version}.tgz`;
    packages[path] = { resolved, ...entry };
    for (const d of Object.keys({
      ...entry.dependencies,
      ...entry.optionalDependencies,
      ...entry.peerDependencies,
    }))
      queue.push([path, d]);
  }
  return { name: 'consumer', lockfileVersion: 3, requires: true, packages };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'wo-pack-'));
  app = join(work, 'app');
  await ok('npm', ['pack', '--silent', '--pack-destination', work], ROOT, 240_000);
  const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
  expect(tgz).toBeDefined();
  await ok('mkdir', ['-p', app], work, 5_000);
  for (const f of ['consumer.ts', 'run.mjs', 'tsconfig.json', 'page.mjs'])
    copyFileSync(join(CONSUMER, f), join(app, f));
  const tarball = `file:../${tgz}`;
  const msw = (
    JSON.parse(readFileSync(join(ROOT, 'node_modules/msw/package.json'), 'utf8')) as { version: string }
  ).version;
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      type: 'module',
      dependencies: { 'work-order-contracts': tarball, msw },
    }),
  );
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify(consumerLock(tarball, msw)));
  // Offline, from npm's cache: the consumer's lock file names the exact tarballs (by integrity) that
  // this repository's own install put there, so npm needs no registry metadata.
  await ok('npm', ['install', '--offline', '--no-audit', '--no-fund'], app, 240_000);
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

it('ships the compiled code, the specs and no TypeScript sources or tests', () => {
  const pkg = join(app, 'node_modules', 'work-order-contracts');
  const files = readdirSync(pkg, { recursive: true }) as string[];
  expect(files).toContain(join('dist', 'mock', 'server.js'));
  expect(files).toContain(join('spec', 'jobs.openapi.yaml'));
  expect(files).toContain(join('dist', 'spec', 'nextgen.openapi.yaml'));
  expect(files.filter((f) => /\.test\.|(?<!\.d)\.ts$/.test(f))).toEqual([]);
  expect(files.some((f) => f.startsWith('node_modules'))).toBe(false);
});

it('runs with plain Node: starts a mock, calls it through both typed clients, stops it', async () => {
  const out = await ok(process.execPath, ['run.mjs'], app, 60_000);
  const line = JSON.parse(out.trim().split('\n').at(-1) as string);
  expect(line.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(line.rows).toBeGreaterThan(0);
  expect(line.types).toBe(200);
  expect(line.contract).toBe(0);
  expect(line.msw).toBe(2);
  expect(line.suite.name).toBe('work-order-contracts');
});

it('bundles ./msw and the client for the browser with nothing of Node in them', async () => {
  const esbuild = createRequire(import.meta.url).resolve('esbuild/bin/esbuild');
  const args = ['page.mjs', '--bundle', '--format=esm', '--platform=browser', '--outfile=page.bundle.js'];
  await ok(esbuild, args, app, 60_000);
  const bundle = readFileSync(join(app, 'page.bundle.js'), 'utf8');
  expect(bundle).not.toMatch(/from "node:|require\("node:/);
  // The specs travel inside the bundle (msw/spec-browser.ts in place of lib/spec.ts).
  expect(bundle).toMatch(/\\?"openapi\\?":\\?"3\.1/);
});

it('type-checks in a strict TypeScript consumer', async () => {
  await ok(process.execPath, [TSC, '-p', 'tsconfig.json'], app, 120_000);
});

it('a wrong use of the clients does not type-check (the types are not any)', async () => {
  writeFileSync(
    join(app, 'wrong.ts'),
    `import { createJobsClient } from 'work-order-contracts/jobs';
const jobs = createJobsClient({ baseUrl: 'http://127.0.0.1:4010' });
const page = await jobs.GET('/api/JobsView', {});
export const n: number | undefined = page.data?.value[0]?.id;
`,
  );
  const r = await run(
    process.execPath,
    [TSC, '--strict', '--noEmit', '--module', 'NodeNext', '--skipLibCheck', 'wrong.ts'],
    {
      cwd: app,
      timeoutMs: 120_000,
    },
  );
  expect(r.code).not.toBe(0);
  expect(r.stdout).toMatch(/wrong\.ts\(4,\d+\): error TS2322/);
});

it('the wo-contract binary runs from the compiled code', async () => {
  const out = await ok(join(app, 'node_modules', '.bin', 'wo-contract'), ['--help'], app, 30_000);
  expect(out).toMatch(/--base-url/);
});

it('the wo-mock binary starts from the compiled code and stops on SIGTERM', async () => {
  const started = performance.now();
  const bin = start(join(app, 'node_modules', '.bin', 'wo-mock'), ['--port', '0'], { cwd: app });
  try {
    await bin.waitFor(/wo-mock listening on http:\/\/127\.0\.0\.1:\d+/, 30_000);
    // Reported, not asserted (a shared machine): the budget is 1 s from spawn to listening.
    console.log(`wo-mock (compiled) from spawn to listening: ${Math.round(performance.now() - started)} ms`);
    expect(bin.output()).not.toMatch(/tsx/);
    bin.child.kill('SIGTERM');
    expect((await bin.exited).code).toBe(0);
  } finally {
    await bin.stop();
  }
});
