// Shared by the reliability tests and the soak run: a raw HTTP client that takes any method, header
// and body (fetch refuses some), with a hang timeout; the API families' error formats and the
// statuses each operation documents; the spawned CLI. Loopback only.
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { catalog, type SpecName } from '../../lib/spec.ts';

export type RawRequest = {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** A request that takes longer is a hang: the promise rejects. */
  timeoutMs?: number;
};
export type RawReply = { status: number; headers: IncomingHttpHeaders; text: string };

export class HangError extends Error {}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One HTTP exchange over loopback, whatever the method, headers and body. */
export function send(baseUrl: string, r: RawRequest): Promise<RawReply> {
  const url = new URL(baseUrl);
  const timeoutMs = r.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: r.method,
        path: r.path,
        headers: {
          ...(r.body !== undefined ? { 'content-length': String(Buffer.byteLength(r.body)) } : {}),
          ...r.headers,
        },
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', reject);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      reject(new HangError(`${r.method} ${r.path} got no complete answer within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    if (r.body !== undefined) req.write(r.body);
    req.end();
  });
}

/** Releases the keep-alive sockets (afterAll), so the test process ends promptly. */
export const closeClients = (): void => agent.destroy();

// --- operations and their documented statuses ---------------------------------------------------

type Operation = { spec: SpecName; operationId: string; method: string; path: string };

/** Every operation of both specs, with the statuses it documents. */
export function documentedOperations(): (Operation & { statuses: Set<number> })[] {
  const out: (Operation & { statuses: Set<number> })[] = [];
  for (const spec of ['jobs', 'nextgen'] as const) {
    for (const op of catalog().family(spec)) {
      const statuses = new Set(Object.keys(op.responses).map(Number));
      out.push({ spec, operationId: op.id, method: op.method, path: op.path, statuses });
    }
  }
  return out;
}

const statusesById = new Map(documentedOperations().map((o) => [o.operationId, o.statuses]));

/**
 * Statuses any operation may answer besides the ones it documents: the body limit (413) is the
 * mock's own guard and no operation documents it. Routes and methods the specs do not have answer
 * 404 (like ASP.NET's "No HTTP resource was found") or 405.
 */
const ANY_OPERATION_STATUSES = [413];
const UNKNOWN_ROUTE_STATUSES = [404, 405];

export function isDocumentedStatus(operationId: string | undefined, status: number): boolean {
  if (ANY_OPERATION_STATUSES.includes(status)) return true;
  if (operationId === undefined) return UNKNOWN_ROUTE_STATUSES.includes(status);
  return statusesById.get(operationId)?.has(status) ?? false;
}

// --- error formats -------------------------------------------------------------------------------

const isNextGenRequestPath = (path: string): boolean =>
  /^(?:\/api)?\/(?:work-orders|configurations)(?:\/|$|\?)/i.test(path);

/** Why a rejection is not in its API's own error format; undefined when it is. */
export function errorFormatProblem(path: string, reply: RawReply): string | undefined {
  const type = String(reply.headers['content-type'] ?? '');
  if (isNextGenRequestPath(path)) {
    if (!/^application\/json/.test(type)) return `NextGen error with content type '${type}'`;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(reply.text) as Record<string, unknown>;
    } catch {
      return `NextGen error body is not JSON: ${reply.text.slice(0, 200)}`;
    }
    if (body.status !== reply.status) return `NextGen error body status ${String(body.status)}`;
    if (typeof body.code !== 'string' || typeof body.message !== 'string' || !Array.isArray(body.errors))
      return `NextGen error body lacks code/message/errors: ${reply.text.slice(0, 200)}`;
    return undefined;
  }
  if (/^(application|text)\/xml/.test(type)) {
    return /<Message>[\s\S]*<\/Message>/.test(reply.text)
      ? undefined
      : `jobs XML error without <Message>: ${reply.text.slice(0, 200)}`;
  }
  if (!/^(application|text)\/json/.test(type)) return `jobs error with content type '${type}'`;
  try {
    const body = JSON.parse(reply.text) as { Message?: unknown };
    return typeof body.Message === 'string' ? undefined : `jobs error body lacks Message: ${reply.text}`;
  } catch {
    return `jobs error body is not JSON: ${reply.text.slice(0, 200)}`;
  }
}

