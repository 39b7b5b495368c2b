// Invalid input, generated from the request schemas: for every field rule of the spec (length, type,
// format, enum, digits, required, groups, one-of-a-kind), one request that breaks only that rule, and a
// read afterwards that proves the refusal changed nothing.

import type { JsonSchema } from '../../lib/spec.ts';
import { expectErrorCode, expectStatus } from '../checks/expectations.ts';
import type { Row } from '../runner/discovery.ts';
import { apiCatalog, componentSchema, type Family } from '../spec/api-catalog.ts';
import type { Case, CaseContext } from './case.ts';
import { WRITE_TARGETS, type WriteTarget } from './write-targets.ts';

/** One broken rule: how to change a valid body so that it breaks only that rule. */
type Violation = {
  /** keyword or x-rule name, for the case id */
  kind: string;
  field: string;
  rule: string;
  describe: string;
  apply: (body: Row) => Row;
};

type PropertySchema = JsonSchema & { type?: string | string[]; format?: string; maxLength?: number };

function typesOf(p: PropertySchema): string[] {
  return Array.isArray(p.type) ? p.type : p.type ? [p.type] : [];
}

/** A value of the wrong JSON type for a property: what a client mistyping the field would send. */
function wrongTypeValue(p: PropertySchema): unknown {
  const types = typesOf(p);
  if (types.includes('integer') || types.includes('number')) return 'not-a-number';
  if (types.includes('boolean')) return 'maybe';
  if (types.includes('string')) return { unexpected: 'object' };
  return undefined;
}

const BAD_FORMATS: Record<string, string> = { uuid: 'not-a-guid', 'date-time': '31/12/2026 25:61' };

function set(field: string, value: unknown) {
  return (body: Row) => ({ ...body, [field]: value });
}
function without(fields: string[]) {
  return (body: Row) => Object.fromEntries(Object.entries(body).filter(([k]) => !fields.includes(k)));
}

