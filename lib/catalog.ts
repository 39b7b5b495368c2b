// The specs of both API families resolved once and indexed by operation: what the mock, the
// contract suite, the fixtures, the XML codec and the fidelity check read about an operation.
// Pure (no `node:` import): the documents come in as parsed values, so a browser host can build it
// too; `catalog()` in lib/spec-runtime.ts is the one of the documents the host gives.
import type { operations as JobsOperations } from '../generated/jobs.ts';
import type { operations as NextGenOperations } from '../generated/nextgen.ts';
import type { JsonSchema, OpenApiDocument, RuleDefinition, SpecName } from './spec-runtime.ts';

export type JobsOperationId = keyof JobsOperations;
export type NextGenOperationId = keyof NextGenOperations;
export type OperationId = JobsOperationId | NextGenOperationId;

/**
 * Keyword added to a resolved component schema: the component's name. `$ref`s are replaced by the
 * schemas they name, so this is where the name survives (the XML codec names elements by it).
 */
export const COMPONENT_NAME = 'x-component';

export type Parameter = {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  description?: string;
  style?: string;
  explode?: boolean;
  schema: JsonSchema;
};

/** One answer of an operation: its schema per media type (no content: no body). */
export type ResponseEntry = {
  description: string;
  headers: Record<string, JsonSchema>;
  content: Record<string, JsonSchema>;
  /** The documented examples per media type, by name (what `Prefer: example=` picks, mock/http/scenario.ts). */
  examples: Record<string, Record<string, { value?: unknown; externalValue?: string }>>;
  /** NextGen error codes this answer may carry (its schema's `code` enum); empty for the jobs family. */
  errorCodes: string[];
};

export type ErrorCodeDefinition = { status: number; meaning: string; source: string };

export type Operation = {
  id: OperationId;
  family: SpecName;
  method: string;
  /** The path template as the spec writes it, e.g. `/api/Jobs({id})`, `/work-orders/r1/types/{typeId}`. */
  path: string;
  summary: string;
  /** `x-source`: the source document (000-004) or `vendor-apis`. */
  source: string | undefined;
  /** `x-host` of the jobs family (`serviceapp`, `servicedesk`). */
  host: string | undefined;
  parameters: Parameter[];
  /** Request body schema per media type; undefined when the operation takes no body. */
  requestBody: { required: boolean; content: Record<string, JsonSchema> } | undefined;
  /** Per status ('200', '404', ...). */
  responses: Record<string, ResponseEntry>;
  /** Names of the security schemes that may authenticate the call; empty: none needed. */
  security: string[];
  /** `x-permission` (NextGen). */
  permission: string | undefined;
  /** The documented rules of the operation (`x-rules`), with their status and code. */
  rules: RuleDefinition[];
};

export type Catalog = {
  readonly operations: ReadonlyMap<OperationId, Operation>;
  operation(id: OperationId): Operation;
  /** Operations of a family, in the spec's order. */
  family(name: SpecName): Operation[];
  /** A resolved component schema by name. */
  schema(family: SpecName, name: string): JsonSchema;
  /** Resolves a `$ref` kept in a resolved schema (a self-reference) to the resolved component. */
  resolve(family: SpecName, ref: string): JsonSchema;
  /** The same as a function of one family, as the XML codec takes it (one per family, so its caches hold). */
  resolver(family: SpecName): (ref: string) => JsonSchema;
  rule(family: SpecName, id: string): RuleDefinition;
  rules(family: SpecName): readonly RuleDefinition[];
  /** NextGen's `x-error-codes`: status and meaning of each code. */
  readonly errorCodes: Readonly<Record<string, ErrorCodeDefinition>>;
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** `#/components/schemas/x` → ['schemas', 'x']; only local component refs are used in our specs. */
function componentOf(ref: string): [string, string] {
  const m = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
  if (!m?.[1] || !m[2]) throw new Error(`only local component refs are used in our specs: ${ref}`);
  return [m[1], m[2].replace(/~1/g, '/').replace(/~0/g, '~')];
}

export type SchemaResolution = {
  /** A copy of a node of the document with its `$ref`s resolved. */
  walk(node: unknown): unknown;
  /** The resolved component a local ref names (`#/components/<kind>/<name>`). */
  resolveRef(ref: string): unknown;
};

/**
 * Replaces `$ref`s by what they name, resolving each component once (every use shares the one
 * object). A reference back to a schema that is being resolved (a self-reference such as
 * `jobs_write._parent_job`) stays a `$ref`. Sibling keywords of a `$ref` are laid over the resolved
 * schema (they describe this use of it). Alone, without the operation index, it serves checks that
 * read only the schemas of a document (spec/fidelity.ts).
 */
export function schemaResolver(doc: Pick<OpenApiDocument, 'components'>): SchemaResolution {
  const components = doc.components as Record<string, Record<string, unknown>>;
  const done = new Map<string, unknown>();
  const open = new Set<string>();

  const resolveRef = (ref: string): unknown => {
    const [kind, name] = componentOf(ref);
    const key = `${kind}/${name}`;
    if (open.has(key)) return undefined; // walk() keeps this $ref
    const cached = done.get(key);
    if (cached !== undefined) return cached;
    const target = components[kind]?.[name];
    if (target === undefined) throw new Error(`unresolved ref ${ref}`);
    open.add(key);
    const resolved = walk(target);
    open.delete(key);
    const named = kind === 'schemas' && isObj(resolved) ? { ...resolved, [COMPONENT_NAME]: name } : resolved;
    done.set(key, named);
    return named;
  };

  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObj(node)) return node;
    if (typeof node.$ref === 'string') {
      const { $ref, ...siblings } = node;
      const target = resolveRef($ref);
      if (target === undefined) return node; // the self-reference stays
      if (Object.keys(siblings).length === 0) return target;
      return { ...(target as Obj), ...(walk(siblings) as Obj) };
    }
    const out: Obj = {};
    for (const [k, v] of Object.entries(node)) out[k] = walk(v);
    return out;
  };
  return { walk, resolveRef };
}

