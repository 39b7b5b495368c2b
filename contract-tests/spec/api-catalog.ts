// One index over both specs: operations with their documented responses, rules and error codes.
// Everything the suite knows about the API comes from here, so a spec change moves the suite with it.
import {
  type JsonSchema,
  loadSpec,
  type OpenApiDocument,
  type RuleDefinition,
  resolveRef,
  type SpecName,
} from '../../lib/spec.ts';

export type Family = SpecName;
/** The host an operation lives on (x-host of the jobs spec; NextGen has one host). */
export type Host = 'main' | 'servicedesk' | 'serviceapp' | 'nextgen';

export type DocumentedResponse = {
  status: string;
  /** Media type -> schema (as written in the spec, refs unresolved). */
  content: Map<string, JsonSchema>;
  headers: string[];
};

export type Operation = {
  family: Family;
  operationId: string;
  method: string;
  path: string;
  host: Host;
  permission?: string;
  rules: string[];
  requestContentTypes: string[];
  requestSchema?: JsonSchema;
  responses: Map<string, DocumentedResponse>;
  /** HTTP authentication schemes the operation accepts (`Basic`, `Bearer`), from its security requirement. */
  authSchemes: string[];
};

export type Rule = RuleDefinition & { family: Family };
export type ErrorCodeDefinition = { code: string; status: number; meaning: string; source: string };

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

function derefResponse(family: Family, response: Record<string, unknown>): Record<string, unknown> {
  const ref = response.$ref;
  return typeof ref === 'string' ? (resolveRef(family, ref) as Record<string, unknown>) : response;
}

/** The schemes of a security requirement list, as a challenge names them (RFC 9110 section 11.6.1). */
function authSchemesOf(doc: OpenApiDocument, security: unknown): string[] {
  const schemes = ((doc.components as Record<string, unknown> | undefined)?.securitySchemes ?? {}) as Record<
    string,
    { type?: string; scheme?: string }
  >;
  const names = ((security ?? []) as Record<string, unknown>[]).flatMap((r) => Object.keys(r));
  const out = names
    .map((n) => schemes[n])
    .filter((s) => s?.type === 'http' && typeof s.scheme === 'string')
    .map((s) => `${s?.scheme?.charAt(0).toUpperCase()}${s?.scheme?.slice(1).toLowerCase()}`);
  return [...new Set(out)];
}

function operationsOf(family: Family, doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op) continue;
      const responses = new Map<string, DocumentedResponse>();
      for (const [status, raw] of Object.entries(op.responses as Record<string, Record<string, unknown>>)) {
        const r = derefResponse(family, raw);
        const content = new Map<string, JsonSchema>();
        for (const [type, media] of Object.entries(
          (r.content ?? {}) as Record<string, { schema: JsonSchema }>,
        )) {
          content.set(type, media.schema);
        }
        responses.set(status, { status, content, headers: Object.keys((r.headers ?? {}) as object) });
      }
      const body = op.requestBody as { content: Record<string, { schema: JsonSchema }> } | undefined;
      const requestTypes = Object.keys(body?.content ?? {});
      const firstType = requestTypes[0];
      const operation: Operation = {
        family,
        operationId: op.operationId as string,
        method: method.toUpperCase(),
        path,
        host: family === 'nextgen' ? 'nextgen' : (op['x-host'] as Host),
        rules: (op['x-rules'] as string[] | undefined) ?? [],
        requestContentTypes: requestTypes,
        responses,
        authSchemes: authSchemesOf(doc, op.security ?? doc.security),
      };
      if (typeof op['x-permission'] === 'string') operation.permission = op['x-permission'];
      if (firstType && body) operation.requestSchema = body.content[firstType]?.schema ?? {};
      out.push(operation);
    }
  }
  return out;
}

export type ApiCatalog = {
  operations: Map<string, Operation>;
  rules: Map<string, Rule>;
  errorCodes: Map<string, ErrorCodeDefinition>;
};

let catalog: ApiCatalog | undefined;

