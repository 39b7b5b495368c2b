// The pages as a person uses them, in headless Chromium: the API docs of both specs with a "try
// it" call, and the inspector reading the request log and resetting a session.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadSpec, type SpecName } from '../../lib/spec.ts';
import { launchChromium } from '../../lib/testing/chromium.ts';
import { type RunningMock, startMock } from '../server.ts';
import { ADMIN, asPutBody, CONTACT1, client } from '../testing/client.ts';

const OUT = 'test-output/docs';
// The README's pictures change with every run (times, ids), so they are written only on request.
const README_IMAGES = process.env.UPDATE_README_IMAGES === '1';
const WAIT = { timeout: 20_000 };
/** Swagger UI takes seconds to lay out the jobs spec on a small machine. */
const SLOW_PAGE = 45_000;

let mock: RunningMock;
let browser: Browser;
/** One context for all pages: they share the HTTP cache, so Swagger UI's bundle loads once. */
let context: BrowserContext;
let call: ReturnType<typeof client>;
/** The jobs docs page of the first test, used again by the "try it" test (a load takes seconds). */
let jobsPage: Page | undefined;
/** Every request a page made to a host off this machine; there must be none. */
const offMachine: string[] = [];

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  mock = await startMock({ port: 0, jobs: 40 });
  call = client(mock);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.on('request', (request) => {
    if (!isLoopback(request.url())) offMachine.push(request.url());
  });
});
afterAll(async () => {
  await browser?.close();
  await mock?.close();
});

function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(mock.url + path);
  return page;
}

async function screenshot(page: Page, name: string, readmeName?: string): Promise<void> {
  await page.screenshot({ path: `${OUT}/${name}.png` });
  if (README_IMAGES && readmeName) await page.screenshot({ path: `docs/${readmeName}.png` });
}

/** Swagger UI's deep-link ids of a spec's operations: operations-<tag>-<operationId>. */
function operationIds(spec: SpecName): string[] {
  return Object.values(loadSpec(spec).paths).flatMap((item) =>
    Object.values(item)
      .filter(
        (op): op is { operationId: string; tags: string[] } =>
          typeof op === 'object' && op !== null && 'operationId' in op,
      )
      .map((op) => `operations-${op.tags[0]}-${op.operationId}`),
  );
}

async function someJob(
  headers: Record<string, string>,
): Promise<{ id: string; name: string } & Record<string, unknown>> {
  const list = await call('GET', '/api/JobsView?$top=1&$filter=has_child eq false', {
    headers: { ...headers, Authorization: CONTACT1 },
  });
  const id = list.json.value[0].id as string;
  return (await call('GET', `/api/Jobs(${id})`, { headers: { ...headers, Authorization: ADMIN } })).json;
}

async function openInspector(): Promise<Page> {
  const page = await open('/docs/inspector');
  await page.fill('#token', mock.services.options.adminToken as string);
  await page.click('#login button[type=submit]');
  await page.locator('#inspector').waitFor({ state: 'visible', ...WAIT });
  return page;
}

it(
  'renders every operation of both APIs from local assets, with the demo credentials filled in',
  async () => {
    for (const spec of ['nextgen', 'jobs'] as const) {
      const page = await open(`/docs/${spec}`);
      for (const id of operationIds(spec))
        await page.locator(`#${id}`).waitFor({ state: 'visible', ...WAIT });
      if (spec === 'jobs') await page.locator('#credentials', { hasText: 'admin:demo@demo' }).waitFor(WAIT);
      await screenshot(page, `docs-${spec}`, spec === 'jobs' ? 'docs-page' : undefined);
      if (spec === 'jobs') jobsPage = page;
      else await page.close();
    }
    expect(offMachine).toEqual([]);
  },
  SLOW_PAGE,
);

