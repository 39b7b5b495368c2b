// Compares the documented facts (spec/documented-facts.json) with the specs and lists every difference.
// A pure function so that its test can also feed it broken specs and see it complain.
import { COMPONENT_NAME, type SchemaResolution, schemaResolver } from '../lib/catalog.ts';
import type { DocumentedField, DocumentedTable } from './seed-tables.ts';

type Schema = Record<string, unknown>;
type Spec = {
  components: { schemas: Record<string, Schema> };
  paths: Record<string, Record<string, Schema>>;
  [k: string]: unknown;
};
export type Specs = { jobs: Spec; nextgen: Spec };
export type Facts = {
  documents: {
    id: string;
    spec: 'jobs' | 'nextgen';
    operationId: string;
    tables: DocumentedTable[];
    errorCodes?: string[];
  }[];
  sampleEntities: { entities: Record<string, Record<string, string>> };
  sampleOnlyFields: { schema: string; name: string }[];
  rules: { id: string; spec: 'jobs' | 'nextgen'; source: string }[];
};

// Which spec schema carries each documented table.
const SCHEMA_OF_TABLE: Record<string, string> = {
  'request:jobs': 'jobs_write',
  'response:jobs': 'jobs',
  'response:jobs_view': 'jobs_view',
  'request:job_part_usage': 'job_part_usage',
  'response:job_part_usage': 'job_part_usage_saved',
  'request:work_order_type': 'WorkOrderTypePatch',
};

// How the help pages' type words map to JSON Schema (the issue's mapping; ASSUMPTIONS.md A2).
const TYPE_OF: Record<string, { type: string; format?: string; ref?: string }> = {
  'globally unique identifier': { type: 'string', format: 'uuid' },
  string: { type: 'string' },
  integer: { type: 'integer' },
  date: { type: 'string', format: 'date-time' },
  boolean: { type: 'boolean' },
  'decimal number': { type: 'number' },
  jobs: { type: 'object', ref: 'jobs_write' },
  project: { type: 'object', ref: 'project' },
  job_type: { type: 'object', ref: 'job_type' },
  job_priority: { type: 'object', ref: 'job_priority' },
  user: { type: 'object', ref: 'user' },
  skill: { type: 'object', ref: 'skill' },
};

const SAMPLE_TYPE: Record<string, { type: string; format?: string }> = {
  uuid: { type: 'string', format: 'uuid' },
  string: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  'date-time': { type: 'string', format: 'date-time' },
};

const resolutions = new WeakMap<Spec, SchemaResolution>();
const resolutionOf = (spec: Spec): SchemaResolution => {
  let r = resolutions.get(spec);
  if (!r) {
    r = schemaResolver(spec);
    resolutions.set(spec, r);
  }
  return r;
};

/** Properties and required names of a component schema, through allOf, resolved by the catalog's resolver. */
function flatten(
  spec: Spec,
  name: string,
): { properties: Record<string, Schema>; required: Set<string>; groups: string[][] } {
  const properties: Record<string, Schema> = {};
  const required = new Set<string>();
  const groups: string[][] = [];
  const visit = (s: Schema): void => {
    Object.assign(properties, (s.properties as Record<string, Schema>) ?? {});
    for (const r of (s.required as string[]) ?? []) required.add(r);
    for (const part of (s.allOf as Schema[]) ?? []) {
      const anyOf = part.anyOf as Schema[] | undefined;
      if (anyOf?.every((a) => Array.isArray(a.required) && (a.required as string[]).length === 1)) {
        groups.push(anyOf.map((a) => (a.required as string[])[0] ?? ''));
      } else visit(part);
    }
  };
  visit(resolutionOf(spec).resolveRef(`#/components/schemas/${name}`) as Schema);
  return { properties, required, groups };
}

const typesOf = (p: Schema): string[] =>
  Array.isArray(p.type) ? (p.type as string[]) : p.type ? [p.type as string] : [];
/** The component a (resolved) property schema is, directly or as `allOf: [x]`; a kept self-reference by its $ref. */
const refOf = (p: Schema): string | undefined => {
  const s = (p.allOf as Schema[] | undefined)?.[0] ?? p;
  return (s[COMPONENT_NAME] as string | undefined) ?? (s.$ref as string | undefined)?.split('/').pop();
};