/** The catalogue of both specs, built once per process. */
export function apiCatalog(): ApiCatalog {
  if (catalog) return catalog;
  const operations = new Map<string, Operation>();
  const rules = new Map<string, Rule>();
  const errorCodes = new Map<string, ErrorCodeDefinition>();
  for (const family of ['jobs', 'nextgen'] as const) {
    const doc = loadSpec(family);
    for (const op of operationsOf(family, doc)) operations.set(op.operationId, op);
    for (const rule of doc['x-rules']) rules.set(rule.id, { ...rule, family });
    for (const [code, def] of Object.entries(doc['x-error-codes'] ?? {}))
      errorCodes.set(code, { code, ...def });
  }
  catalog = { operations, rules, errorCodes };
  return catalog;
}

export function operation(operationId: string): Operation {
  const op = apiCatalog().operations.get(operationId);
  if (!op) throw new Error(`no operation ${operationId} in the specs`);
  return op;
}

/** A component schema of a spec, refs unresolved. */
export function componentSchema(family: Family, name: string): JsonSchema {
  return resolveRef(family, `#/components/schemas/${name}`) as JsonSchema;
}

/**
 * Conformance checks that are not documented rules of the API but of OpenAPI and HTTP themselves.
 * They carry these ids so that every failure names a rule.
 */
export const GENERIC_RULES: Record<string, { source: string; summary: string }> = {
  'OAS-STATUS': { source: 'OpenAPI 3.1', summary: 'The response status is one the operation documents.' },
  'OAS-CONTENT-TYPE': {
    source: 'OpenAPI 3.1',
    summary: 'The response content type is one the operation documents for that status.',
  },
  'OAS-SCHEMA': {
    source: 'OpenAPI 3.1',
    summary: 'The response body validates against the documented schema.',
  },
  'OAS-HEADERS': {
    source: 'OpenAPI 3.1',
    summary: 'The response carries the headers documented for its status.',
  },
  'HTTP-NO-5XX': { source: 'RFC 9110', summary: 'No request a client can send makes the server fail (5xx).' },
  'HTTP-CONTENT-NEGOTIATION': {
    source: 'vendor-apis (Formats); ASSUMPTIONS.md A19',
    summary: 'An Accept header the API does not serve answers 406; a body type it does not read answers 415.',
  },
  'HTTP-WRITE-PERSISTS': {
    source: 'RFC 9110 sections 9.3.4 and 5.1.4',
    summary: 'After a successful PUT or PATCH, reading the resource shows the change.',
  },
  'HTTP-PREFER-MINIMAL': {
    source: 'RFC 7240; vendor-apis (Status codes)',
    summary: 'With Prefer: return=minimal a write answers only {"id"}.',
  },
  'HTTP-EXPECTATION': {
    source: 'RFC 9110 section 10.1.1; ASSUMPTIONS.md A12',
    summary: 'An Expect header the server cannot meet answers 417.',
  },
  'NEXTGEN-LIST-QUERY': {
    source: 'vendor-apis (List conventions); ASSUMPTIONS.md N12, N13, N16',
    summary:
      'The type list filters (id and code repeatable, description with * wildcards), sorts (_order), pages (_page[num], _page[size]), trims (_fields) and translates (_language) as its conventions say.',
  },
  'HTTP-AUTH-CHALLENGE': {
    source: 'RFC 9110 section 11.6.1; the securitySchemes of the specs',
    summary: 'A 401 carries a WWW-Authenticate challenge for a scheme the operation accepts (Basic, Bearer).',
  },
  'NEXTGEN-ERROR-ENVELOPE': {
    source: 'ASSUMPTIONS.md N1',
    summary:
      "A NextGen error body's status is the HTTP status it came with, and its path the request's path.",
  },
  'XML-SHAPE': {
    source: 'xml keywords of the specs; samples of documents 002 and 003; ASSUMPTIONS.md A6',
    summary:
      'An XML answer has the root element the schema names, the XMLSchema-instance namespace of the samples, and its elements in the ordinal order DataContract writes, each one a documented field.',
  },
  'NEXTGEN-ERROR-STATUS': {
    source: 'ASSUMPTIONS.md N1 (x-error-codes)',
    summary: 'A NextGen error code travels with the HTTP status x-error-codes gives it.',
  },
};

export type RuleInfo = { id: string; source: string; summary: string; section?: string };

/** Source and summary of a rule id, documented or generic. */
export function ruleInfo(id: string): RuleInfo {
  const rule = apiCatalog().rules.get(id);
  if (rule) return { id, source: rule.source, summary: rule.summary, section: rule.section };
  const generic = GENERIC_RULES[id];
  if (generic) return { id, ...generic };
  return { id, source: 'unknown', summary: '' };
}
