// Content negotiation and body handling shared by both API families (ASSUMPTIONS.md A19).
import { catalog, type SpecName } from '../../lib/spec-runtime.ts';
import { fromXml, toXml } from '../../lib/xml/index.ts';
import { ApiError } from './api-error.ts';

export type Format = { kind: 'json' | 'xml'; mediaType: string };

const JSON_TYPES = ['application/json', 'text/json'];
const XML_TYPES = ['application/xml', 'text/xml'];

type Range = { type: string; q: number };

function parseAccept(header: string): Range[] {
  return header
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const value = q ? Number(q.slice(2)) : 1;
      return { type: type.trim(), q: Number.isFinite(value) ? value : 0 };
    })
    .filter((r) => r.type !== '' && r.q > 0)
    .sort((a, b) => b.q - a.q);
}

// The formats of each list of media types, built once (the lists are the catalog's, per operation).
const formats = new WeakMap<readonly string[], Format[]>();
function formatsOf(offered: readonly string[]): Format[] {
  let list = formats.get(offered);
  if (!list) {
    list = offered.map((m) => ({ mediaType: m, kind: XML_TYPES.includes(m) ? 'xml' : 'json' }));
    formats.set(offered, list);
  }
  return list;
}

/** The format to answer in, from the Accept header and the media types the route offers; undefined: 406. */
export function negotiate(accept: string | undefined, offered: readonly string[]): Format | undefined {
  const offers = formatsOf(offered);
  const fallback = offers[0];
  if (!accept || accept === '*/*' || accept.trim() === '') return fallback;
  for (const range of parseAccept(accept)) {
    if (range.type === '*/*') return fallback;
    const exact = offers.find((o) => o.mediaType === range.type);
    if (exact) return exact;
    if (range.type === 'application/*' || range.type === 'text/*') {
      const prefix = range.type.slice(0, -1);
      const match = offers.find((o) => o.mediaType.startsWith(prefix));
      if (match) return match;
    }
  }
  return undefined;
}

export const JOBS_MEDIA = [...JSON_TYPES, ...XML_TYPES] as const;

/** The request body's format from Content-Type; throws 415 for anything the route does not take. */
export function requestFormat(contentType: string | undefined, accepted: readonly string[]): 'json' | 'xml' {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!accepted.includes(type)) {
    throw new ApiError(
      415,
      `The request entity's media type '${type || '(none)'}' is not supported for this resource. Send one of: ${accepted.join(', ')}.`,
      {
        violations: [{ field: 'Content-Type', message: `Unsupported media type '${type || '(none)'}'.` }],
      },
    );
  }
  return XML_TYPES.includes(type) ? 'xml' : 'json';
}

/** Deepest nesting of objects and arrays a JSON body may have; documented bodies need fewer than 10. */
export const MAX_JSON_DEPTH = 32;

/** How deep the JSON text nests, counted on the text (brackets outside strings), stopping past the limit. */
function jsonDepth(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      // A backslash escapes the next character.
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) return depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return depth;
}

/**
 * Whether the text may nest deeper than MAX_JSON_DEPTH: only when it has more opening brackets
 * than that (anywhere, strings included). Native searches that most bodies (a job has about ten
 * objects) pass without the character walk of jsonDepth.
 */
function mayNestTooDeep(text: string): boolean {
  let openers = 0;
  for (const bracket of ['{', '[']) {
    for (let i = text.indexOf(bracket); i >= 0; i = text.indexOf(bracket, i + 1))
      if (++openers > MAX_JSON_DEPTH) return true;
  }
  return false;
}

/**
 * The parsed request body. `schema` (the catalog's resolved request schema) tells the XML reader
 * which types to give the elements.
 * Malformed JSON or XML is a 400 that says where it broke.
 */
export function parseBody(raw: string, format: 'json' | 'xml', spec: SpecName, schema: unknown): unknown {
  if (raw.trim() === '')
    throw new ApiError(400, 'The request body is empty.', {
      violations: [{ field: '', message: 'A body is required.' }],
    });
  if (format === 'xml') {
    const parsed = fromXml(raw, schema, catalog().resolver(spec));
    if (!parsed.ok)
      throw new ApiError(400, `The XML body could not be read: ${parsed.error}`, {
        violations: [{ field: '', message: parsed.error }],
      });
    return refuseUnsafeIntegers(parsed.value);
  }
  if (mayNestTooDeep(raw) && jsonDepth(raw) > MAX_JSON_DEPTH) {
    const message = `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep; at most ${MAX_JSON_DEPTH} are allowed.`;
    throw new ApiError(400, message, { violations: [{ field: '', message }] });
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new ApiError(400, `The JSON body could not be read: ${message}`, {
      violations: [{ field: '', message }],
    });
  }
  return refuseUnsafeIntegers(value);
}

function refuseUnsafeIntegers(value: unknown): unknown {
  const path: string[] = [];
  if (!hasUnsafeInteger(value, path)) return value;
  const unsafe =
    path.length === 0 ? '/' : path.map((k) => `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
  const message = `The whole number at ${unsafe} is beyond ±${Number.MAX_SAFE_INTEGER} (2^53-1): no record of the mock has such a value, and it cannot be kept without loss.`;
  throw new ApiError(400, message, { violations: [{ field: unsafe, message }] });
}

/**
 * Whether a parsed body holds a whole number beyond ±(2^53-1), which JSON.parse has rounded: such
 * a value is refused by name, never silently changed (ASSUMPTIONS.md N21). On true, `path` holds
 * the keys down to the first one (a JSON pointer is written only then: this runs on every body).
 * Bodies nest at most MAX_JSON_DEPTH deep, so the walk is shallow.
 */
function hasUnsafeInteger(value: unknown, path: string[]): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (hasUnsafeInteger(value[i], path)) {
        path.unshift(String(i));
        return true;
      }
    }
    return false;
  }
  for (const key in value) {
    if (hasUnsafeInteger((value as Record<string, unknown>)[key], path)) {
      path.unshift(key);
      return true;
    }
  }
  return false;
}

const reusable = new WeakMap<object, Uint8Array>();
const UTF8 = new TextEncoder();

/**
 * Marks a body that is never changed again (a cached resource): its JSON is written and encoded
 * once, and every later answer sends the same bytes.
 */
export function reusableBody<T extends object>(body: T): T {
  reusable.set(body, UTF8.encode(JSON.stringify(body)));
  return body;
}

/** The Content-Type of an answer in a format. */
const contentTypes = new Map<string, string>();
export function contentTypeOf(format: Format): string {
  let type = contentTypes.get(format.mediaType);
  if (type === undefined) {
    type = `${format.mediaType}; charset=utf-8`;
    contentTypes.set(format.mediaType, type);
  }
  return type;
}

/** A body as text in the negotiated format; XML is shaped by the schema (the one serializer). */
export function serialize(
  format: Format,
  body: unknown,
  spec: SpecName,
  schema: unknown,
): string | Uint8Array {
  if (format.kind === 'xml') return toXml(body, schema, catalog().resolver(spec));
  const bytes = typeof body === 'object' && body !== null ? reusable.get(body) : undefined;
  return bytes ?? JSON.stringify(body);
}
