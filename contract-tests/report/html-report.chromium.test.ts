// Opens the HTML report in headless Chromium (the Debian package CI installs) and looks at it as a reader would.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../../lib/testing/chromium.ts';
import { htmlReport } from './html-report.ts';
import { sampleResult } from './sample-result.ts';

const OUT = fileURLToPath(new URL('../../test-output/', import.meta.url));
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
}, 30_000);

afterAll(async () => {
  await browser?.close();
});

it('shows the summary and the evidence of a failure, with no network request', async () => {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, 'contract-report.html');
  writeFileSync(file, htmlReport(sampleResult()));
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const remote: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) remote.push(r.url());
  });
  await page.goto(pathToFileURL(file).href);
  await expect
    .poll(() => page.locator('#summary .verdict').textContent())
    .toContain('Does not conform: 1 failed');
  const failure = page.locator('tr.case.failed');
  expect(await failure.locator('.failure .msg').isVisible()).toBe(true);
  expect(await failure.locator('.failure .msg').textContent()).toContain('Received: 200 / Documented: 400');
  await failure.locator('details.x > summary').first().click();
  const evidence = failure.locator('details.x .ev pre').first();
  expect(await evidence.isVisible()).toBe(true);
  expect(await evidence.textContent()).toContain('PUT http://127.0.0.1:4010/api/Jobs(x)');
  // Operations whose cases all passed start folded; the one with the failure is open.
  expect(await page.locator('details.op[open]').count()).toBe(1);
  expect(await page.locator('tr.case.passed').first().isVisible()).toBe(false);
  await page.locator('.filters button[data-filter="problems"]').click();
  expect(await page.locator('tr.case.passed').first().isVisible()).toBe(false);
  await page.screenshot({ path: join(OUT, 'contract-report.png'), fullPage: true });
  expect(remote).toEqual([]);
}, 30_000);

it('wraps long lines: with every evidence open the page is no wider than the window', async () => {
  const result = sampleResult();
  const failed = result.cases[1];
  const x = failed?.exchanges[0];
  if (!x?.response) throw new Error('the sample has an exchange');
  // What Prism sent: one unbroken line of thousands of characters, in a body and in a URL.
  x.response.body = JSON.stringify({
    Message: 'y'.repeat(6000),
    list: Array.from({ length: 300 }, (_, i) => i),
  });
  x.request.url = `http://127.0.0.1:4010/api/JobsView?$filter=${'name eq %27x%27 or '.repeat(200)}`;
  if (failed)
    failed.failures[0] = { ...failed.failures[0], message: `Received: ${'z'.repeat(3000)}` } as never;
  const file = join(OUT, 'contract-report-long.html');
  writeFileSync(file, htmlReport(result));
  const page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
  await page.goto(pathToFileURL(file).href);
  await page.$$eval('details', (all) => {
    for (const d of all) d.setAttribute('open', '');
  });
  // A string: the test's TypeScript has no DOM types.
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect(width).toBeLessThanOrEqual(1024);
  // The coverage section keeps what a client cannot provoke apart from what was not covered.
  const coverage = await page.locator('#coverage').textContent();
  expect(coverage).toContain('Not covered (1)');
  expect(coverage).toContain('Cannot be provoked by a client (1)');
  expect(coverage).toContain('a server failure (500)');
}, 30_000);
