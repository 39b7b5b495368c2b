// What the faults share: recognising routes, and editing JSON bodies of requests and answers.
import type { FaultHooks, ProxyRequest, ProxyResponse } from './proxy.ts';

export type Json = Record<string, unknown>;

export const route = (req: ProxyRequest) => decodeURIComponent(req.path.split('?')[0] ?? '');
export const isJobGet = (req: ProxyRequest) =>
  req.method === 'GET' && /^\/api\/Jobs\([^)]*\)$/.test(route(req));
export const isJobPut = (req: ProxyRequest) =>
  req.method === 'PUT' && /^\/api\/Jobs\([^)]*\)$/.test(route(req));
export const isView = (req: ProxyRequest) => req.method === 'GET' && route(req).startsWith('/api/JobsView');
const isJson = (res: ProxyResponse) => (res.headers['content-type'] ?? '').includes('json');

export function parse(body: string): Json | undefined {
  try {
    return JSON.parse(body) as Json;
  } catch {
    return undefined;
  }
}

/** Applies `change` to the JSON body (and to each row of an OData page). */
export function editJson(res: ProxyResponse, change: (row: Json) => void, rows = false): ProxyResponse {
  const body = isJson(res) ? parse(res.body) : undefined;
  if (!body) return res;
  if (rows && Array.isArray(body.value)) for (const row of body.value as Json[]) change(row);
  else change(body);
  return { ...res, body: JSON.stringify(body) };
}

export function editRequestJson(req: ProxyRequest, change: (body: Json) => void): ProxyRequest {
  const body = parse(req.body);
  if (!body) return req;
  change(body);
  return { ...req, body: JSON.stringify(body) };
}

/** Remembers the first value of some view fields per job and answers it ever after. */
export function freezeViewFields(fields: string[]): NonNullable<FaultHooks['response']> {
  const frozen = new Map<string, Json>();
  return (res, req) => {
    if (!isView(req) || res.status !== 200) return res;
    return editJson(
      res,
      (row) => {
        const id = String(row.id);
        const first = frozen.get(id);
        if (!first)
          frozen.set(id, Object.fromEntries(fields.filter((f) => f in row).map((f) => [f, row[f]])));
        else Object.assign(row, first);
      },
      true,
    );
  };
}

export function basicUser(req: ProxyRequest): string | undefined {
  const auth = req.headers.authorization ?? '';
  if (!auth.startsWith('Basic ')) return undefined;
  return Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':')[0];
}

export const isTypes = (req: ProxyRequest) =>
  route(req)
    .replace(/^\/api/, '')
    .startsWith('/work-orders/r1/types');
export const isSave = (req: ProxyRequest) => req.method === 'POST' && route(req) === '/api/JobPartUsage/Save';

/** The query parameters of a request, decoded, in order. */
function queryOf(req: ProxyRequest): [string, string][] {
  const q = req.path.split('?')[1];
  if (!q) return [];
  return q.split('&').map((pair) => {
    const at = pair.indexOf('=');
    const [k, v] = at === -1 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    return [decodeURIComponent(k), decodeURIComponent(v.replace(/\+/g, ' '))];
  });
}

/** The request with its query replaced (spaces as %20, as OData expects; `$` and brackets kept). */
function withQuery(req: ProxyRequest, params: [string, string][]): ProxyRequest {
  const path = req.path.split('?')[0] ?? '/';
  const enc = (s: string) =>
    encodeURIComponent(s).replace(/%24/g, '$').replace(/%5B/g, '[').replace(/%5D/g, ']');
  return {
    ...req,
    path: params.length ? `${path}?${params.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}` : path,
  };
}

const ORIGINAL = 'x-fault-original-query';

/**
 * A server that reads one query parameter wrongly: the request reaches the upstream with the parameter
 * changed (undefined drops it), and links in the answer carry the options as the client sent them,
 * as the faulty server would write them (only the paging it adds is the upstream's).
 */
export function queryFault(
  when: (req: ProxyRequest) => boolean,
  name: string,
  change: (value: string) => string | undefined,
): FaultHooks {
  return {
    request: (req) => {
      if (!when(req)) return req;
      const params = queryOf(req);
      if (!params.some(([k]) => k === name)) return req;
      const out: [string, string][] = [];
      for (const [k, v] of params) {
        const changed = k === name ? change(v) : v;
        if (changed !== undefined) out.push([k, changed]);
      }
      return {
        ...withQuery(req, out),
        headers: { ...req.headers, [ORIGINAL]: req.path.split('?')[1] ?? '' },
      };
    },
    response: (res, req) => {
      const original = req.headers[ORIGINAL];
      if (original === undefined) return res;
      return editJson(res, (page) => {
        for (const key of ['@odata.nextLink', 'nextLink', 'next']) {
          const link = page[key];
          if (typeof link !== 'string') continue;
          const [base, query = ''] = link.split('?');
          const paging = query.split('&').filter((p) => /^(\$|%24)skip=|^_page(\[|%5B)num/.test(p));
          const kept = original.split('&').filter((p) => p && !/^(\$|%24)skip=|^_page(\[|%5B)num/.test(p));
          page[key] = `${base}?${[...kept, ...paging].join('&')}`;
        }
      });
    },
  };
}

/** A NextGen error envelope (ASSUMPTIONS.md N1). */
export function nextgenError(
  req: ProxyRequest,
  status: number,
  code: string,
  message: string,
): ProxyResponse {
  const path = route(req);
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({
      status,
      code,
      message,
      timestamp: new Date().toISOString(),
      path,
      errors: [{ code, message }],
    }),
  };
}
