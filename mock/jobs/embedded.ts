// Rule JOB-EMBEDDED-RESOLVE (vendor-apis.md "Embedded entities"; ASSUMPTIONS.md A11): a record named
// by key, by code, or given inline is found, created or updated, and its key written back into the
// job. Nothing is stored here: the caller gets the records to write and commits them only when the
// whole request is valid.
import { ok, type Result, refused } from '../../model/result.ts';
import { defaultsOf, isSet, newId, scalarsOf } from '../jobs-api/no-nulls.ts';

type Rec = { id: string } & Record<string, unknown>;

export type EntityKind = { schema: string; codeField: string; label: string };
export const PROJECT: EntityKind = {
  schema: 'project',
  codeField: 'reference_back_office',
  label: 'project',
};
export const JOB_TYPE: EntityKind = { schema: 'job_type', codeField: 'code', label: 'job type' };
export const JOB_PRIORITY: EntityKind = { schema: 'job_priority', codeField: 'code', label: 'job priority' };
export const USER: EntityKind = { schema: 'user', codeField: 'code', label: 'user' };
export const SKILL: EntityKind = { schema: 'skill', codeField: 'code', label: 'skill' };

type Named = { id?: unknown; code?: unknown; inline?: unknown };
type FieldNames = { id: string; code: string; inline: string };
export type Resolved<T> = { record: T; write?: T } | undefined;

const broken = (rule: string, message: string, field: string) =>
  refused<never>([{ rule, message, field: `/${field}` }]);

function findByCode<T extends Rec>(table: Map<string, T>, field: string, code: string): T | undefined {
  const wanted = code.toLowerCase();
  for (const r of table.values()) if (String(r[field] ?? '').toLowerCase() === wanted) return r;
  return undefined;
}

/**
 * Resolves one embedded entity: key first, then code, then the inline object. Answers undefined
 * when the request names none, a refusal (JOB-FOREIGN-KEYS, JOB-EMBEDDED-RESOLVE) when it names
 * one that is not there. `now` stamps created or updated records.
 */
export function resolveEntity<T extends Rec>(
  table: Map<string, T>,
  kind: EntityKind,
  named: Named,
  fields: FieldNames,
  now: string,
): Result<Resolved<T>> {
  if (isSet(named.id)) {
    const record = table.get(String(named.id).toLowerCase());
    if (!record)
      return broken(
        'JOB-FOREIGN-KEYS',
        `${fields.id} names no ${kind.label} (${String(named.id)}).`,
        fields.id,
      );
    return ok({ record });
  }
  const inline =
    named.inline && typeof named.inline === 'object' ? (named.inline as Record<string, unknown>) : undefined;
  if (typeof named.code === 'string' && named.code !== '') {
    const record = findByCode(table, kind.codeField, named.code);
    if (record) return ok({ record });
    if (!inline) {
      return broken(
        'JOB-EMBEDDED-RESOLVE',
        `${fields.code} '${named.code}' names no ${kind.label}, and no ${fields.inline} was given to create it from.`,
        fields.code,
      );
    }
  }
  if (!inline) return ok(undefined);
  const given = scalarsOf(kind.schema, inline);
  if (typeof named.code === 'string' && named.code !== '' && given[kind.codeField] === undefined)
    given[kind.codeField] = named.code;
  const existing =
    (isSet(given.id) ? table.get(String(given.id)) : undefined) ??
    (typeof given[kind.codeField] === 'string' && given[kind.codeField] !== ''
      ? findByCode(table, kind.codeField, String(given[kind.codeField]))
      : undefined);
  if (existing) {
    const changed = Object.entries(given).some(
      ([k, v]) => k !== 'id' && k !== 'modified_dateutc' && existing[k] !== v,
    );
    if (!changed) return ok({ record: existing });
    const updated = { ...existing, ...given, id: existing.id, modified_dateutc: now } as T;
    return ok({ record: updated, write: updated });
  }
  const created = {
    ...defaultsOf(kind.schema),
    ...given,
    id: isSet(given.id) ? String(given.id) : newId(),
    modified_dateutc: now,
  } as unknown as T;
  return ok({ record: created, write: created });
}
