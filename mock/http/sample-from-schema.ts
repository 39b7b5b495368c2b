// A body that satisfies a schema, made up from a seeded faker: what `Prefer: dynamic=true` answers
// for a response the mock has no state for. Optional properties are left out past a small depth so
// that recursive schemas (a job's parent job) end.
import { base, en, Faker } from '@faker-js/faker';

type Schema = Record<string, unknown>;
type Resolve = (ref: string) => unknown;

const MAX_DEPTH = 4;

/**
 * A schema with its allOf parts merged. Schemas come resolved from the catalog: the only `$ref`
 * left is a self-reference (a job's parent job), which `resolve` (the catalog's) gives, resolved.
 */
function merged(schema: Schema, resolve: Resolve): Schema {
  const { $ref, ...siblings } = schema;
  const s = typeof $ref === 'string' ? { ...(resolve($ref) as Schema), ...siblings } : schema;
  const parts = s.allOf as Schema[] | undefined;
  if (!parts) return s;
  const out: Schema = {
    ...s,
    allOf: undefined,
    properties: { ...((s.properties as Schema) ?? {}) },
    required: [...((s.required as string[]) ?? [])],
  };
  for (const p of parts) {
    const m = merged(p, resolve);
    if (m.anyOf && !m.properties) continue; // "one of these fields" groups: satisfied by filling every property.
    Object.assign(out.properties as Schema, m.properties ?? {});
    (out.required as string[]).push(...((m.required as string[]) ?? []));
    if (m.type && !out.type) out.type = m.type;
  }
  return out;
}

function stringFor(faker: Faker, s: Schema): string {
  switch (s.format) {
    case 'uuid':
      return faker.string.uuid();
    case 'date-time':
      return faker.date.between({ from: '2025-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' }).toISOString();
    case 'uri':
      return faker.internet.url();
    case 'email':
      return faker.internet.email();
  }
  const max = typeof s.maxLength === 'number' ? s.maxLength : 40;
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  let text = faker.lorem.words({ min: 1, max: 4 });
  while (text.length < min) text += ` ${faker.lorem.word()}`;
  return text.slice(0, Math.max(min, Math.min(max, text.length)));
}

function numberFor(faker: Faker, s: Schema, integer: boolean): number {
  const min = typeof s.minimum === 'number' ? s.minimum : 0;
  const max = typeof s.maximum === 'number' ? s.maximum : s.format === 'int32' || integer ? 1000 : 10_000;
  return integer
    ? faker.number.int({ min, max: Math.min(max, Number.MAX_SAFE_INTEGER) })
    : faker.number.float({ min, max, fractionDigits: 2 });
}

function sample(faker: Faker, schema: Schema, resolve: Resolve, depth: number): unknown {
  const s = merged(schema, resolve);
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return faker.helpers.arrayElement(s.enum as unknown[]);
  const choice = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (choice && !s.properties) return sample(faker, choice[0] ?? {}, resolve, depth);
  const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string | undefined];
  const type = types.find((t) => t !== 'null') ?? (s.properties ? 'object' : 'string');
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set((s.required as string[]) ?? []);
      for (const [name, prop] of Object.entries((s.properties as Record<string, Schema>) ?? {})) {
        if (depth >= MAX_DEPTH && !required.has(name)) continue;
        const p = merged(prop, resolve);
        if (depth >= 1 && !required.has(name) && (p.properties || p.type === 'array')) continue;
        out[name] = sample(faker, prop, resolve, depth + 1);
      }
      return out;
    }
    case 'array': {
      const max = typeof s.maxItems === 'number' ? Math.min(s.maxItems, 3) : 3;
      const min = typeof s.minItems === 'number' ? s.minItems : 1;
      return Array.from({ length: faker.number.int({ min: Math.min(min, max), max }) }, () =>
        sample(faker, (s.items as Schema) ?? {}, resolve, depth + 1),
      );
    }
    case 'integer':
      return numberFor(faker, s, true);
    case 'number':
      return numberFor(faker, s, false);
    case 'boolean':
      return faker.datatype.boolean();
    default:
      return stringFor(faker, s);
  }
}

/** A value valid against `schema`; the same seed gives the same value. */
export function sampleFromSchema(schema: Schema, resolve: Resolve, seed: number): unknown {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  return sample(faker, schema, resolve, 0);
}