export function createCatalog(docs: Record<SpecName, OpenApiDocument>): Catalog {
  const operations = new Map<OperationId, Operation>();
  const byFamily = new Map<SpecName, Operation[]>();
  const resolvers = new Map<SpecName, SchemaResolution>();
  const refFunctions = new Map<SpecName, (ref: string) => JsonSchema>();
  const ruleMaps = new Map<SpecName, Map<string, RuleDefinition>>();

  for (const family of Object.keys(docs) as SpecName[]) {
    const doc = docs[family];
    const r = schemaResolver(doc);
    resolvers.set(family, r);
    refFunctions.set(family, (ref) => r.resolveRef(ref) as JsonSchema);
    const rules = new Map((doc['x-rules'] ?? []).map((rule) => [rule.id, rule]));
    ruleMaps.set(family, rules);
    const list: Operation[] = [];
    for (const [path, rawItem] of Object.entries(doc.paths)) {
      const item = r.walk(rawItem) as Obj;
      const shared = (item.parameters as Parameter[] | undefined) ?? [];
      for (const method of METHODS) {
        const op = item[method] as Obj | undefined;
        if (!op) continue;
        const own = (op.parameters as Parameter[] | undefined) ?? [];
        // Operation parameters override path-item ones of the same name and place (OpenAPI 3.1).
        const parameters = [
          ...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)),
          ...own,
        ].map((p) => ({ ...p, required: p.required === true }));
        const body = op.requestBody as { required?: boolean; content?: Record<string, Obj> } | undefined;
        const operation: Operation = {
          id: op.operationId as OperationId,
          family,
          method: method.toUpperCase(),
          path,
          summary: String(op.summary ?? ''),
          source: op['x-source'] as string | undefined,
          host: op['x-host'] as string | undefined,
          parameters,
          requestBody: body && {
            required: body.required === true,
            content: schemasOf(body.content),
          },
          responses: responsesOf(op.responses as Record<string, Obj>),
          security: ((op.security ?? doc.security ?? []) as Record<string, unknown>[]).flatMap((s) =>
            Object.keys(s),
          ),
          permission: op['x-permission'] as string | undefined,
          rules: ((op['x-rules'] as string[] | undefined) ?? []).map((id) => {
            const rule = rules.get(id);
            if (!rule) throw new Error(`${String(op.operationId)} names rule ${id}, which x-rules lacks`);
            return rule;
          }),
        };
        if (operations.has(operation.id)) throw new Error(`operation ${operation.id} is defined twice`);
        operations.set(operation.id, operation);
        list.push(operation);
      }
    }
    byFamily.set(family, list);
  }

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(what);
    return value;
  };
  const familyResolver = (family: SpecName) =>
    need(resolvers.get(family), `no ${family} spec in the catalog`);
  return {
    operations,
    operation: (id) => need(operations.get(id), `no operation ${id}`),
    family: (name) => byFamily.get(name) ?? [],
    schema: (family, name) =>
      familyResolver(family).resolveRef(
        `#/components/schemas/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      ) as JsonSchema,
    resolve: (family, ref) => familyResolver(family).resolveRef(ref) as JsonSchema,
    resolver: (family) => need(refFunctions.get(family), `no ${family} spec in the catalog`),
    rule: (family, id) => need(ruleMaps.get(family)?.get(id), `no rule ${id} in the ${family} spec`),
    rules: (family) => [...(ruleMaps.get(family)?.values() ?? [])],
    errorCodes: (docs.nextgen?.['x-error-codes'] ?? {}) as Record<string, ErrorCodeDefinition>,
  };
}

function schemasOf(content: Record<string, Obj> | undefined): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [mediaType, entry] of Object.entries(content ?? {})) out[mediaType] = entry.schema as JsonSchema;
  return out;
}

function responsesOf(responses: Record<string, Obj>): Record<string, ResponseEntry> {
  const out: Record<string, ResponseEntry> = {};
  for (const [status, r] of Object.entries(responses ?? {})) {
    const content = schemasOf(r.content as Record<string, Obj> | undefined);
    const headers: Record<string, JsonSchema> = {};
    for (const [name, h] of Object.entries((r.headers as Record<string, Obj> | undefined) ?? {}))
      headers[name] = (h.schema ?? {}) as JsonSchema;
    const code = (content['application/json']?.properties as Obj | undefined)?.code as Obj | undefined;
    const examples: ResponseEntry['examples'] = {};
    for (const [mediaType, entry] of Object.entries((r.content as Record<string, Obj> | undefined) ?? {}))
      if (isObj(entry.examples)) examples[mediaType] = entry.examples as ResponseEntry['examples'][string];
    out[status] = {
      description: String(r.description ?? ''),
      headers,
      content,
      examples,
      errorCodes: Array.isArray(code?.enum) ? (code.enum as string[]) : [],
    };
  }
  return out;
}
