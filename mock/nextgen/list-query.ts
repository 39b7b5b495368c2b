// Query parameters of the work order type routes (vendor-apis.md, List conventions; ASSUMPTIONS.md
// N12, N13), read into plain values. A bad value is a BASE_0001 issue naming the parameter.
// Works with Express' "simple" query parser (`_page[num]` is a literal key) and the "extended"
// one (`_page: {num}`).
import { int64Of } from '../../lib/int64.ts';
import type { Violation } from '../http/api-error.ts';
import { fieldsOfRelease, type Language } from './work-order-type-view.ts';

export type SortKey = { field: string; descending: boolean };
export type Filter = {
  ids?: number[];
  codes?: string[];
  description?: string;
  order?: number;
  active?: boolean;
  requestTypeId?: number;
  serviceTypeId?: number;
  technicalObjectTypeId?: number;
  structureId?: number;
  booking?: boolean;
};
export type Page = { num: number; size: number };
export type ViewQuery = { fields?: string[]; language: Language };
export type ListQuery = ViewQuery & { filter: Filter; page: Page; order: SortKey[] };
type Parsed<T> = { ok: true; value: T } | { ok: false; issues: Violation[] };

/** An id no record has: NaN equals nothing, so a filter on it matches no record. */
const NO_RECORD = Number.NaN;
export const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 10_000;
const DEFAULT_ORDER: readonly SortKey[] = [{ field: 'order', descending: false }];

type Query = Record<string, unknown>;

class Reader {
  readonly issues: Violation[] = [];
  constructor(private readonly query: Query) {}

  problem(name: string, message: string): undefined {
    this.issues.push({ code: 'BASE_0001', field: name, message: `Parameter ${name}: ${message}` });
    return undefined;
  }

  /** Every value of a parameter; `a[b]` also found as `{a: {b}}`. */
  all(name: string): string[] {
    let raw = this.query[name];
    const nested = /^(\w+)\[(\w+)\]$/.exec(name);
    if (raw === undefined && nested?.[1] && nested[2]) {
      const outer = this.query[nested[1]];
      if (outer !== null && typeof outer === 'object' && !Array.isArray(outer))
        raw = (outer as Query)[nested[2]];
    }
    if (raw === undefined) return [];
    const list = Array.isArray(raw) ? raw : [raw];
    if (list.some((v) => typeof v !== 'string')) {
      this.problem(name, 'is not a plain value.');
      return [];
    }
    return list as string[];
  }

  one(name: string): string | undefined {
    const values = this.all(name);
    if (values.length > 1) return this.problem(name, 'may be given once.');
    return values[0];
  }

  /** A whole number from `min` to `max`; a number outside them is named with the range it left. */
  integer(
    name: string,
    text: string | undefined,
    min = Number.MIN_SAFE_INTEGER,
    max = Number.MAX_SAFE_INTEGER,
    why = '',
  ): number | undefined {
    if (text === undefined) return undefined;
    const digits = text.trim();
    if (!/^[+-]?\d+$/.test(digits)) return this.problem(name, `'${text}' is not an integer.`);
    // Compared as a number: digits past 2^53 round, but never across a bound this small.
    const n = Number(digits);
    if (n < min || n > max) return this.problem(name, `'${digits}' is outside ${min} to ${max}${why}.`);
    return n;
  }

  /**
   * An int64 id (lib/int64.ts), read exactly. Above 2^53 it names no record (the mock gives out
   * smaller ids): NO_RECORD, which equals no id, so the filter matches nothing (ASSUMPTIONS.md N20).
   */
  id(name: string, text: string | undefined): number | undefined {
    if (text === undefined) return undefined;
    const id = int64Of(text.trim());
    if (id === undefined) return this.problem(name, `'${text}' is not a 64-bit integer.`);
    return id >= BigInt(Number.MIN_SAFE_INTEGER) && id <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(id)
      : NO_RECORD;
  }

