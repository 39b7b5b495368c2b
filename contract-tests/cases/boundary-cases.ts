// Both sides of every boundary of the writable bodies, generated from their schemas: for each
// maxLength, maximum, minimum, enum and format, the largest legal value is accepted and read back
// intact, and a defined near miss (ASSUMPTIONS.md S20, S22) is refused as the rule documents and
// changes nothing.
import type { JsonSchema } from '../../lib/spec.ts';
import { expectRefusal, expectStatus, expectThat } from '../checks/expectations.ts';
import { show } from '../checks/failure.ts';
import { componentSchema, type Family } from '../spec/api-catalog.ts';
import type { Case, CaseContext } from './case.ts';
import { freeCode, liveTypes } from './fixtures.ts';
import { WRITE_TARGETS, type WriteTarget, withValue } from './write-targets.ts';

type Property = JsonSchema & {
  type?: string | string[];
  format?: string;
  maxLength?: number;
  maximum?: number;
  minimum?: number;
  enum?: unknown[];
  pattern?: string;
};

/**
 * Characters outside ASCII but inside the Basic Multilingual Plane: one UTF-16 code unit and one code
 * point each, two or three UTF-8 bytes. A server that counts bytes refuses the largest legal text (S20).
 */
const WIDE_TEXT = 'Größe Çé€ü ';

export function textOf(length: number): string {
  return WIDE_TEXT.repeat(Math.ceil(length / WIDE_TEXT.length) + 1).slice(0, length);
}

/** The largest legal date-time: the largest offset the format allows, with milliseconds (S22). */
const LEGAL_DATE_TIME = '2031-12-31T23:59:59.999+14:00';

/** Values a documented rule gives a side effect the API cannot undo (A14 planning, A23 dates). */
const SIDE_EFFECT_VALUES: Record<string, unknown[]> = {
  job_status_code: ['Suggested', 'Canceled', 'Activated'],
};

/** Fields the server owns whatever the body says (A20, A21, JOB-MODIFIED-DATEUTC): nothing to read back. */
export const SERVER_OWNED: Record<string, string[]> = {
  jobs_write: ['id', 'id2', 'date_create', 'date_update', 'company_id', 'company_code', 'modified_dateutc'],
  job_part_usage: ['id', 'modified_dateutc'],
};

type Boundary = {
  keyword: string;
  field: string;
  rule: string;
  /** The largest legal values; none when the value cannot be chosen freely (a key names a record). */
  legal: unknown[];
  /** Why there is no legal side. */
  noLegal?: string;
  nearMiss: unknown;
  describe: string;
};

function flipFirst(text: string): string {
  const first = text.charAt(0);
  const flipped = first === first.toUpperCase() ? first.toLowerCase() : first.toUpperCase();
  return `${flipped}${text.slice(1)}`;
}

const namesRecord = (field: string, p: Property) =>
  typeof p['x-references'] === 'string' || /(_id|Id)$/.test(field);

