// Assembles the mock: one Express 5 app serving both API families (ASSUMPTIONS.md M1), with the
// per-session state, the request log, scenario control and the admin API around them.
import { randomUUID } from 'node:crypto';
import { createServer, type Server, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { DataSet } from '../generators/fixtures/data-set.ts';
import { generateDataSet } from '../generators/fixtures/generate.ts';
import { createAdminRouter } from './admin/admin-routes.ts';
import { createDocsRouter } from './docs/docs-routes.ts';
import { ApiError, isApiError } from './http/api-error.ts';
import type { RequestContext } from './http/context.ts';
import { readPreferences } from './http/prefer.ts';
import { ResponseContractError } from './http/respond.ts';
import { sendJobsError } from './jobs-api/errors.ts';
import { createJobsRouter } from './jobs-api/router.ts';
import { errorBody as nextGenErrorBody } from './nextgen/errors.ts';
import { createNextGenRouter, isNextGenPath, sendNextGenError } from './nextgen/router.ts';
import { DEFAULT_OPTIONS, type MockOptions } from './options.ts';
import { RequestLog } from './state/request-log.ts';
import { DEFAULT_SESSION, Sessions } from './state/sessions.ts';

export type MockServices = { options: MockOptions; sessions: Sessions; log: RequestLog };

function sendError(req: Request, res: Response, error: ApiError): void {
  if (isNextGenPath(req.path)) sendNextGenError(req, res, error);
  else sendJobsError(req, res, error);
}

/** Errors that are not ApiErrors, as the client sees them: never a stack trace. */
function toApiError(err: unknown): ApiError {
  if (isApiError(err)) return err;
  const e = err as { type?: string; status?: number; limit?: number };
  if (e?.type === 'entity.too.large') {
    return new ApiError(413, `The request body is larger than the limit of ${e.limit} bytes.`, {
      violations: [{ field: '', message: 'Body too large.' }],
    });
  }
  if (
    e?.type === 'request.aborted' ||
    e?.type === 'request.size.invalid' ||
    e?.type === 'encoding.unsupported' ||
    e?.type === 'charset.unsupported'
  ) {
    return new ApiError(400, `The request body could not be read (${e.type}).`, {
      violations: [{ field: '', message: String(e.type) }],
    });
  }
  // Other client errors of Express and its body reader (a path parameter that is not valid
  // percent-encoding, a body whose Content-Encoding does not decode) carry a 4xx status: the
  // client's fault, answered in the API's error format, never as a 500.
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    const message = err instanceof Error ? err.message : String(e.type ?? 'bad request');
    return new ApiError(e.status, `The request could not be read: ${message}.`, {
      violations: [{ field: '', message }],
    });
  }
  if (err instanceof ResponseContractError)
    return new ApiError(500, `The mock broke its own contract: ${err.message}`);
  return new ApiError(500, 'An error has occurred.');
}

function cors(options: MockOptions) {
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (!origin || options.corsOrigins.length === 0) return next();
    const any = options.corsOrigins.includes('*');
    if (!any && !options.corsOrigins.includes(origin)) return next();
    // A wildcard never goes together with credentials (issue 6).
    res.setHeader('Access-Control-Allow-Origin', any ? '*' : origin);
    if (!any) {
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.append('Vary', 'Origin');
    }
    res.setHeader('Access-Control-Expose-Headers', 'ETag, WWW-Authenticate, X-Mock-Session');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, OPTIONS');
      res.setHeader(
        'Access-Control-Allow-Headers',
        'Authorization, Content-Type, Accept, Prefer, If-Match, X-Mock-Session, X-Admin-Token',
      );
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}

