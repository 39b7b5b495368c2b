// Assembles the mock: Node's HTTP server with its limits, an Express 5 app as the host of the
// request pipeline (mock/pipeline/, both API families, ASSUMPTIONS.md M1), and beside it the admin
// API and the docs pages. The host turns a request into the pipeline's plain request (with a lazy,
// size-limited body reader) and writes the plain response back.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex, Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import express, { type NextFunction, type Request, type Response } from 'express';
// The Node host gives the pipeline the spec documents, read from spec/*.yaml.
import '../lib/spec.ts';
import type { DataSet } from '../generators/fixtures/data-set.ts';
import { generateDataSet } from '../generators/fixtures/generate.ts';
import { createAdminRouter } from './admin/admin-routes.ts';
import { createDocsRouter } from './docs/docs-routes.ts';
import { ApiError } from './http/api-error.ts';
import { TokenStore } from './nextgen/tokens.ts';
import { DEFAULT_OPTIONS, type MockOptions } from './options.ts';
import { errorResponse } from './pipeline/errors.ts';
import { createPipeline } from './pipeline/pipeline.ts';
import { familyOf, matchRoute } from './pipeline/routes.ts';
import { BodyTooLarge, BodyUnreadable, type PlainResponse } from './pipeline/types.ts';
import type { AttachableLog } from './state/open-state.ts';
import { RequestLog } from './state/request-log.ts';
import { Sessions } from './state/sessions.ts';

export type MockServices = { options: MockOptions; sessions: Sessions; log: RequestLog; tokens: TokenStore };

/** CORS headers for an allowed origin; true when the request was a preflight, answered here. */
function applyCors(options: MockOptions, req: Request, res: Response): boolean {
  const origin = req.headers.origin;
  if (!origin || options.corsOrigins.length === 0) return false;
  const any = options.corsOrigins.includes('*');
  if (!any && !options.corsOrigins.includes(origin)) return false;
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
    return true;
  }
  return false;
}

const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * Reads a request body for the pipeline, only when asked (after authentication) and never past
 * `limit` bytes, counted after any Content-Encoding is undone: a zipped body cannot unzip to more.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const declared = Number(req.headers['content-length']);
  if (encoding === 'identity' && declared > limit) return Promise.reject(new BodyTooLarge(limit));
  const decoder = encoding === 'identity' ? undefined : DECODERS[encoding];
  if (encoding !== 'identity' && !decoder)
    return Promise.reject(new BodyUnreadable(415, `Content-Encoding '${encoding}' is not supported`));
  return new Promise((resolve, reject) => {
    const source: Readable = decoder ? req.pipe(decoder()) : req;
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (e: Error) => {
      if (source !== req) source.destroy();
      req.unpipe();
      reject(e);
    };
    source.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) fail(new BodyTooLarge(limit));
      else chunks.push(chunk);
    });
    source.on('end', () => resolve(Buffer.concat(chunks)));
    source.on('error', () => fail(new BodyUnreadable(400, `the body does not decode as ${encoding}`)));
    req.on('aborted', () => fail(new BodyUnreadable(400, 'request.aborted')));
  });
}

/** The start of the request line: a method, a path, the rest of the line (bounded: no backtracking). */
const REQUEST_LINE = /^([A-Z]{1,16}) (\/[^ ?\r\n]{0,8192})/;

/**
 * The method, path and Accept of a request Node refused before Express, when they could be read:
 * from the request being read when it ran out of time (Node's parser has its headers then), else
 * from the bytes that failed (their first line, when it is a request line).
 */
function requestLineOf(
  err: { rawPacket?: Buffer },
  socket: Duplex,
): { method: string; path: string; accept?: string } | undefined {
  // Node keeps the message whose headers it has read on the socket's parser (an internal field).
  const incoming = (socket as Duplex & { parser?: { incoming?: IncomingMessage | null } }).parser?.incoming;
  if (incoming?.method && incoming.url) {
    const path = incoming.url.split('?')[0] ?? '/';
    return {
      method: incoming.method,
      path,
      ...(incoming.headers.accept ? { accept: incoming.headers.accept } : {}),
    };
  }
  const m = REQUEST_LINE.exec(err.rawPacket?.subarray(0, 8300).toString('latin1') ?? '');
  return m ? { method: m[1] as string, path: m[2] as string } : undefined;
}

function writeResponse(res: Response, response: PlainResponse): void {
  // A body refused as too large is not read: the connection closes instead of draining it.
  if (response.status === 413) res.setHeader('Connection', 'close');
  // With its length the answer goes out in one piece, not chunked.
  res.setHeader('Content-Length', Buffer.byteLength(response.body));
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}

function createApp(services: MockServices): express.Express {
  const { options } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Both API families: one middleware, the pipeline (mock/pipeline/pipeline.ts), first so that an
  // API request meets no other layer. The admin API checks its own token and the docs pages need
  // none: both beside the pipeline.
  const pipeline = createPipeline({ ...services, now: () => new Date() });
  const beside = options.adminToken === undefined ? /^\/docs(?:[/?]|$)/i : /^\/(?:__admin|docs)(?:[/?]|$)/i;
  app.use((req: Request, res: Response, next: NextFunction) => {
    const url = req.url;
    if (beside.test(url)) return next();
    if (applyCors(options, req, res)) return;
    const q = url.indexOf('?');
    pipeline({
      method: req.method,
      path: q < 0 ? url : url.slice(0, q),
      query: q < 0 ? '' : url.slice(q + 1),
      headers: req.headers as Record<string, string | undefined>,
      body: { read: (limit) => readBody(req, limit) },
    }).then((response) => writeResponse(res, response), next);
  });
  app.use((req: Request, res: Response, next: NextFunction) =>
    applyCors(options, req, res) ? undefined : next(),
  );
  if (options.adminToken !== undefined) app.use('/__admin', createAdminRouter(services));
  app.use('/docs', createDocsRouter());
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
  stateLog?.attach(services.sessions, services.tokens);
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
  // Requests Node refuses before Express sees them (headers over the limit, a broken request line,
  // a request not in time) still get a body saying what was wrong, in the envelope of the family
  // the request line names (the one error boundary, errors.ts); the jobs API's when none was read.
  server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket) => {
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
    const line = requestLineOf(err, socket);
    const match = line && matchRoute(line.method, line.path);
    const reply = errorResponse(match ? familyOf(match) : 'jobs', new ApiError(status, message), {
      path: line?.path ?? '/',
      operationId: match && match.kind === 'operation' ? match.operation.operationId : undefined,
      accept: line?.accept,
      now: new Date(),
    });
    const head = Object.entries(reply.headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head.join('')}Content-Length: ${Buffer.byteLength(reply.body)}\r\nConnection: close\r\n\r\n${reply.body}`,
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
    const match = matchRoute(req.method ?? 'GET', path);
    const reply = errorResponse(familyOf(match), new ApiError(417, message), {
      path,
      operationId: match.kind === 'operation' ? match.operation.operationId : undefined,
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
