// Assembles the mock: one Express 5 app serving both API families (ASSUMPTIONS.md M1), with the
// per-session state, the request log, scenario control and the admin API around them.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { DataSet } from '../generators/fixtures/data-set.ts';
import { generateDataSet } from '../generators/fixtures/generate.ts';
import { createAdminRouter } from './admin/admin-routes.ts';
import { createDocsRouter } from './docs/docs-routes.ts';
import { ApiError, isApiError } from './http/api-error.ts';
import { type RequestContext, recordViolations } from './http/context.ts';
import { ResponseContractError } from './http/respond.ts';
import { createJobsRouter } from './jobs-api/router.ts';
import { createNextGenRouter } from './nextgen/router.ts';
import { TokenStore } from './nextgen/tokens.ts';
import { DEFAULT_OPTIONS, type MockOptions } from './options.ts';
import { errorBodyProblems, errorResponse, notFound } from './pipeline/errors.ts';
import { admit } from './pipeline/pipeline.ts';
import { type Family, familyOf, matchRoute, type Operation } from './pipeline/routes.ts';
import type { PlainRequest, PlainResponse } from './pipeline/types.ts';
import type { MockState } from './state/mock-state.ts';
import type { AttachableLog } from './state/open-state.ts';
import { RequestLog } from './state/request-log.ts';
import { DEFAULT_SESSION, Sessions } from './state/sessions.ts';

export type MockServices = { options: MockOptions; sessions: Sessions; log: RequestLog; tokens: TokenStore };

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

/** The request as the pipeline sees it; the body is read by Express' raw reader for now. */
function plainRequest(req: Request): PlainRequest {
  const url = req.url;
  const q = url.indexOf('?');
  return {
    method: req.method,
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? '' : url.slice(q + 1),
    headers: req.headers as Record<string, string | undefined>,
    body: { read: async () => (Buffer.isBuffer(req.body) ? req.body : new Uint8Array()) },
  };
}

function writeResponse(res: Response, response: PlainResponse): void {
  res.status(response.status);
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.send(typeof response.body === 'string' ? response.body : Buffer.from(response.body));
}

/**
 * The handler's writes are made durable before the answer leaves (INTERFACES.md, commit): the end
 * of the response waits for `sessions.commit`. A commit that fails or conflicts is undone and the
 * connection is cut, so a client never hears of a write that was not kept.
 */
function commitBeforeAnswer(res: Response, sessions: Sessions, session: string, state: MockState): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    if (!state.hasPending) return end(...args);
    sessions.commit(session, state).then(
      (outcome) => {
        if (outcome === 'ok') end(...args);
        else {
          sessions.rollback(session, state);
          res.destroy();
        }
      },
      (e: unknown) => {
        console.error(`wo-mock: a write of session '${session}' was not kept: ${(e as Error).message}`);
        res.destroy();
      },
    );
    return res;
  }) as typeof res.end;
}

/** The pipeline's stages up to the handler (mock/pipeline/pipeline.ts), and the request log. */
function spine(services: MockServices) {
  const { options, sessions, log } = services;
  return async (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    const now = new Date();
    const admission = await admit(plainRequest(req), services, now);
    const header = req.headers['x-mock-session'];
    const session = typeof header === 'string' && header !== '' ? header : DEFAULT_SESSION;
    res.locals.family = admission.family;
    res.on('finish', () => {
      const body = Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body.toString('utf8') : undefined;
      log.add({
        time: now.toISOString(),
        session,
        method: req.method,
        path: req.originalUrl,
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        problems: admission.kind === 'answer' ? admission.problems : admission.ctx.problems,
        ...(body !== undefined ? { requestBody: body } : {}),
      });
      // Sessions that expired, and names that were refused, must not keep log entries forever.
      if (log.sessionCount > options.maxSessions + 1) log.retain(new Set(sessions.list().map((s) => s.name)));
    });
    if (admission.kind === 'answer') return writeResponse(res, admission.response);
    res.locals.ctx = admission.ctx;
    res.locals.operation = admission.operation;
    commitBeforeAnswer(res, sessions, session, admission.ctx.state);
    res.setHeader('X-Mock-Session', session);
    next();
  };
}

export function createApp(services: MockServices): express.Express {
  const { options } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(cors(options));
  // The admin API checks its own token and the docs pages need none: both before the pipeline.
  if (options.adminToken !== undefined) app.use('/__admin', createAdminRouter(services));
  app.use('/docs', createDocsRouter());
  app.use(spine(services));
  app.use(express.raw({ type: () => true, limit: options.maxBodyBytes }));
  const nextgen = createNextGenRouter({ tokens: services.tokens });
  // Only NextGen requests walk the NextGen routers: a jobs request would otherwise be matched against
  // every NextGen route twice (under '/api' and '/') before it reaches its own.
  const nextgenPrefixed = express.Router();
  nextgenPrefixed.use('/api', nextgen);
  nextgenPrefixed.use(nextgen);
  app.use((req: Request, res: Response, next: NextFunction) =>
    res.locals.family === 'nextgen' ? nextgenPrefixed(req, res, next) : next(),
  );
  app.use(createJobsRouter());

  app.use((req: Request) => {
    throw notFound(req.originalUrl);
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const error = toApiError(err);
    const ctx = res.locals.ctx as RequestContext | undefined;
    if (error.status >= 500) {
      ctx?.problems.push(error.message);
      if (!(err instanceof ResponseContractError))
        console.error('wo-mock: unexpected error on', req.method, req.originalUrl, err);
    }
    if (res.headersSent) return;
    recordViolations(res, error.violations);
    const family: Family = res.locals.family ?? familyOf(matchRoute(req.method, req.path));
    const path = req.originalUrl.split('?')[0] ?? req.path;
    const site = { path, accept: req.headers.accept, now: ctx?.now ?? new Date() };
    let reply = errorResponse(family, error, site);
    const operation = res.locals.operation as Operation | undefined;
    if (ctx && operation) {
      // Error bodies are checked against the operation's documented responses like any answer.
      const problems = errorBodyProblems(operation, reply);
      if (problems.length > 0) {
        ctx.problems.push(...problems);
        if (ctx.options.validateResponses === 'throw')
          reply = errorResponse(
            family,
            new ApiError(500, `The mock broke its own contract: ${problems.join('; ')}`),
            site,
          );
      }
    }
    writeResponse(res, reply);
  });
  return app;
}

export type RunningMock = { url: string; server: Server; services: MockServices; close(): Promise<void> };

/** Starts the mock; `port: 0` picks a free port. Tests get response validation by default. */
export async function startMock(
  overrides: Partial<MockOptions> & {
    data?: DataSet;
    sessionsData?: Record<string, DataSet>;
    /** Where the state is kept (mock/state/open-state.ts); memory when absent. */
    stateLog?: AttachableLog;
  } = {},
): Promise<RunningMock> {
  const { data, sessionsData, stateLog, ...rest } = overrides;
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
    sessions: new Sessions(seedData, {
      maxSessions: options.maxSessions,
      idleMs: options.sessionIdleMs,
      ...(stateLog ? { log: stateLog } : {}),
    }),
    log: new RequestLog(options.requestLogSize),
    tokens: new TokenStore(),
  };
  stateLog?.attach(services.sessions);
  for (const [name, saved] of Object.entries(sessionsData ?? {}))
    await services.sessions.replace(name, saved);
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
    const reply = errorResponse(familyOf(matchRoute(req.method ?? 'GET', path)), new ApiError(417, message), {
      path,
      accept: req.headers.accept,
      now: new Date(),
    });
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
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
