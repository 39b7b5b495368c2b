import { parseDateTimeLiteral } from './filter-literals.ts';
import type { FieldType } from './types.ts';

/** A record value in comparable form: uuids lower-cased, date-times as epoch milliseconds. */
export type FieldValue = string | number | boolean | null;
export type FieldReader = (r: Record<string, unknown>) => FieldValue;

export function dateTimeToEpochMs(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? null : ms;
  }
  if (typeof value !== 'string') return null;
  // A record date-time without an offset is read as UTC, unlike Date.parse which would use local time.
  const parsed = parseDateTimeLiteral(value);
  return parsed.kind === 'invalid' ? null : parsed.epochMs;
}

// One compiled getter per field name: a keyed read `r[field]` inside one shared closure sees every
// field name at the same site and goes megamorphic (issue 12: 2-3x slower over 100k rows). Where
// code cannot be compiled at run time (a browser page's Content-Security-Policy), the closure serves.
const getters = new Map<string, (r: Record<string, unknown>) => unknown>();
function getter(field: string): (r: Record<string, unknown>) => unknown {
  let get = getters.get(field);
  if (!get) {
    try {
      get = new Function('r', `return r[${JSON.stringify(field)}];`) as (
        r: Record<string, unknown>,
      ) => unknown;
    } catch {
      get = (r) => r[field];
    }
    // Field names come from the schema; the bound only guards against a caller that passes others.
    if (getters.size < 1_000) getters.set(field, get);
  }
  return get;
}

/**
 * Builds a reader per field type once, so evaluation over many records does no type dispatch.
 * Values of the wrong runtime type read as null instead of failing.
 */
export function readerFor(field: string, type: FieldType): FieldReader {
  const get = getter(field);
  switch (type) {
    case 'string':
      return (r) => {
        const v = get(r);
        if (typeof v === 'string') return v;
        return typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
      };
    case 'uuid':
      return (r) => {
        const v = get(r);
        return typeof v === 'string' ? v.toLowerCase() : null;
      };
    case 'date-time':
      return (r) => dateTimeToEpochMs(get(r));
    case 'integer':
    case 'number':
      return (r) => {
        const v = get(r);
        return typeof v === 'number' && !Number.isNaN(v) ? v : null;
      };
    case 'boolean':
      return (r) => {
        const v = get(r);
        return typeof v === 'boolean' ? v : null;
      };
  }
}
