// Each family's key syntax, read in this one place: the jobs API's GUID keys in parentheses
// (`/api/Jobs(3f6c2a4e-...)`, optionally quoted, vendor-apis.md) and NextGen's int64 ids
// (`/work-orders/r1/types/{typeId}`, ASSUMPTIONS.md N19). A malformed key is a 400 naming it.
import { INT64_MAX, int64Of } from '../../lib/int64.ts';
import { ApiError } from '../http/api-error.ts';
import type { Family } from './routes.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An int64 id: `id` when it fits a JavaScript number (every id the mock gives out), `text` as read. */
export type Int64Key = { id: number | undefined; text: string };

// A '%' that is not an escape (a client's `%25ZZ`) stays as it is, so it fails the key's test (400).
function decoded(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function guidKey(raw: string): string {
  const key = decoded(raw).replace(/^'(.*)'$/, '$1');
  if (!GUID.test(key)) {
    throw new ApiError(400, `The key '${key}' is not a valid GUID.`, {
      violations: [{ field: 'id', message: 'Expected a GUID such as 3f6c2a4e-0000-4000-8000-000000000000.' }],
    });
  }
  return key.toLowerCase();
}

/** Whole-number text past INT64_MAX (leading zeros are not digits of the value). */
function aboveInt64(text: string): boolean {
  if (!/^\+?\d+$/.test(text)) return false;
  const significant = text.replace(/^\+?0*/, '');
  const max = INT64_MAX.toString();
  return significant.length > max.length || (significant.length === max.length && significant > max);
}

function int64Key(name: string, raw: string): Int64Key {
  const text = decoded(raw);
  const id = int64Of(text);
  if (id === undefined || id < 1n) {
    // A whole number past int64 is one: the message names the range it left (ASSUMPTIONS.md N19).
    const message = aboveInt64(text)
      ? `${name} '${text}' is above the int64 range (at most ${INT64_MAX}).`
      : `${name} '${text}' is not a positive integer.`;
    throw new ApiError(400, message, {
      code: 'BASE_0001',
      violations: [{ code: 'BASE_0001', field: name, message }],
    });
  }
  // Above 2^53 no record has the id: kept as text, it answers like any unknown id (ASSUMPTIONS.md N19).
  return { id: id <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(id) : undefined, text: id.toString() };
}

/** The key of a matched path, by the family's syntax; undefined for a path without one. */
export function readKey(family: Family, params: Record<string, string>): string | Int64Key | undefined {
  const [name] = Object.keys(params);
  if (name === undefined) return undefined;
  const raw = params[name] ?? '';
  return family === 'jobs' ? guidKey(raw) : int64Key(name, raw);
}
