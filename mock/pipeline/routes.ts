// The one route table of the mock: every path and method of both specs, compiled once. Each
// family's key syntax is read here and nowhere else: the jobs API's OData keys in parentheses
// (`/api/Jobs({id})`, vendor-apis.md) and NextGen's path segments (`/work-orders/r1/types/{typeId}`,
// also under `/api`, ASSUMPTIONS.md N2). Keys stay text: an int64 key above 2^53 is matched as
// written (ASSUMPTIONS.md N19). Matching is case-insensitive and takes one trailing slash, as
// ASP.NET and Express routing do.
import type { Operation as CatalogOperation, OperationId } from '../../lib/catalog.ts';
import { catalog, type JsonSchema, type SpecName } from '../../lib/spec-runtime.ts';

export type Family = SpecName;

/** How a caller of an operation proves who they are (the spec's security scheme). */
export type Security = 'user' | 'contact' | 'bearer' | 'none';

export type Operation = {
  family: Family;
  operationId: OperationId;
  method: string;
  template: string;
  security: Security;
  /**
   * The request body: its resolved schema (what the XML reader types elements by; the validator
   * is lib/spec-runtime.ts requestBodyValidator) and the media types it may come in.
   */
  request: { schema: JsonSchema; mediaTypes: string[] } | undefined;
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

type Match =
  | { kind: 'operation'; operation: Operation; params: Record<string, string> }
  | { kind: 'method-not-allowed'; family: Family; allow: string }
  | { kind: 'not-found'; family: Family };

const METHODS = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE'] as const;

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

function securityOf(op: CatalogOperation): Security {
  const scheme = op.security[0];
  if (scheme === undefined) return 'none';
  if (scheme === 'basicAuth') return 'user';
  if (scheme === 'contactBasicAuth') return 'contact';
  return 'bearer';
}

function requestOf(op: CatalogOperation): Operation['request'] {
  if (!op.requestBody) return undefined;
  const mediaTypes = Object.keys(op.requestBody.content);
  const schema = op.requestBody.content[mediaTypes[0] ?? ''];
  if (!schema) throw new Error(`${op.id}: a request body needs a schema`);
  return { schema, mediaTypes };
}

function offersOf(op: CatalogOperation): string[] {
  const offers = new Set<string>();
  for (const [status, response] of Object.entries(op.responses))
    if (status.startsWith('2')) for (const m of Object.keys(response.content)) offers.add(m);
  return [...offers];
}

function buildRoutes(): Route[] {
  const routes: Route[] = [];
  for (const family of ['jobs', 'nextgen'] as const) {
    // The catalog lists a family's operations in the spec's order: paths first seen keep it.
    const byPath = new Map<string, Map<string, Operation>>();
    for (const op of catalog().family(family)) {
      if (!(METHODS as readonly string[]).includes(op.method)) continue;
      let byMethod = byPath.get(op.path);
      if (!byMethod) {
        byMethod = new Map();
        byPath.set(op.path, byMethod);
      }
      byMethod.set(op.method, {
        family,
        operationId: op.id,
        method: op.method,
        template: op.path,
        security: securityOf(op),
        request: requestOf(op),
        offers: offersOf(op),
        refusesAccept: Object.hasOwn(op.responses, '406'),
      });
    }
    for (const [template, found] of byPath) {
      // Allow lists the methods in one order whatever the spec's.
      const byMethod = new Map<string, Operation>();
      for (const method of METHODS) {
        const operation = found.get(method);
        if (operation) byMethod.set(method, operation);
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