function checkField(where: string, f: DocumentedField, p: Schema | undefined, isNextGen: boolean): string[] {
  if (!p) return [`${where}: documented field '${f.name}' is missing from the spec`];
  const problems: string[] = [];
  if (f.type) {
    const want = TYPE_OF[f.type];
    if (!want) problems.push(`${where}.${f.name}: no mapping for documented type '${f.type}'`);
    else if (want.ref) {
      if (refOf(p) !== want.ref)
        problems.push(`${where}.${f.name}: documented as ${f.type}, spec refers to ${refOf(p) ?? 'nothing'}`);
    } else {
      if (!typesOf(p).includes(want.type))
        problems.push(
          `${where}.${f.name}: documented type ${want.type}, spec has ${typesOf(p).join('|') || 'none'}`,
        );
      if (want.format && p.format !== want.format)
        problems.push(`${where}.${f.name}: documented format ${want.format}, spec has ${String(p.format)}`);
    }
  }
  if (f.maxLength !== undefined) {
    // NextGen numbers with a "max length" are limited in digits (ASSUMPTIONS.md N3).
    const digits = isNextGen && typesOf(p).includes('integer');
    const have = digits ? p['x-max-digits'] : p.maxLength;
    if (have !== f.maxLength)
      problems.push(`${where}.${f.name}: documented max length ${f.maxLength}, spec has ${String(have)}`);
    if (digits && p.maximum !== 10 ** f.maxLength - 1)
      problems.push(`${where}.${f.name}: maximum must be ${10 ** f.maxLength - 1}`);
  } else if (typeof p.maxLength === 'number' && !isNextGen) {
    problems.push(`${where}.${f.name}: spec sets maxLength ${p.maxLength}, the document gives none`);
  }
  if (f.availableSince && p['x-available-since'] !== f.availableSince)
    problems.push(`${where}.${f.name}: documented as available since ${f.availableSince}`);
  if (f.unique && p['x-unique'] !== true) problems.push(`${where}.${f.name}: documented as unique`);
  if (f.referenceCheck && typeof p['x-references'] !== 'string')
    problems.push(`${where}.${f.name}: documented existence check missing (x-references)`);
  return problems;
}

export function checkFidelity(facts: Facts, specs: Specs): string[] {
  const problems: string[] = [];
  for (const doc of facts.documents) {
    const spec = specs[doc.spec];
    const isNextGen = doc.spec === 'nextgen';
    const operation = Object.values(spec.paths)
      .flatMap((item) => Object.values(item))
      .find((op) => op.operationId === doc.operationId);
    if (!operation) problems.push(`${doc.id}: operation ${doc.operationId} is missing`);
    for (const table of doc.tables) {
      if (table.table === 'uri') continue;
      const name = SCHEMA_OF_TABLE[table.table];
      const schema = name ? spec.components.schemas[name] : undefined;
      if (!name || !schema) {
        problems.push(`${doc.id}: no schema for table ${table.table}`);
        continue;
      }
      const { properties, required, groups } = flatten(spec, name);
      const where = `${doc.id} ${name}`;
      for (const f of table.fields) {
        problems.push(...checkField(where, f, properties[f.name], isNextGen));
        if (f.required && !required.has(f.name)) problems.push(`${where}.${f.name}: documented as required`);
        if (f.oneOfGroup && !groups.some((g) => g.join() === f.oneOfGroup?.join())) {
          problems.push(`${where}.${f.name}: "one of ${f.oneOfGroup.join(', ')}" group is missing`);
        }
      }
      const documented = new Set(table.fields.map((f) => f.name));
      const extra = new Set(facts.sampleOnlyFields.filter((s) => s.schema === name).map((s) => s.name));
      for (const p of Object.keys(properties)) {
        if (!documented.has(p) && !extra.has(p))
          problems.push(`${where}.${p}: in the spec but not in the document`);
      }
    }
    for (const code of doc.errorCodes ?? []) {
      const codes = (specs.nextgen['x-error-codes'] ?? {}) as Record<string, unknown>;
      if (!codes[code]) problems.push(`${doc.id}: error code ${code} has no status in x-error-codes`);
      const described = Object.values((operation?.responses as Record<string, Schema>) ?? {}).some((r) =>
        String(r.description ?? '').includes(code),
      );
      if (!described)
        problems.push(`${doc.id}: error code ${code} is attached to no response of ${doc.operationId}`);
    }
  }
  for (const [entity, fields] of Object.entries(facts.sampleEntities.entities)) {
    const schema = specs.jobs.components.schemas[entity];
    if (!schema) {
      problems.push(`sample entity ${entity} has no schema`);
      continue;
    }
    const { properties } = flatten(specs.jobs, entity);
    for (const [name, t] of Object.entries(fields)) {
      const p = properties[name];
      if (!p) problems.push(`sample ${entity}.${name} is missing from the spec`);
      else if (t.startsWith('ref:') && refOf(p) !== t.slice(4))
        problems.push(`sample ${entity}.${name}: expected a ${t.slice(4)}`);
      else if (t.startsWith('array:') && refOf((p.items as Schema) ?? {}) !== t.slice(6))
        problems.push(`sample ${entity}.${name}: expected items ${t.slice(6)}`);
      else if (
        SAMPLE_TYPE[t] &&
        (!typesOf(p).includes(SAMPLE_TYPE[t].type) ||
          (SAMPLE_TYPE[t].format && p.format !== SAMPLE_TYPE[t].format))
      ) {
        problems.push(`sample ${entity}.${name}: the sample shows ${t}`);
      }
    }
  }
  for (const rule of facts.rules) {
    const inSpec = ((specs[rule.spec]['x-rules'] as { id: string; source: string }[]) ?? []).find(
      (r) => r.id === rule.id,
    );
    if (!inSpec) problems.push(`rule ${rule.id} is missing from the ${rule.spec} spec's x-rules`);
    else if (inSpec.source !== rule.source)
      problems.push(`rule ${rule.id}: source ${inSpec.source}, facts say ${rule.source}`);
  }
  return problems;
}
