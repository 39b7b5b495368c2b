// Pages for people, under /docs: the interactive API docs of both specs (Swagger UI, served from
// node_modules, never from a CDN) and the inspector of the admin API. The server's request log
// skips /docs, so opening these pages leaves the log to the calls they make.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Response } from 'express';
import { stringify } from 'yaml';
import type { SpecName } from '../../lib/spec.ts';
import { originOf, specForOrigin } from './served-spec.ts';

const OWN_ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));
const SWAGGER_UI = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The only files of swagger-ui-dist the page loads; its index.html points at the petstore. */
const SWAGGER_FILES = new Set([
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'favicon-16x16.png',
  'favicon-32x32.png',
]);
const OWN_FILES = new Set(['api-docs.js', 'inspector.js', 'pages.css']);

// The pages call nothing but this origin; the policy makes the browser refuse anything else.
// Swagger UI sets inline styles, hence 'unsafe-inline' for styles (never for scripts).
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function sendPage(file: string) {
  return (_req: Request, res: Response) => {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(OWN_ASSETS, file));
  };
}

function sendSpec(name: SpecName, format: 'json' | 'yaml') {
  return (req: Request, res: Response) => {
    const spec = specForOrigin(name, originOf(req.protocol, req.get('host')));
    res.setHeader('Cache-Control', 'no-cache');
    if (format === 'json') res.type('application/json; charset=utf-8').send(JSON.stringify(spec));
    else res.type('application/yaml; charset=utf-8').send(stringify(spec, { lineWidth: 0 }));
  };
}

export function createDocsRouter(): express.Router {
  const router = express.Router();
  router.get('/', (req, res) => res.redirect(302, `${req.baseUrl}/jobs`));
  router.get('/jobs', sendPage('api-docs.html'));
  router.get('/nextgen', sendPage('api-docs.html'));
  router.get('/inspector', sendPage('inspector.html'));
  for (const name of ['jobs', 'nextgen'] as const) {
    router.get(`/specs/${name}.openapi.json`, sendSpec(name, 'json'));
    router.get(`/specs/${name}.openapi.yaml`, sendSpec(name, 'yaml'));
  }
  router.get('/assets/:file', (req, res, next) => {
    const file = req.params.file;
    if (OWN_FILES.has(file))
      res.sendFile(join(OWN_ASSETS, file), { headers: { 'Cache-Control': 'no-cache' } });
    else if (SWAGGER_FILES.has(file)) res.sendFile(join(SWAGGER_UI, file), { maxAge: '1h' });
    else next();
  });
  router.use((req: Request, res: Response) => {
    res
      .status(404)
      .type('text/plain; charset=utf-8')
      .send(`No page ${req.originalUrl}. The pages: /docs/jobs, /docs/nextgen, /docs/inspector.`);
  });
  return router;
}
