// The admin API under /__admin: reset, re-seed, export/import state, the request log. Protected by
// its own token (never by the APIs' credentials), compared in constant time, and checked before
// any body is read or unzipped (issue 11). Bodies are bounded after decompression (ASSUMPTIONS.md M8).
import { Readable } from 'node:stream';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { DataSet } from '../../generators/fixtures/data-set.ts';
import { generateDataSet, validateDataSet } from '../../generators/fixtures/generate.ts';
import { sameSecret } from '../jobs-api/auth.ts';
import { adminErrorResponse } from '../pipeline/errors.ts';
import type { MockServices } from '../server.ts';
import { DEFAULT_SESSION, Sessions } from '../state/sessions.ts';
import { dataSetJson } from '../state/snapshot.ts';

type AdminError = { status: number; error: string };
// Its errors are written by the one error boundary (mock/pipeline/errors.ts), in its own envelope.
function fail(res: Response, { status, error }: AdminError): void {
  const reply = adminErrorResponse(status, error);
  res.writeHead(reply.status, reply.headers).end(reply.body);
}

function sessionParam(req: Request): string | undefined {
  const s = req.query.session;
  if (s === undefined) return undefined;
  if (typeof s !== 'string' || !Sessions.isValidName(s))
    throw {
      status: 400,
      error: 'query parameter session must be 1 to 64 letters, digits, dots, dashes or underscores',
    };
  return s;
}

function intParam(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw { status: 400, error: `${name} must be a whole number from ${min} to ${max}` };
  return n;
}

/** JSON.parse of `text` fails at a character of it, not because the text ends there. */
function failsInside(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch (e) {
    const message = (e as Error).message;
    const at = /at position (\d+)/.exec(message);
    return !/end of JSON input/.test(message) && (at === null || Number(at[1]) < text.length);
  }
}

/**
 * Where a body stops being JSON, as position, line and column, without quoting it (V8 names no
 * position for an unexpected token). The shortest prefix that fails inside ends at the culprit;
 * a failure stays once reached, so the prefix is found by halving, ~26 parses for the largest body.
 */
export function jsonWhere(text: string): string {
  if (!failsInside(text)) return 'it ends too early';
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsInside(text.slice(0, mid))) hi = mid;
    else lo = mid + 1;
  }
  const position = hi - 1;
  const before = text.slice(0, position).split('\n');
  return `stopped at position ${position} (line ${before.length} column ${(before.at(-1)?.length ?? 0) + 1})`;
}

/** Counts of every table of a session, for the inspector page. */
function summarize(data: DataSet): Record<string, Record<string, number>> {
  const count = (o: object) =>
    Object.fromEntries(
      Object.entries(o)
        .filter(([, v]) => Array.isArray(v))
        .map(([k, v]) => [k, (v as unknown[]).length]),
    );
  return { jobs: count(data.jobs), nextgen: count(data.nextgen) };
}

/** Largest state import, counted after any Content-Encoding is undone: about 16,000 jobs (ASSUMPTIONS.md M8). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/** Every other admin body is a few fields. */
const MAX_COMMAND_BYTES = 16 * 1024;

export function createAdminRouter(services: MockServices): express.Router {
  const { sessions, log, options } = services;
  const router = express.Router();
  const command = express.json({ limit: MAX_COMMAND_BYTES });
  const importBody = express.json({ limit: MAX_IMPORT_BYTES });
  router.use((req: Request, res: Response, next: NextFunction) => {
    const given = req.headers['x-admin-token'];
    if (typeof given !== 'string' || !options.adminToken || !sameSecret(given, options.adminToken)) {
      fail(res, {
        status: 401,
        error: 'The admin API needs the header X-Admin-Token (printed by wo-mock at start).',
      });
      return;
    }
    next();
  });
  router.get('/health', (_req, res) => {
    res.json({
      status: 'ok',
      seed: sessions.seed,
      sessions: sessions.list().length,
      fsmRelease: options.fsmRelease,
    });
  });
  router.get('/sessions', (_req, res) => {
    res.json({ sessions: sessions.list() });
  });
  router.post('/reset', async (req, res) => {
    const session = sessionParam(req);
    await sessions.reset(session);
    log.clear(session);
    res.json({ reset: session ?? 'all sessions' });
  });
  router.post('/reseed', command, async (req, res) => {
    const body = (req.body ?? {}) as { seed?: unknown; jobs?: unknown };
    const seed = intParam(body.seed, 'body field seed', 0, 2 ** 31 - 1) ?? sessions.seed;
    const jobs = intParam(body.jobs, 'body field jobs', 0, 1_000_000) ?? options.jobs;
    await sessions.reseed(generateDataSet({ seed, jobs }));
    log.clear();
    res.json({ seed, jobs });
  });
  router.get('/state', (req, res) => {
    const session = sessionParam(req) ?? DEFAULT_SESSION;
    const data = sessions.export(session);
    if (!data) return fail(res, { status: 404, error: `no session '${session}'` });
    // Streamed: a large state is never one string (issue 12).
    res.type('application/json');
    Readable.from(dataSetJson(data)).pipe(res);
  });
  router.put('/state', importBody, async (req, res) => {
    const session = sessionParam(req) ?? DEFAULT_SESSION;
    const data = req.body as DataSet;
    const problems =
      data && typeof data === 'object' && data.jobs && data.nextgen
        ? validateDataSet(data)
        : ['the body is not an exported state (needs seed, jobs, nextgen)'];
    if (problems.length > 0)
      return res
        .status(400)
        .json({ error: 'state refused; nothing was changed', problems: problems.slice(0, 50) });
    await sessions.replace(session, data);
    res.json({ imported: session });
  });
  router.get('/summary', (req, res) => {
    const session = sessionParam(req) ?? DEFAULT_SESSION;
    const data = sessions.export(session);
    if (!data) return fail(res, { status: 404, error: `no session '${session}'` });
    res.json({ session, counts: summarize(data) });
  });
  router.get('/requests', (req, res) => {
    const limit = intParam(req.query.limit, 'query parameter limit', 1, 1000) ?? 100;
    log.retain(new Set(sessions.list().map((s) => s.name)));
    res.json({ requests: log.recent(sessionParam(req), limit) });
  });
  router.use((req: Request, res: Response) => {
    // The methods of a known path come from the routes above, so the two never disagree.
    const allowed = new Set<string>();
    for (const layer of router.stack as unknown as {
      route?: { path: string; methods: Record<string, boolean> };
    }[])
      if (layer.route?.path === req.path)
        for (const m of Object.keys(layer.route.methods)) allowed.add(m.toUpperCase());
    if (allowed.size === 0)
      return fail(res, { status: 404, error: `no admin route ${req.method} ${req.path}` });
    if (allowed.has('GET')) allowed.add('HEAD');
    const allow = [...allowed].join(', ');
    const reply = adminErrorResponse(405, `${req.path} does not support ${req.method}; it supports ${allow}`);
    res.writeHead(reply.status, { ...reply.headers, Allow: allow }).end(reply.body);
  });
  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err as Partial<AdminError> & { type?: string; limit?: number; body?: unknown };
    if (typeof e?.status === 'number' && typeof e.error === 'string') return fail(res, e as AdminError);
    if (e?.type === 'entity.parse.failed')
      return fail(res, {
        status: 400,
        error: `the body is not valid JSON: ${jsonWhere(typeof e.body === 'string' ? e.body : '')}`,
      });
    if (e?.type === 'entity.too.large')
      return fail(res, { status: 413, error: `the body is larger than the limit of ${e.limit} bytes` });
    fail(res, { status: 500, error: 'admin operation failed' });
  });
  return router;
}