/** Every boundary a request schema documents, each tied to its rule (x-rule, else x-rules-by-keyword). */
export function boundariesOf(family: Family, schemaName: string): Boundary[] {
  const schema = componentSchema(family, schemaName);
  const byKeyword = (schema['x-rules-by-keyword'] ?? {}) as Record<string, string>;
  const owned = SERVER_OWNED[schemaName] ?? [];
  const out: Boundary[] = [];
  for (const [field, p] of Object.entries((schema.properties ?? {}) as Record<string, Property>)) {
    if (p.readOnly) continue;
    const rule = (keyword: string) => (p['x-rule'] as string | undefined) ?? byKeyword[keyword];
    const add = (b: Omit<Boundary, 'field' | 'rule'>, keyword = b.keyword) => {
      const r = rule(keyword);
      if (!r) return;
      const serverOwned = owned.includes(field) ? { legal: [], noLegal: 'the server owns this field' } : {};
      out.push({ ...b, field, rule: r, ...serverOwned });
    };
    if (typeof p.maxLength === 'number') {
      add({
        keyword: 'maxLength',
        legal: [p['x-unique'] ? 'unique' : textOf(p.maxLength)],
        nearMiss: textOf(p.maxLength + 1),
        describe: `${p.maxLength} characters accepted, ${p.maxLength + 1} refused`,
      });
    }
    if (typeof p.maximum === 'number') {
      add({
        keyword: 'maximum',
        legal: [p.maximum],
        nearMiss: p.maximum + 1,
        describe: `${p.maximum} accepted, ${p.maximum + 1} refused`,
      });
    }
    if (typeof p.minimum === 'number') {
      const record = namesRecord(field, p);
      add({
        keyword: 'minimum',
        legal: record ? [] : [p.minimum],
        ...(record ? { noLegal: `the smallest ${field} need not name a record` } : {}),
        nearMiss: p.minimum - 1,
        describe: `${record ? '' : `${p.minimum} accepted, `}${p.minimum - 1} refused`,
      });
    }
    if (Array.isArray(p.enum) && typeof p.enum[0] === 'string') {
      const effects = SIDE_EFFECT_VALUES[field] ?? [];
      add({
        keyword: 'enum',
        legal: p.enum.filter((v) => !effects.includes(v)),
        nearMiss: flipFirst(p.enum[0]),
        describe: `every value accepted, ${flipFirst(p.enum[0])} (case changed) refused`,
      });
    }
    if (p.format === 'uuid') {
      add({
        keyword: 'format',
        legal: [],
        noLegal: 'a key names a record: the round trips write real keys',
        nearMiss: 'f0f0f0f0-0000-4000-8000-00000000deag',
        describe: 'a GUID with one character outside hex refused',
      });
    }
    if (p.format === 'date-time') {
      add({
        keyword: 'format',
        legal: [LEGAL_DATE_TIME],
        nearMiss: '2031-12-31T24:00:00+14:00',
        describe: `${LEGAL_DATE_TIME} accepted, hour 24 refused`,
      });
    }
    if (p.format === 'int32') {
      add({
        keyword: 'format',
        legal: [2 ** 31 - 1],
        nearMiss: 2 ** 31,
        describe: `${2 ** 31 - 1} accepted, ${2 ** 31} refused (int32)`,
      });
    }
  }
  return out;
}

/** Equal as the schema reads them: date-times as instants, the rest exactly. */
export function sameValue(p: Property | undefined, received: unknown, sent: unknown): boolean {
  if (p?.format === 'date-time' && typeof received === 'string' && typeof sent === 'string')
    return Date.parse(received) === Date.parse(sent);
  return JSON.stringify(received) === JSON.stringify(sent);
}

function boundaryCase(target: WriteTarget, b: Boundary): Case {
  const props = (componentSchema(target.family, target.schema).properties ?? {}) as Record<string, Property>;
  const p = props[b.field];
  // Creating types uses up triplets on a system nobody resets: the legal side of a create is the
  // round-trip case's single create; here only refusals are sent.
  const legal = target.operationId === 'WorkOrderTypes_Create' ? [] : b.legal;
  return {
    id: `${target.operationId}.boundary.${b.keyword}.${b.field}`,
    title: `${target.operationId} ${b.field}: ${b.describe}${legal.length ? ', read back intact' : ''}; the refusal changes nothing`,
    family: target.family,
    operationId: target.operationId,
    rules: [b.rule, 'HTTP-WRITE-PERSISTS'],
    writes: true,
    run: async (t: CaseContext) => {
      const w = await target.setup(t);
      for (const planned of legal) {
        const value = planned === 'unique' ? freeCode(await liveTypes(t), p?.maxLength ?? 20) : planned;
        const body = withValue(w.base, b.field, value);
        const x = await t.send(w.send(body));
        if ((x.response?.status ?? 500) < 300) w.accepted(body);
        if (
          !t.check(expectStatus(x, target.success, b.rule, `${b.field} = ${show(value)} (legal) was refused`))
        )
          continue;
        const stored = await w.stored(x, body, 'HTTP-WRITE-PERSISTS');
        t.check(
          expectThat(
            sameValue(p, stored[b.field], value),
            `${b.field} read back after writing the largest legal value`,
            show(stored[b.field]),
            show(value),
            'HTTP-WRITE-PERSISTS',
          ),
        );
      }
      const body = withValue(legal.length ? w.renew() : w.base, b.field, b.nearMiss);
      const unchanged = await w.beforeRefusal(body, b.rule);
      const x = await t.send(w.send(body));
      if ((x.response?.status ?? 500) < 300) w.accepted(body);
      t.check(expectRefusal(x, b.rule, b.field));
      await unchanged();
    },
  };
}

export function boundaryCases(): Case[] {
  return WRITE_TARGETS.flatMap((target) =>
    boundariesOf(target.family, target.schema).map((b) => boundaryCase(target, b)),
  );
}