it(
  'sends a "try it" request to the mock itself, in the chosen session, and shows its 200',
  async () => {
    const page = jobsPage ?? (await open('/docs/jobs'));
    const operation = page.locator('#operations-JobsView-JobsView_List');
    await page.fill('#session', 'docs-try-it');
    await page.click('#session-form button[type=submit]');
    await operation.locator('.opblock-summary').click();
    await operation.locator('button.execute').click();
    const status = operation.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor(WAIT);
    expect((await status.textContent())?.trim()).toBe('200');
    const url = await operation.locator('.request-url pre').textContent();
    expect(url).toBe(`${mock.url}/api/JobsView`);
    // The session typed into the bar went along as X-Mock-Session.
    expect(mock.services.log.recent('docs-try-it', 10).map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/JobsView',
    ]);
    await operation.scrollIntoViewIfNeeded();
    await screenshot(page, 'docs-try-it');
    await page.close();
    expect(offMachine).toEqual([]);
  },
  SLOW_PAGE,
);

it('shows a request the test just sent, with its status and problems, and filters by text', async () => {
  const session = { 'X-Mock-Session': 'inspector-seen' };
  const job = await someJob(session);
  const missing = await call('GET', '/api/Jobs(3f6c2a4e-0000-4000-8000-000000000000)', {
    headers: { ...session, Authorization: ADMIN },
  });
  expect(missing.status).toBe(404);
  const page = await openInspector();
  const seen = page.locator('#requests tr', { hasText: `/api/Jobs(${job.id})` });
  await seen.waitFor(WAIT);
  expect(await seen.locator('td').nth(1).textContent()).toBe('inspector-seen');
  expect(await seen.locator('td').nth(4).textContent()).toBe('200');
  await screenshot(page, 'inspector', 'inspector');

  // A problem as the response validator records it; the path is hostile on purpose.
  mock.services.log.add({
    time: new Date().toISOString(),
    session: 'inspector-seen',
    method: 'GET',
    path: '/api/Jobs(<img src=x onerror="window.pwned=1">)',
    status: 500,
    durationMs: 1.5,
    problems: ['response /name must be string'],
  });

  await page.click('#refresh');
  const broken = page.locator('#requests tr', { hasText: 'onerror' });
  expect(await broken.locator('li').textContent()).toBe('response /name must be string');
  expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
  expect(await page.locator('#counts tr', { hasText: 'workOrderTypes' }).count()).toBeGreaterThan(0);

  // Every word must match: the 404 of the unknown id, and nothing else.
  await page.fill('#filter', '404 3f6c2a4e');
  expect(await page.locator('#requests tr').count()).toBe(1);
  expect(await page.locator('#requests tr td').nth(4).textContent()).toBe('404');
  await page.fill('#filter', 'jobPartUsages');
  const counts = await page.locator('#counts tr').allInnerTexts();
  expect(counts.length).toBeGreaterThan(0);
  expect(counts.every((row) => row.includes('jobPartUsages'))).toBe(true);
  await screenshot(page, 'inspector-filtered');
  await page.close();
  expect(offMachine).toEqual([]);
});

it('resets a session from the inspector: the seeded name comes back', async () => {
  const session = { 'X-Mock-Session': 'reset-me', Authorization: ADMIN };
  const job = await someJob(session);
  const body = asPutBody(job);
  const put = await call('PUT', `/api/Jobs(${job.id})`, {
    headers: session,
    body: { ...body, name: 'Renamed' },
  });
  expect(put.status).toBe(200);
  expect((await call('GET', `/api/Jobs(${job.id})`, { headers: session })).json.name).toBe('Renamed');

  const page = await openInspector();
  await page.click('button[data-reset="reset-me"]');
  await page.locator('#message', { hasText: 'Session reset-me reset' }).waitFor(WAIT);
  expect(await page.locator('button[data-reset="reset-me"]').count()).toBe(0);
  expect((await call('GET', `/api/Jobs(${job.id})`, { headers: session })).json.name).toBe(job.name);
  await page.close();
  expect(offMachine).toEqual([]);
});
