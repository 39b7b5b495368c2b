// The one HTTP client of the suite: node:http rather than fetch, because fetch refuses some headers
// a contract test must send (Expect) and hides the exact bytes sent.
import http from 'node:http';
import https from 'node:https';
import type { Exchange, RecordedResponse } from './exchange.ts';
import { requestTarget, sentUrl } from './link.ts';

type OutgoingRequest = {
  operationId: Exchange['operationId'];
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  partialItems?: boolean;
};

export class ConnectionError extends Error {
  constructor(
    readonly url: string,
    readonly code: string,
  ) {
    super(`cannot connect to ${url}: ${code} — is the server running?`);
  }
}

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 8 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 8 }),
};

/** Sends a request and records the exchange; a missing response is recorded as `error`, never thrown. */
export function send(request: OutgoingRequest, timeoutMs: number): Promise<Exchange> {
  const started = performance.now();
  const url = new URL(request.url);
  // The path and query go out as written (a server's link is followed exactly as given, S30), not as URL re-serializes them.
  const target = requestTarget(request.url);
  const headers: Record<string, string> = { ...request.headers };
  if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
  const exchange: Exchange = {
    operationId: request.operationId,
    request: {
      method: request.method,
      url: sentUrl(request.url),
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
    },
    ...(request.partialItems ? { partialItems: true } : {}),
  };
  const lib = url.protocol === 'https:' ? https : http;
  const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
  return new Promise((resolve) => {
    const options = {
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port,
      path: target,
      method: request.method,
      headers,
      agent,
      timeout: timeoutMs,
    };
    const req = lib.request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const response: RecordedResponse = {
          status: res.statusCode ?? 0,
          headers: flattenHeaders(res.headers),
          body: Buffer.concat(chunks).toString('utf8'),
          durationMs: Math.round(performance.now() - started),
        };
        resolve({ ...exchange, response });
      });
      res.on('error', (e) => resolve({ ...exchange, error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms (--timeout)`)));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ ...exchange, error: e.code ?? e.message }));
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** Connection-level errors that mean the server is not there at all (exit code 2, not a failed check). */
export function isConnectionRefusal(error: string | undefined): boolean {
  return error !== undefined && /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ECONNRESET/.test(error);
}
