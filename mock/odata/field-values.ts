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

/**
 * Builds a reader per field type once, so evaluation over many records does no type dispatch.
 * Values of the wrong runtime type read as null instead of failing.
 */
export function readerFor(field: string, type: FieldType): FieldReader {
  switch (type) {
    case 'string':
      return (r) => {
        const v = r[field];
        if (typeof v === 'string') return v;
        return typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
      };
    case 'uuid':
      return (r) => {
        const v = r[field];
        return typeof v === 'string' ? v.toLowerCase() : null;
      };
    case 'date-time':
      return (r) => dateTimeToEpochMs(r[field]);
    case 'integer':
    case 'number':
      return (r) => {
        const v = r[field];
        return typeof v === 'number' && !Number.isNaN(v) ? v : null;
      };
    case 'boolean':
      return (r) => {
        const v = r[field];
        return typeof v === 'boolean' ? v : null;
      };
  }
}
