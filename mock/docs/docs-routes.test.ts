import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type RunningMock, startMock } from '../server.ts';
import { originOf, specForOrigin } from './served-spec.ts';

let mock: RunningMock;

beforeAll(async () => {
  mock = await startMock({ jobs: 20 });
});
afterAll(() => mock.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(mock.url + path, { headers, redirect: 'manual' });

it('points the served specs at the origin the page was loaded from, keeping server paths', async () => {
  type Served = { servers: { url: string }[] };
  const jobs = (await (await get('/docs/specs/jobs.openapi.json')).json()) as Served;
  expect(jobs.servers.map((s) => s.url)).toEqual([mock.url]);
  const nextgen = parse(await (await get('/docs/specs/nextgen.openapi.yaml')).text()) as Served & {
    paths: object;
  };
  expect(nextgen.servers.map((s) => s.url)).toEqual([mock.url, `${mock.url}/api`]);
  expect(Object.keys(nextgen.paths)).toContain('/work-orders/r1/types');
});

it('leaves the servers as written when the Host header is not a plain host', () => {
  expect(originOf('http', 'evil.test/"><script>')).toBeUndefined();
  expect(originOf('http', undefined)).toBeUndefined();
  expect(originOf('http', '[::1]:4010')).toBe('http://[::1]:4010');
  expect(specForOrigin('jobs', undefined).servers).toEqual([
    expect.objectContaining({ url: 'http://127.0.0.1:4010' }),
  ]);
});

it('serves the pages with a policy that allows this origin only, and without the admin token', async () => {
  const token = mock.services.options.adminToken as string;
  for (const path of ['/docs/jobs', '/docs/nextgen', '/docs/inspector']) {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const html = await res.text();
    expect(html).not.toContain(token);
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
  }
  expect((await get('/docs')).headers.get('location')).toBe('/docs/jobs');
});

it('serves Swagger UI from node_modules and nothing else of that folder', async () => {
  const bundle = await get('/docs/assets/swagger-ui-bundle.js');
  expect(bundle.status).toBe(200);
  expect(bundle.headers.get('content-type')).toContain('javascript');
  expect((await get('/docs/assets/index.html')).status).toBe(404);
  expect((await get('/docs/assets/..%2Fpackage.json')).status).toBe(404);
});

it('leaves the pages and their assets out of the request log', async () => {
  await get('/docs/jobs');
  await get('/docs/assets/pages.css');
  expect(mock.services.log.recent(undefined, 100).filter((r) => r.path.startsWith('/docs'))).toEqual([]);
});