export function createApp(services: MockServices): express.Express {
  const { options, sessions, log } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(cors(options));

  app.use(async (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    const header = req.headers['x-mock-session'];
    const session = typeof header === 'string' && header !== '' ? header : DEFAULT_SESSION;
    const { prefs, problems } = readPreferences(req.get('prefer'), req.query as Record<string, unknown>);
    const ctx: RequestContext = {
      state: sessions.get(DEFAULT_SESSION),
      session,
      prefs,
      options,
      now: new Date(),
      problems: [],
    };
    res.locals.ctx = ctx;
    if (!req.path.startsWith('/__admin') && !req.path.startsWith('/docs')) {
      res.on('finish', () => {
        const body = Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body.toString('utf8') : undefined;
        log.add({
          time: ctx.now.toISOString(),
          session,
          method: req.method,
          path: req.originalUrl,
          status: res.statusCode,
          durationMs: Math.round((performance.now() - started) * 100) / 100,
          problems: ctx.problems,
          ...(body !== undefined ? { requestBody: body } : {}),
        });
        // Sessions that expired, and names that were refused, must not keep log entries forever.
        if (log.sessionCount > options.maxSessions + 1)
          log.retain(new Set(sessions.list().map((s) => s.name)));
      });
    }
    if (!Sessions.isValidName(session)) {
      throw new ApiError(
        400,
        'X-Mock-Session must be 1 to 64 letters, digits, dots, dashes or underscores.',
        {
          violations: [{ field: 'X-Mock-Session', message: 'Invalid session name.' }],
        },
      );
    }
    if (problems.length > 0) {
      throw new ApiError(400, `The Prefer header is invalid: ${problems.join('; ')}.`, {
        violations: problems.map((p) => ({ field: 'Prefer', message: p })),
      });
    }
    ctx.state = sessions.get(session);
    res.setHeader('X-Mock-Session', session);
    if (prefs.delayMs) await sleep(prefs.delayMs);
    next();
  });

  if (options.adminToken !== undefined) app.use('/__admin', createAdminRouter(services));
  app.use('/docs', createDocsRouter());
  app.use(express.raw({ type: () => true, limit: options.maxBodyBytes }));
  const nextgen = createNextGenRouter();
  // Only NextGen paths walk the NextGen routers: a jobs request would otherwise be matched against
  // every NextGen route twice (under '/api' and '/') before it reaches its own.
  const nextgenPrefixed = express.Router();
  nextgenPrefixed.use('/api', nextgen);
  nextgenPrefixed.use(nextgen);
  app.use((req: Request, res: Response, next: NextFunction) =>
    isNextGenPath(req.path) ? nextgenPrefixed(req, res, next) : next(),
  );
  app.use(createJobsRouter());

  app.use((req: Request) => {
    throw new ApiError(404, `No HTTP resource was found that matches the request URI '${req.originalUrl}'.`);
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const error = toApiError(err);
    if (error.status >= 500) {
      const ctx = res.locals.ctx as RequestContext | undefined;
      ctx?.problems.push(error.message);
      if (!(err instanceof ResponseContractError))
        console.error('wo-mock: unexpected error on', req.method, req.originalUrl, err);
    }
    if (res.headersSent) return;
    sendError(req, res, error);
  });
  return app;
}

export type RunningMock = { url: string; server: Server; services: MockServices; close(): Promise<void> };

/** Starts the mock; `port: 0` picks a free port. Tests get response validation by default. */
export async function startMock(
  overrides: Partial<MockOptions> & { data?: DataSet; sessionsData?: Record<string, DataSet> } = {},
): Promise<RunningMock> {
  const { data, sessionsData, ...rest } = overrides;
  const options: MockOptions = {
    ...DEFAULT_OPTIONS,
    port: 0,
    validateResponses: 'throw',
    adminToken: randomUUID(),
    ...rest,
  };
  const seedData = data ?? generateDataSet({ seed: options.seed, jobs: options.jobs });
  const services: MockServices = {
    options,
    sessions: new Sessions(seedData, { maxSessions: options.maxSessions, idleMs: options.sessionIdleMs }),
    log: new RequestLog(options.requestLogSize),
  };
  for (const [name, saved] of Object.entries(sessionsData ?? {})) services.sessions.replace(name, saved);
  const app = createApp(services);
  // Limits against slow or oversized clients: headers must arrive within 10 s and fit 16 KiB, a
  // whole request within 30 s (both options, for tests); one slow client never blocks others.
  const server = createServer(
    {
      maxHeaderSize: 16 * 1024,
      headersTimeout: options.headersTimeoutMs,
      requestTimeout: options.requestTimeoutMs,
      // How often Node looks for requests past those limits (its default, 30 s, would let them run over).
      connectionsCheckingInterval: Math.min(1_000, options.headersTimeoutMs / 2),
    },
    app,
  );
  server.keepAliveTimeout = 5_000;
  // Requests Node refuses before Express sees them (headers over the limit, a broken request line)
  // still get a body saying what was wrong, in the jobs API's error shape (its Message is also
  // what a NextGen client reads first).
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const timedOut = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    const status = tooLarge ? 431 : timedOut ? 408 : 400;
    const message = timedOut
      ? 'The request did not arrive in time.'
      : tooLarge
        ? 'The request headers are larger than 16 KiB.'
        : `The request could not be parsed (${err.code ?? 'bad request'}).`;
    const body = JSON.stringify({ Message: message });
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  // Node's headersTimeout does not cover a connection that never sends a byte: such idle sockets
  // would pile up. Each connection gets headersTimeout to start its first request; Node's own
  // timeout handler then closes it. Once a request has arrived, Node's timeouts take over.
  server.on('connection', (socket) => socket.setTimeout(options.headersTimeoutMs));
  server.on('request', (req) => req.socket.setTimeout(0));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Node answers an unmet `Expect` itself; answer in the jobs API's error format instead (ASSUMPTIONS.md A12).
  // NextGen paths get NextGen's envelope (ASSUMPTIONS.md N1).
  server.on('checkExpectation', (req, res) => {
    const message = `The expectation '${req.headers.expect}' cannot be met; only 100-continue is supported.`;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const body = isNextGenPath(path)
      ? nextGenErrorBody(new ApiError(417, message), path, new Date())
      : { Message: message };
    res.writeHead(417, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    server,
    services,
    // Requests in flight finish; their keep-alive connections are closed as soon as they go idle,
    // not after keepAliveTimeout.
    close: () =>
      new Promise<void>((resolve) => {
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        server.close(() => {
          clearInterval(sweep);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
