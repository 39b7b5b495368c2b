// The one route table of the mock: every path and method of both specs, compiled once. Each
// family's key syntax is read here and nowhere else: the jobs API's OData keys in parentheses
// (`/api/Jobs({id})`, vendor-apis.md) and NextGen's path segments (`/work-orders/r1/types/{typeId}`,
// also under `/api`, ASSUMPTIONS.md N2). Keys stay text: an int64 key above 2^53 is matched as
// written (ASSUMPTIONS.md N19). Matching is case-insensitive and takes one trailing slash, as
// ASP.NET and Express routing do.
import type { operations as JobsOperations } from '../../generated/jobs.ts';
import type { operations as NextGenOperations } from '../../generated/nextgen.ts';
import { loadSpec, type SpecName } from '../../lib/spec-runtime.ts';

export type Family = SpecName;
export type JobsOperationId = keyof JobsOperations;
export type NextGenOperationId = keyof NextGenOperations;
export type OperationId = JobsOperationId | NextGenOperationId;

/** How a caller of an operation proves who they are (the spec's security scheme). */
export type Security = 'user' | 'contact' | 'bearer' | 'none';

export type Operation = {
  family: Family;
  operationId: OperationId;
  method: string;
  template: string;
  security: Security;
  /** The request body: the schema it must satisfy and the media types it may come in. */
  request: { schemaRef: string; mediaTypes: string[] } | undefined;
  /** The media types the operation answers in (its success responses), the first the default. */
  offers: string[];
  /** Whether an unmet Accept is refused (the operation documents 406) or answered in the default. */
  refusesAccept: boolean;
};

type Route = {
  family: Family;
  template: string;
  pattern: RegExp;
  names: string[];
  byMethod: Map<string, Operation>;
  allow: string;
};

export type Match =
  | { kind: 'operation'; operation: Operation; params: Record<string, string> }
  | { kind: 'method-not-allowed'; family: Family; allow: string }
  | { kind: 'not-found'; family: Family };

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The pattern of a path template: `{name}` is one segment (NextGen) or the text inside `(...)` (jobs). */
function compile(family: Family, template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  let source = '';
  for (const part of template.split(/(\{\w+\})/)) {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name) {
      names.push(name);
      source += family === 'jobs' ? '([^)/]*)' : '([^/]+)';
    } else source += escapeRegExp(part);
  }
  const prefix = family === 'nextgen' ? '(?:/api)?' : '';
  return { pattern: new RegExp(`^${prefix}${source}/?$`, 'i'), names };
}

function securityOf(spec: Record<string, unknown>, op: Record<string, unknown>): Security {
  const requirements = (op.security ?? spec.security ?? []) as Record<string, unknown>[];
  const scheme = Object.keys(requirements[0] ?? {})[0];
  if (scheme === undefined) return 'none';
  if (scheme === 'basicAuth') return 'user';
  if (scheme === 'contactBasicAuth') return 'contact';
  return 'bearer';
}

type Content = Record<string, { schema?: { $ref?: string } }>;

function requestOf(op: Record<string, unknown>): Operation['request'] {
  const content = (op.requestBody as { content?: Content } | undefined)?.content;
  if (!content) return undefined;
  const mediaTypes = Object.keys(content);
  const schemaRef = content[mediaTypes[0] ?? '']?.schema?.$ref;
  if (!schemaRef) throw new Error(`${String(op.operationId)}: a request body needs a $ref schema`);
  return { schemaRef, mediaTypes };
}

function offersOf(op: Record<string, unknown>): string[] {
  const responses = op.responses as Record<string, { content?: Content }>;
  const offers = new Set<string>();
  for (const [status, response] of Object.entries(responses))
    if (status.startsWith('2')) for (const m of Object.keys(response.content ?? {})) offers.add(m);
  return [...offers];
}

function buildRoutes(): Route[] {
  const routes: Route[] = [];
  for (const family of ['jobs', 'nextgen'] as const) {
    const spec = loadSpec(family);
    for (const [template, item] of Object.entries(spec.paths)) {
      const byMethod = new Map<string, Operation>();
      for (const method of METHODS) {
        const op = item[method] as Record<string, unknown> | undefined;
        if (!op) continue;
        byMethod.set(method.toUpperCase(), {
          family,
          operationId: op.operationId as OperationId,
          method: method.toUpperCase(),
          template,
          security: securityOf(spec, op),
          request: requestOf(op),
          offers: offersOf(op),
          refusesAccept: Object.hasOwn(op.responses as object, '406'),
        });
      }
      const allow = [...byMethod.keys()].join(', ');
      routes.push({ family, template, ...compile(family, template), byMethod, allow });
    }
  }
  return routes;
}

let table: Route[] | undefined;

// A path no route knows belongs to NextGen when it starts like NextGen's paths, else to the jobs
// API: its envelope answers the 404.
const NEXTGEN_PREFIX = /^(?:\/api)?\/(?:work-orders|configurations)(?:\/|$)/i;

/** The operation a request names, or why there is none (404, or 405 with the methods to allow). */
export function matchRoute(method: string, path: string): Match {
  table ??= buildRoutes();
  for (const route of table) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    // HEAD is answered as GET, as Express and ASP.NET do.
    const operation = route.byMethod.get(method === 'HEAD' ? 'GET' : method);
    if (!operation) return { kind: 'method-not-allowed', family: route.family, allow: route.allow };
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      params[name] = m[i + 1] ?? '';
    });
    return { kind: 'operation', operation, params };
  }
  return { kind: 'not-found', family: NEXTGEN_PREFIX.test(path) ? 'nextgen' : 'jobs' };
}

/** The family a match belongs to: its operation's, or the one whose paths it resembles. */
export const familyOf = (match: Match): Family =>
  match.kind === 'operation' ? match.operation.family : match.family;

/** Every operation of both specs (the completeness test walks them). */
export function allOperations(): Operation[] {
  table ??= buildRoutes();
  return table.flatMap((r) => [...r.byMethod.values()]);
}