  boolean(name: string): boolean | undefined {
    const text = this.one(name);
    if (text === undefined) return undefined;
    if (text === 'true' || text === 'false') return text === 'true';
    return this.problem(name, `'${text}' is not true or false.`);
  }
}

function readView(r: Reader, release: number): ViewQuery {
  const known = new Set(fieldsOfRelease(release));
  const view: ViewQuery = { language: { kind: 'user' } };
  const fieldValues = r.all('_fields').flatMap((v) => v.split(',').map((f) => f.trim()));
  if (fieldValues.length > 0) {
    const unknown = fieldValues.filter((f) => !known.has(f));
    if (unknown.length > 0) r.problem('_fields', `unknown field ${unknown.join(', ')}.`);
    else view.fields = [...new Set(fieldValues)];
  }
  const language = r.one('_language');
  if (language !== undefined) {
    const upper = language.trim().toUpperCase();
    if (upper === 'ALL') view.language = { kind: 'all' };
    else if (upper === 'USER') view.language = { kind: 'user' };
    else if (/^[A-Z]{2}$/.test(upper)) view.language = { kind: 'code', code: upper };
    else r.problem('_language', `'${language}' is not ALL, USER or a two-letter language code.`);
  }
  return view;
}

function readOrder(r: Reader, release: number): SortKey[] {
  const text = r.one('_order');
  if (text === undefined) return [...DEFAULT_ORDER];
  const known = new Set(fieldsOfRelease(release));
  const keys: SortKey[] = [];
  // An unencoded "+" arrives as a space: "+code" reads " code", which is ascending as well.
  for (const item of text.split(',')) {
    const match = /^([+-]?)\s*(\w+)$/.exec(item.trim());
    if (!match?.[2] || !known.has(match[2])) {
      r.problem('_order', `'${item.trim()}' is not +field or -field of a known field.`);
      continue;
    }
    keys.push({ field: match[2], descending: match[1] === '-' });
  }
  return keys;
}

/** `_fields` and `_language`, the parameters of GET one. */
export function parseViewQuery(query: Query, release: number): Parsed<ViewQuery> {
  const r = new Reader(query);
  const value = readView(r, release);
  return r.issues.length > 0 ? { ok: false, issues: r.issues } : { ok: true, value };
}

/** The largest `order` of a type: at most 4 digits (ASSUMPTIONS.md N3, WorkOrderTypeCreate.order). */
const ORDER_MAX = 9999;

/** Every parameter of the list. */
export function parseListQuery(query: Query, release: number): Parsed<ListQuery> {
  const r = new Reader(query);
  const view = readView(r, release);
  const filter: Filter = {};
  const ids = r.all('id').map((v) => r.id('id', v));
  if (ids.length > 0) filter.ids = ids.filter((n) => n !== undefined);
  const codes = r.all('code');
  if (codes.length > 0) filter.codes = codes;
  const description = r.one('description');
  if (description !== undefined) filter.description = description;
  const position = r.integer('order', r.one('order'), 0, ORDER_MAX, ': order has at most 4 digits');
  if (position !== undefined) filter.order = position;
  for (const name of ['requestTypeId', 'serviceTypeId', 'technicalObjectTypeId', 'structureId'] as const) {
    const n = r.id(name, r.one(name));
    if (n !== undefined) filter[name] = n;
  }
  for (const name of ['active', 'booking'] as const) {
    const b = r.boolean(name);
    if (b !== undefined) filter[name] = b;
  }
  const num = r.integer('_page[num]', r.one('_page[num]'), 0) ?? 0;
  const size = r.integer('_page[size]', r.one('_page[size]'), 0, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  const order = readOrder(r, release);
  if (r.issues.length > 0) return { ok: false, issues: r.issues };
  return { ok: true, value: { ...view, filter, page: { num, size }, order } };
}

/** `_order` as the list echoes it: ["+order"]. */
export const orderText = (keys: readonly SortKey[]): string[] =>
  keys.map((k) => `${k.descending ? '-' : '+'}${k.field}`);
