// Prism's validating proxy (`prism proxy --errors`, the peer tool) in front of the mock, for a
// scripted run of valid traffic over both APIs: Prism must find no violation in any exchange.
// XML bodies are left out: Prism cannot read them ("Response body must be object"); our own
// response validation (validateResponses: 'throw') covers XML in every other test.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SPEC_FILES, type SpecName } from '../lib/spec.ts';
import { type RunningMock, startMock } from './server.ts';
import { ADMIN, asPutBody, CONTACT1 } from './testing/client.ts';

let mock: RunningMock;
const proxies: ChildProcess[] = [];
const proxyUrl: Partial<Record<SpecName, string>> = {};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startProxy(spec: SpecName): Promise<string> {
  const port = await freePort();
  // Prism's own script, not `npx prism`: killing npx leaves its grandchild Prism running.
  const child = spawn(
    process.execPath,
    [
      createRequire(import.meta.url).resolve('@stoplight/prism-cli'),
      'proxy',
      '--errors',
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      SPEC_FILES[spec],
      mock.url,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  proxies.push(child);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`prism proxy for ${spec} did not start within 60 s`)),
      60_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`prism proxy exited with ${code}`)));
  });
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  mock = await startMock({ seed: 21, jobs: 50 });
  [proxyUrl.jobs, proxyUrl.nextgen] = await Promise.all([startProxy('jobs'), startProxy('nextgen')]);
}, 120_000);
afterAll(async () => {
  for (const p of proxies) p.kill('SIGTERM');
  await mock.close();
});

type Exchange = {
  spec: SpecName;
  method: string;
  path: string;
  auth?: string;
  body?: unknown;
  headers?: Record<string, string>;
  want: number;
};

async function through(x: Exchange) {
  const headers: Record<string, string> = {
    'X-Mock-Session': 'prism-proxy',
    ...(x.auth ? { Authorization: x.auth } : {}),
    ...x.headers,
  };
  if (x.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${proxyUrl[x.spec]}${x.path}`, {
    method: x.method,
    headers,
    ...(x.body !== undefined ? { body: JSON.stringify(x.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, violations: res.headers.get('sl-violations'), text };
}

it("passes a scripted run of valid traffic through Prism's validating proxy without a violation", async () => {
  const state = mock.services.sessions.get('prism-proxy');
  const job = [...state.jobs.jobs.values()].find(
    (j) =>
      state.jobs.projects.get(j.project_id)?.company_id ===
      [...state.jobs.contacts.values()].find((c) => c.e_login === 'contact1')?.company_id,
  );
  expect(job).toBeDefined();
  const read = (await (
    await fetch(`${mock.url}/api/Jobs(${job?.id})`, {
      headers: { Authorization: ADMIN, 'X-Mock-Session': 'prism-proxy' },
    })
  ).json()) as Record<string, unknown>;
  const body = asPutBody(read);
  const partId = randomUUID();
  const token = (
    (await (
      await fetch(`${mock.url}/configurations/identity/r1/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin@demo', password: 'demo' }),
      })
    ).json()) as { accessToken: string }
  ).accessToken;
  const bearer = `Bearer ${token}`;
  const typeId = [...state.nextgen.workOrderTypes.keys()][0];
  const script: Exchange[] = [
    { spec: 'jobs', method: 'GET', path: `/api/Jobs(${job?.id})`, auth: ADMIN, want: 200 },
    {
      spec: 'jobs',
      method: 'PUT',
      path: `/api/Jobs(${job?.id})`,
      auth: ADMIN,
      body: { ...body, name: 'Checked by Prism' },
      want: 200,
    },
    {
      spec: 'jobs',
      method: 'PUT',
      path: `/api/Jobs(${job?.id})`,
      auth: ADMIN,
      body,
      headers: { Prefer: 'return=minimal' },
      want: 200,
    },
    { spec: 'jobs', method: 'GET', path: '/api/JobsView', auth: CONTACT1, want: 200 },
    {
      spec: 'jobs',
      method: 'GET',
      path: "/api/JobsView?$filter=contains(name,'a') or id2 gt 3&$orderby=date_create desc&$count=true&$top=5",
      auth: CONTACT1,
      want: 200,
    },
    { spec: 'jobs', method: 'GET', path: `/api/JobsView(${job?.id})`, auth: CONTACT1, want: 200 },
    {
      spec: 'jobs',
      method: 'POST',
      path: '/api/JobPartUsage/Save',
      auth: ADMIN,
      body: { id: partId, jobs_id: job?.id, quantity: 1, price: 10, is_under_warranty: true },
      want: 201,
    },
    {
      spec: 'jobs',
      method: 'POST',
      path: '/api/JobPartUsage/Save',
      auth: ADMIN,
      body: { id: partId, jobs_id: job?.id, quantity: 2, price: 10 },
      want: 200,
    },
    {
      spec: 'nextgen',
      method: 'POST',
      path: '/configurations/identity/r1/tokens',
      body: { username: 'viewer@demo', password: 'demo' },
      want: 200,
    },
    {
      spec: 'nextgen',
      method: 'GET',
      path: '/work-orders/r1/types?_page[size]=5&_order=-code',
      auth: bearer,
      want: 200,
    },
    { spec: 'nextgen', method: 'GET', path: `/work-orders/r1/types/${typeId}`, auth: bearer, want: 200 },
    {
      spec: 'nextgen',
      method: 'PATCH',
      path: `/work-orders/r1/types/${typeId}`,
      auth: bearer,
      body: { color: '#123456' },
      want: 200,
    },
  ];
  const outcomes: { call: string; status: number; violations: string | null; prismError: string | null }[] =
    [];
  for (const x of script) {
    const r = await through(x);
    outcomes.push({
      call: `${x.method} ${x.path}`,
      status: r.status,
      violations: r.violations,
      prismError: r.text.includes('stoplight.io/prism/errors') ? r.text.slice(0, 300) : null,
    });
  }
  expect(outcomes).toEqual(
    script.map((x) => ({
      call: `${x.method} ${x.path}`,
      status: x.want,
      violations: null,
      prismError: null,
    })),
  );
}, 120_000);
