// The specs as every part uses them: the documents, the catalog (lib/catalog.ts) and the ajv
// validators of their schemas, each made once per process. Imports no `node:` module: the host gives
// the documents (useSpecSource). Shared by the mock and the contract suite: both must judge bodies
// by the same rules.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { type Catalog, COMPONENT_NAME, createCatalog, type OperationId } from './catalog.ts';
import { int64Of } from './int64.ts';

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = formatsPlugin as unknown as typeof formatsPlugin.default;

export const SPEC_NAMES = ['jobs', 'nextgen'] as const;
export type SpecName = (typeof SPEC_NAMES)[number];
export type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema>; [k: string]: unknown };
  'x-rules': RuleDefinition[];
  'x-error-codes'?: Record<string, { status: number; meaning: string; source: string }>;
  [k: string]: unknown;
};
export type JsonSchema = Record<string, unknown>;
export type RuleDefinition = {
  id: string;
  source: string;
  section: string;
  summary: string;
  operations: string[];
  enforcedBy: 'schema' | 'server';
  status?: number;
  errorCode?: string;
  fields?: string[];
};

const documents = new Map<SpecName, OpenApiDocument>();
let source: ((name: SpecName) => OpenApiDocument) | undefined;

/**
 * Where the documents come from, given once by the host before the first use: lib/spec.ts reads
 * spec/*.yaml under Node; a browser host hands in the bundled documents.
 */
export function useSpecSource(read: (name: SpecName) => OpenApiDocument): void {
  if (source === read) return;
  if (documents.size > 0) throw new Error('the spec documents are already in use; give their source first');
  source = read;
}

/** The OpenAPI document of a family, read once. */
export function loadSpec(name: SpecName): OpenApiDocument {
  let doc = documents.get(name);
  if (!doc) {
    if (!source)
      throw new Error('no source of the spec documents: import lib/spec.ts or call useSpecSource()');
    doc = source(name);
    documents.set(name, doc);
  }
  return doc;
}

let catalogInstance: Catalog | undefined;

/** The catalog of both specs (lib/catalog.ts), built on first use. */
export function catalog(): Catalog {
  catalogInstance ??= createCatalog({ jobs: loadSpec('jobs'), nextgen: loadSpec('nextgen') });
  return catalogInstance;
}

const schemaId = (name: SpecName) => `https://work-order-contracts.invalid/${name}.json`;

// .NET writes DateTime values of unspecified kind without an offset (e.g. the "no value" default
// 1980-01-01T00:00:00), so an offset is optional here (ASSUMPTIONS.md A3).
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})?$/i;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
// Every date-time of every body passes here: no Date or array is made for it.
function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day >= 1 && day <= days && Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 60;
}

function createAjv(): Ajv2020 {
  // strictSchema off: OpenAPI adds keywords of its own (xml, example, x-*) that are not JSON Schema.
  const ajv = new Ajv2020({
    allErrors: true,
    strictSchema: false,
    strictTypes: false,
    validateFormats: true,
  });
  addFormats(ajv, ['uuid', 'uri', 'email']);
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => int64Of(n) !== undefined });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addKeyword({ keyword: INT64_KEYWORD, schemaType: 'object', validate: validateInt64, errors: true });
  for (const name of SPEC_NAMES) {
    const components = forAjv(loadSpec(name).components, schemaId(name)) as JsonSchema;
    ajv.addSchema({ $id: schemaId(name), components }, schemaId(name));
  }
  return ajv;
}

// ajv's `type: integer` refuses a bigint, and a JSON parser that keeps int64 values without loss
// (ASSUMPTIONS.md N23) gives bigints above 2^53. So `{type: integer, format: int64}` is handed to
// ajv as one keyword that checks the type, the int64 range and minimum/maximum for numbers and
// bigints alike. Its errors carry the keywords ajv would have used (type, minimum, maximum,
// format), so x-rules-by-keyword still names their rule.
const INT64_KEYWORD = 'x-int64';
type Int64Bounds = { nullable: boolean; minimum?: number; maximum?: number };