/** The violations a request schema documents, each tied to its rule (x-rule, else x-rules-by-keyword). */
export function violationsOf(family: Family, schemaName: string): Violation[] {
  const schema = componentSchema(family, schemaName);
  const byKeyword = (schema['x-rules-by-keyword'] ?? {}) as Record<string, string>;
  const out: Violation[] = [];
  const ruleFor = (p: PropertySchema, keyword: string) =>
    (p['x-rule'] as string | undefined) ?? byKeyword[keyword];
  const push = (v: Omit<Violation, 'rule'>, rule: string | undefined) => {
    if (rule) out.push({ ...v, rule });
  };
  for (const [field, raw] of Object.entries((schema.properties ?? {}) as Record<string, PropertySchema>)) {
    const p = raw;
    if (p.readOnly || (typesOf(p).length === 0 && !p.enum)) continue;
    if (typeof p.maxLength === 'number') {
      const n = p.maxLength + 1;
      push(
        {
          kind: 'maxLength',
          field,
          describe: `${field} of ${n} characters (max ${p.maxLength})`,
          apply: set(field, 'x'.repeat(n)),
        },
        ruleFor(p, 'maxLength'),
      );
    }
    if (typeof p.maximum === 'number') {
      const digits = p['x-max-digits'] ? ` (${String(p['x-max-digits'])} digits)` : '';
      push(
        {
          kind: 'maximum',
          field,
          describe: `${field} = ${p.maximum + 1}, over its maximum${digits}`,
          apply: set(field, p.maximum + 1),
        },
        ruleFor(p, 'maximum'),
      );
    }
    if (typeof p.minimum === 'number') {
      push(
        {
          kind: 'minimum',
          field,
          describe: `${field} = ${p.minimum - 1}, under its minimum`,
          apply: set(field, p.minimum - 1),
        },
        ruleFor(p, 'minimum'),
      );
    }
    const wrong = wrongTypeValue(p);
    if (wrong !== undefined) {
      push(
        {
          kind: 'type',
          field,
          describe: `${field} of the wrong type (${JSON.stringify(wrong)})`,
          apply: set(field, wrong),
        },
        ruleFor(p, 'type'),
      );
    }
    const badFormat = p.format ? BAD_FORMATS[p.format] : undefined;
    if (badFormat) {
      push(
        {
          kind: 'format',
          field,
          describe: `${field} not a ${p.format} (${badFormat})`,
          apply: set(field, badFormat),
        },
        ruleFor(p, 'format'),
      );
    }
    if (Array.isArray(p.enum)) {
      push(
        {
          kind: 'enum',
          field,
          describe: `${field} outside its values (${p.enum.join(', ')})`,
          apply: set(field, 'NotADocumentedValue'),
        },
        ruleFor(p, 'enum'),
      );
    }
  }
  for (const field of (schema.required ?? []) as string[]) {
    push(
      { kind: 'required', field, describe: `without the required ${field}`, apply: without([field]) },
      byKeyword.required,
    );
  }
  if (schema.additionalProperties === false) {
    push(
      {
        kind: 'additionalProperties',
        field: 'unknownField',
        describe: 'an unknown field',
        apply: set('unknownField', 1),
      },
      byKeyword.additionalProperties,
    );
  }
  if (typeof schema.minProperties === 'number') {
    push(
      { kind: 'minProperties', field: '(body)', describe: 'an empty body {}', apply: () => ({}) },
      byKeyword.minProperties,
    );
  }
  for (const part of (schema.allOf ?? []) as JsonSchema[]) {
    const rule = part['x-rule'] as string | undefined;
    if (!rule) continue;
    const anyOf = part.anyOf as { required: string[] }[] | undefined;
    if (anyOf) {
      // "one of these must be given": give none of them.
      const fields = anyOf.flatMap((a) => a.required);
      push(
        {
          kind: 'group',
          field: fields.join('|'),
          describe: `none of ${fields.join(', ')}`,
          apply: without(fields),
        },
        rule,
      );
    }
    const not = (part.not as { anyOf?: { required: string[] }[] } | undefined)?.anyOf?.[0];
    if (not) {
      // "at most one of these": give two of them, with the same value so that nothing else differs.
      const [a, b] = not.required as [string, string];
      push(
        {
          kind: 'not-both',
          field: `${a}+${b}`,
          describe: `both ${a} and ${b}`,
          apply: (body) => {
            const v = (body.technicalObjectTypeId as number | undefined) ?? 1;
            const rest = without(['technicalObjectTypeId'])(body);
            return { ...rest, [a]: v, [b]: v };
          },
        },
        rule,
      );
    }
  }
  return out;
}

/** The PATCH base carries only the field under test: a partial body breaks nothing by itself. */
function patchBody(target: WriteTarget, base: Row, v: Violation): Row {
  if (target.operationId !== 'WorkOrderTypes_Patch') return v.apply(base);
  if (v.kind === 'not-both' || v.kind === 'minProperties') return v.apply(base);
  return v.apply({});
}

export function negativeCases(): Case[] {
  const cases: Case[] = [];
  for (const target of WRITE_TARGETS) {
    for (const v of violationsOf(target.family, target.schema)) {
      const rule = apiCatalog().rules.get(v.rule);
      cases.push({
        id: `${target.operationId}.negative.${v.kind}.${v.field}`,
        title: `${target.operationId} refuses ${v.describe}`,
        family: target.family,
        operationId: target.operationId,
        rules: [v.rule],
        writes: true,
        run: async (t: CaseContext) => {
          const w = await target.setup(t);
          const body = patchBody(target, w.base, v);
          // Read back after the refusal: it must have changed nothing (S23).
          const unchanged = await w.beforeRefusal(body, v.rule);
          const x = await t.send(w.send(body));
          if ((x.response?.status ?? 0) < 300) w.accepted(body);
          if (rule?.errorCode) t.check(expectErrorCode(x, rule.errorCode, v.rule));
          else
            t.check(
              expectStatus(x, [rule?.status ?? 400], v.rule, `${target.operationId} accepted ${v.describe}`),
            );
          await unchanged();
        },
      });
    }
  }
  return cases;
}
