// The suite's view of the one catalog (lib/catalog.ts), which resolves both specs once and indexes
// them by the generated operation ids. The suite adds only what it reads differently: the host whose
// base URL an operation is sent to, the schemes its 401 must challenge with, rules and error codes
// looked up by id across both families, and the generic rules of OpenAPI and HTTP its checks report.
import type { Operation as CatalogOperation, ErrorCodeDefinition, OperationId } from '../../lib/catalog.ts';
import {
  catalog,
  type JsonSchema,
  loadSpec,
  type RuleDefinition,
  SPEC_NAMES,
  type SpecName,
} from '../../lib/spec.ts';

export type { OperationId };
export type Family = SpecName;
/** The host an operation lives on (x-host of the jobs spec; NextGen has one host). */
export type Host = 'main' | 'servicedesk' | 'serviceapp' | 'nextgen';

export type Operation = CatalogOperation & {
  host: Host;
  /** HTTP authentication schemes the operation accepts (`Basic`, `Bearer`), from its security requirement. */
  authSchemes: string[];
};

type Rule = RuleDefinition & { family: Family };

type ApiCatalog = {
  operations: ReadonlyMap<OperationId, Operation>;
  /** Documented rules of both specs by id (the ids are unique across the two). */
  rules: ReadonlyMap<string, Rule>;
  /** NextGen's `x-error-codes` by code. */
  errorCodes: ReadonlyMap<string, ErrorCodeDefinition>;
};

/** The scheme names of a security requirement, as a challenge writes them (RFC 9110 section 11.6.1). */
function authSchemesOf(family: Family, security: string[]): string[] {
  // The catalog keeps the names of the schemes; their HTTP scheme is in the document's components.
  const schemes = (loadSpec(family).components.securitySchemes ?? {}) as Record<
    string,
    { type?: string; scheme?: string }
  >;
  const out = security
    .map((name) => schemes[name])
    .filter((s) => s?.type === 'http' && typeof s.scheme === 'string')
    .map((s) => `${s?.scheme?.charAt(0).toUpperCase()}${s?.scheme?.slice(1).toLowerCase()}`);
  return [...new Set(out)];
}

let view: ApiCatalog | undefined;

/** The view of both specs, built once per process. */
export function apiCatalog(): ApiCatalog {
  if (view) return view;
  const operations = new Map<OperationId, Operation>();
  const rules = new Map<string, Rule>();
  for (const family of SPEC_NAMES) {
    for (const op of catalog().family(family)) {
      const host = family === 'nextgen' ? 'nextgen' : (op.host as Host);
      operations.set(op.id, { ...op, host, authSchemes: authSchemesOf(family, op.security) });
    }
    for (const rule of catalog().rules(family)) {
      // Cases and reports name a rule by its id alone.
      if (rules.has(rule.id)) throw new Error(`rule ${rule.id} is defined in both specs`);
      rules.set(rule.id, { ...rule, family });
    }
  }
  view = { operations, rules, errorCodes: new Map(Object.entries(catalog().errorCodes)) };
  return view;
}

export function operation(id: OperationId): Operation {
  const op = apiCatalog().operations.get(id);
  if (!op) throw new Error(`no operation ${id} in the specs`);
  return op;
}

/** The media types an operation documents for a status, in the spec's order (none: no body). */
export function responseTypes(op: Operation, status: string | number): string[] {
  return Object.keys(op.responses[String(status)]?.content ?? {});
}

/** A component schema of a spec, resolved (a self-reference stays a `$ref`; lib/catalog.ts). */
export function componentSchema(family: Family, name: string): JsonSchema {
  return catalog().schema(family, name);
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

type RuleInfo = { id: string; source: string; summary: string; section?: string };

/** Source and summary of a rule id, documented or generic. */
export function ruleInfo(id: string): RuleInfo {
  const rule = apiCatalog().rules.get(id);
  if (rule) return { id, source: rule.source, summary: rule.summary, section: rule.section };
  const generic = GENERIC_RULES[id];
  if (generic) return { id, ...generic };
  return { id, source: 'unknown', summary: '' };
}