/** A copy of a schema for ajv: local $refs based on the spec's id, int64 as one keyword (above). */
function forAjv(node: unknown, base: string): unknown {
  if (Array.isArray(node)) return node.map((n) => forAjv(n, base));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${base}${v}` : forAjv(v, base);
  }
  const types = Array.isArray(out.type) ? out.type : [out.type];
  if (out.format !== 'int64' || !types.includes('integer')) return out;
  const { type: _type, format: _format, minimum, maximum, ...rest } = out;
  const bounds: Int64Bounds = { nullable: types.includes('null') };
  if (typeof minimum === 'number') bounds.minimum = minimum;
  if (typeof maximum === 'number') bounds.maximum = maximum;
  return { ...rest, [INT64_KEYWORD]: bounds };
}

type KeywordError = Pick<ErrorObject, 'keyword' | 'params' | 'message'>;
type Int64Validate = ((bounds: Int64Bounds, data: unknown) => boolean) & { errors?: KeywordError[] };

const validateInt64: Int64Validate = (bounds, data) => {
  const fail = (error: KeywordError) => {
    validateInt64.errors = [error];
    return false;
  };
  if (data === null && bounds.nullable) return true;
  const whole = typeof data === 'bigint' || (typeof data === 'number' && Number.isInteger(data));
  if (!whole) {
    const type = bounds.nullable ? 'integer,null' : 'integer';
    return fail({ keyword: 'type', params: { type }, message: `must be ${type}` });
  }
  const n = int64Of(data);
  if (n === undefined)
    return fail({ keyword: 'format', params: { format: 'int64' }, message: 'must match format "int64"' });
  if (bounds.minimum !== undefined && n < BigInt(bounds.minimum)) {
    const params = { comparison: '>=', limit: bounds.minimum };
    return fail({ keyword: 'minimum', params, message: `must be >= ${bounds.minimum}` });
  }
  if (bounds.maximum !== undefined && n > BigInt(bounds.maximum)) {
    const params = { comparison: '<=', limit: bounds.maximum };
    return fail({ keyword: 'maximum', params, message: `must be <= ${bounds.maximum}` });
  }
  return true;
};

let ajvInstance: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

/** The compiled validator of a schema of a spec, given as a JSON pointer such as '#/components/schemas/jobs'. */
export function validatorFor(spec: SpecName, pointer: string): ValidateFunction {
  const key = `${spec}${pointer}`;
  let validate = validators.get(key);
  if (!validate) {
    ajvInstance ??= createAjv();
    validate = ajvInstance.getSchema(`${schemaId(spec)}${pointer}`);
    if (!validate) throw new Error(`no schema at ${pointer} in the ${spec} spec`);
    validators.set(key, validate);
  }
  return validate;
}

/** Compiles an ad-hoc schema whose $refs point into a spec (e.g. a response schema given inline). */
export function compileInline(spec: SpecName, schema: JsonSchema): ValidateFunction {
  ajvInstance ??= createAjv();
  return ajvInstance.compile(forAjv(schema, schemaId(spec)) as JsonSchema);
}

/** The resolved component a local $ref ('#/components/schemas/x') names, from the catalog. */
export function resolveRef(spec: SpecName, ref: string): unknown {
  return catalog().resolve(spec, ref);
}

/**
 * The x-rule annotation nearest to the failing keyword of an ajv error, found by walking its schema
 * path through the resolved schema (a `$ref` step stays on the node, which is already resolved;
 * a kept self-reference is resolved by the catalog).
 */
export function ruleOfError(spec: SpecName, rootPointer: string, error: ErrorObject): string | undefined {
  const root = resolveRef(spec, rootPointer) as JsonSchema;
  let node: unknown = root;
  let rule = root['x-rule'] as string | undefined;
  for (const part of error.schemaPath.replace(/^#\/?/, '').split('/')) {
    if (part === '') continue;
    if (part === '$ref') {
      const ref = (node as JsonSchema).$ref;
      if (typeof ref === 'string') node = resolveRef(spec, ref.replace(/^[^#]*/, ''));
    } else node = (node as Record<string, unknown> | undefined)?.[decodeURIComponent(part)];
    if (node === undefined) break;
    const here = (node as JsonSchema)?.['x-rule'];
    if (typeof here === 'string') rule = here;
  }
  // Plain field rules (length, type, required) are named once per body schema, by keyword.
  const byKeyword = root['x-rules-by-keyword'] as Record<string, string> | undefined;
  return rule ?? byKeyword?.[error.keyword];
}

export type BodyValidator = {
  validate: ValidateFunction;
  /** The documented rule an error of `validate` breaks (x-rule, else x-rules-by-keyword). */
  ruleOf(error: ErrorObject): string | undefined;
};

/**
 * The validator of an operation's request body in one media type, compiled once; undefined when
 * the operation takes no body in that type. A component body is validated by its pointer, so its
 * rules are found as for `validatorFor`.
 */
export function requestBodyValidator(id: OperationId, mediaType: string): BodyValidator | undefined {
  const key = `${id} ${mediaType}`;
  if (bodyValidators.has(key)) return bodyValidators.get(key);
  const op = catalog().operation(id);
  const schema = op.requestBody?.content[mediaType];
  let result: BodyValidator | undefined;
  const component = schema?.[COMPONENT_NAME];
  if (typeof component === 'string') {
    const pointer = `#/components/schemas/${component}`;
    result = {
      validate: validatorFor(op.family, pointer),
      ruleOf: (e) => ruleOfError(op.family, pointer, e),
    };
  } else if (schema) result = { validate: compileInline(op.family, schema), ruleOf: () => undefined };
  bodyValidators.set(key, result);
  return result;
}
const bodyValidators = new Map<string, BodyValidator | undefined>();

export type { ErrorObject, ValidateFunction };
