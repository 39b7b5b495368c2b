// The mock in the page: a small page bundled here (esbuild, no CDN) starts MSW's service worker with
// this package's handlers and shows a JobsView page read through the typed client, in headless
// Chromium. The only server is a static file server, which must see no API call.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../lib/testing/chromium.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = fileURLToPath(new URL('./testing/page.ts', import.meta.url));
const WORKER = createRequire(import.meta.url).resolve('msw/mockServiceWorker.js');

/**
 * The package.json "browser" field, as a consumer's bundler applies it to dist/, applied to the
 * sources this page is bundled from (dist/x.js is x.ts).
 */
function browserField(): Plugin {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    browser?: Record<string, string>;
  };
  const source = (p: string) => join(ROOT, p.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts'));
  const map = new Map(Object.entries(pkg.browser ?? {}).map(([from, to]) => [source(from), source(to)]));
  return {
    name: 'browser-field',
    setup(b) {
      b.onResolve({ filter: /\.ts$/ }, (args) => {
        const to = map.get(resolve(args.resolveDir, args.path));
        return to ? { path: to } : undefined;
      });
    },
  };
}

let server: Server;
let origin: string;
let browser: Browser;
const unserved: string[] = [];

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [browserField()],
  });
  const files: Record<string, { type: string; body: string | Uint8Array }> = {
    '/': {
      type: 'text/html',
      body: '<!doctype html><meta charset="utf-8"><title>jobs</title><ul id="rows"></ul><script type="module" src="/page.js"></script>',
    },
    '/page.js': { type: 'text/javascript', body: bundle.outputFiles[0]?.contents ?? '' },
    '/mockServiceWorker.js': { type: 'text/javascript', body: readFileSync(WORKER) },
    '/favicon.ico': { type: 'image/x-icon', body: '' },
  };
  server = createServer((req, res) => {
    const file = files[(req.url ?? '/').split('?')[0] ?? '/'];
    if (!file) {
      unserved.push(`${req.method} ${req.url}`);
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function rowsOf(page: Page, path: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${origin}${path}`);
  // The rows, or the first error of the page: a failing page must not wait out the timeout.
  for (let waited = 0; errors.length === 0 && waited < 60_000; waited += 100) {
    if ((await page.$('#rows[data-status]')) !== null) break;
    await page.waitForTimeout(100);
  }
  expect(errors).toEqual([]);
  expect(await page.getAttribute('#rows', 'data-status')).toBe('200');
  return page.locator('#rows li').allTextContents();
}

it('shows a JobsView page answered by the pipeline in the service worker, with no mock server', async () => {
  const page = await browser.newPage();
  const rows = await rowsOf(page, '/');
  expect(rows).toHaveLength(5);
  for (const row of rows) expect(row).toMatch(/^[0-9a-f-]{36} /);
  // Every API call stayed in the page: the static server saw none.
  expect(unserved.filter((u) => u.includes('/api/'))).toEqual([]);
  await page.close();
}, 120_000);

it('keeps a write in the page (the view follows it) and starts from the seed on reload', async () => {
  const page = await browser.newPage();
  const seeded = await rowsOf(page, '/');
  const written = await rowsOf(page, '/?write#write');
  expect(written[0]).toMatch(/ Written in the page$/);
  expect(written.slice(1)).toEqual(seeded.slice(1));
  // A new document (not a change of the #hash): the handlers are made again, from the seed.
  expect(await rowsOf(page, '/?reload')).toEqual(seeded);
  await page.close();
  expect(unserved.filter((u) => u.includes('/api/'))).toEqual([]);
}, 120_000);