// --- credentials ---------------------------------------------------------------------------------

/** A NextGen bearer token of a demo user (ASSUMPTIONS.md N9). */
export async function nextGenToken(baseUrl: string, username = 'admin@demo'): Promise<string> {
  const reply = await send(baseUrl, {
    method: 'POST',
    path: '/configurations/identity/r1/tokens',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  if (reply.status !== 200) throw new Error(`no token for ${username}: ${reply.status} ${reply.text}`);
  return (JSON.parse(reply.text) as { accessToken: string }).accessToken;
}

// --- the CLI as a process ------------------------------------------------------------------------

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type SpawnedMock = {
  child: ChildProcess;
  /** Resolves with the URL once `wo-mock listening on <url>` is printed; rejects when the process ends first. */
  url: Promise<string>;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exit: Promise<number | string>;
  stdout(): string;
  stderr(): string;
};

export function spawnCli(args: string[]): SpawnedMock {
  const child = spawn(process.execPath, ['--import', 'tsx', 'mock/cli.ts', '--port', '0', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exit = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /wo-mock listening on (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    void exit.then((code) => reject(new Error(`wo-mock ended (${code}) before listening: ${err}`)));
  });
  url.catch(() => {});
  return { child, url, exit, stdout: () => out, stderr: () => err };
}

/** The property names of a schema of a spec, through `$ref` and `allOf`. */
export function propertyNames(spec: SpecName, schemaName: string): string[] {
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (s: Record<string, unknown> | undefined) => {
    if (!s || seen.has(s)) return;
    seen.add(s);
    // The catalog's schemas are resolved; a self-reference stays a $ref.
    if (typeof s.$ref === 'string') return visit(catalog().resolve(spec, s.$ref));
    for (const k of Object.keys((s.properties as Record<string, unknown>) ?? {})) names.add(k);
    for (const part of (s.allOf as Record<string, unknown>[] | undefined) ?? []) visit(part);
  };
  visit(catalog().schema(spec, schemaName));
  return [...names];
}

const ROUTES: [RegExp, Record<string, string>][] = [
  [/^\/api\/Jobs\([^)/]*\)\/?$/i, { GET: 'Jobs_Get', PUT: 'Jobs_Put' }],
  [/^\/api\/JobsView\/?$/i, { GET: 'JobsView_List' }],
  [/^\/api\/JobsView\([^)/]*\)\/?$/i, { GET: 'JobsView_Get' }],
  [/^\/api\/JobPartUsage\/Save\/?$/i, { POST: 'JobPartUsage_Save' }],
  [/^(?:\/api)?\/configurations\/identity\/r1\/tokens\/?$/i, { POST: 'Tokens_Create' }],
  [/^(?:\/api)?\/work-orders\/r1\/types\/?$/i, { GET: 'WorkOrderTypes_List', POST: 'WorkOrderTypes_Create' }],
  [
    /^(?:\/api)?\/work-orders\/r1\/types\/[^/]+\/?$/i,
    { GET: 'WorkOrderTypes_Get', PATCH: 'WorkOrderTypes_Patch' },
  ],
];

/** The documented operation a method and path reach (HEAD as GET); undefined for any other. */
export function operationFor(method: string, pathAndQuery: string): string | undefined {
  const path = pathAndQuery.split('?')[0] ?? '';
  const m = method === 'HEAD' ? 'GET' : method;
  for (const [pattern, byMethod] of ROUTES) if (pattern.test(path)) return byMethod[m];
  return undefined;
}
