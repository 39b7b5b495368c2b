// A loopback HTTP proxy in front of a base URL that can alter requests and responses: the way to
// show that the suite catches a fault, by injecting it into an implementation that is otherwise good.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyRequest = { method: string; path: string; headers: Record<string, string>; body: string };
export type ProxyResponse = { status: number; headers: Record<string, string>; body: string };

/** Sends a request to the upstream server, for faults that need to look something up. */
export type Upstream = (request: ProxyRequest) => Promise<ProxyResponse>;

export type FaultHooks = {
  /** Changes the request, or answers it without forwarding. */
  request?: (
    req: ProxyRequest,
    upstream: Upstream,
  ) => Promise<ProxyRequest | ProxyResponse> | ProxyRequest | ProxyResponse;
  /** Changes the response. */
  response?: (
    res: ProxyResponse,
    req: ProxyRequest,
    upstream: Upstream,
  ) => Promise<ProxyResponse> | ProxyResponse;
};

type RunningProxy = { baseUrl: string; close: () => Promise<void> };

// Host is kept: the upstream then builds absolute links (@odata.nextLink) that point back to the
// proxy, as behind any reverse proxy; without it every link would leave the proxy.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

function headersOf(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw))
    if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function upstreamOf(target: URL): Upstream {
  const agent = new http.Agent({ keepAlive: true });
  return (req) =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) };
      const out = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.path, headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 502,
              headers: headersOf(res.headers),
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      out.on('error', reject);
      out.end(req.body);
    });
}

export async function startProxy(targetBaseUrl: string, hooks: FaultHooks = {}): Promise<RunningProxy> {
  const target = new URL(targetBaseUrl);
  const upstream = upstreamOf(target);
  const server = http.createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('end', async () => {
      try {
        const req: ProxyRequest = {
          method: incoming.method ?? 'GET',
          path: incoming.url ?? '/',
          headers: headersOf(incoming.headers),
          body: Buffer.concat(chunks).toString('utf8'),
        };
        const changed = hooks.request ? await hooks.request(req, upstream) : req;
        let res = 'status' in changed ? changed : await upstream(changed);
        if (hooks.response) res = await hooks.response(res, 'status' in changed ? req : changed, upstream);
        outgoing.writeHead(res.status, { ...res.headers, 'content-length': Buffer.byteLength(res.body) });
        outgoing.end(res.body);
      } catch (e) {
        outgoing.writeHead(502, { 'content-type': 'text/plain' });
        outgoing.end(`proxy: ${(e as Error).message}`);
      }
    });
  });
  // The suite sends Expect headers on purpose; let them through to the upstream instead of answering here.
  server.on('checkExpectation', (req, res) => server.emit('request', req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
