// Generated OData queries over a schema's fields, with values taken from rows the server answered so
// that filters select real rows. Seeded: the same seed and rows give the same queries.
import type { ODataQuery } from './evaluate.ts';
import type { FieldType, FieldTypes, Row } from './filter-eval.ts';
import { parseInstant } from './filter-parse.ts';

/** mulberry32: small, seeded, good enough to spread test inputs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Feature =
  | 'eq'
  | 'ne'
  | 'gt'
  | 'ge'
  | 'lt'
  | 'le'
  | 'and'
  | 'or'
  | 'not'
  | 'grouping'
  | 'contains'
  | 'startswith'
  | 'endswith'
  | 'tolower'
  | 'toupper'
  | 'length'
  | 'date-parts'
  | 'case'
  | 'quote'
  | 'orderby-single'
  | 'orderby-multi'
  | 'select'
  | 'top-skip'
  | 'count'
  | 'nextlink';

export const FEATURES: Feature[] = [
  'eq',
  'ne',
  'gt',
  'ge',
  'lt',
  'le',
  'and',
  'or',
  'not',
  'grouping',
  'contains',
  'startswith',
  'endswith',
  'tolower',
  'toupper',
  'length',
  'date-parts',
  'case',
  'quote',
  'orderby-single',
  'orderby-multi',
  'select',
  'top-skip',
  'count',
  'nextlink',
];

/** A string literal: quotes doubled (OData v4 ABNF, SQUOTE-in-string). */
export function stringLiteral(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** An instant as an OData date-time literal at a UTC offset in minutes (S12: compared as instants). */
export function dateTimeLiteral(ms: number, offsetMinutes = 0): string {
  const d = new Date(Math.floor(ms) + offsetMinutes * 60_000);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  if (offsetMinutes === 0) return `${base}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${base}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The literal of a field's value, as the server wrote it where that is exact. */
export function literalOf(type: FieldType, value: unknown, rnd: () => number): string {
  switch (type) {
    case 'string':
      return stringLiteral(String(value));
    case 'integer':
    case 'number':
      return String(value);
    case 'boolean':
      return value === true ? 'true' : 'false';
    case 'guid':
      return String(value);
    case 'datetime': {
      const text = String(value);
      const ms = parseInstant(text);
      // Digits below the millisecond cannot survive a rewrite: keep the server's own text then.
      const exact = /\.\d{4,}/.test(text) || Number.isNaN(ms);
      if (exact) return /(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}Z`;
      return dateTimeLiteral(ms, rnd() < 0.5 ? 0 : 120);
    }
  }
}

type Generator = {
  /** The i-th query of a feature: i picks the type (eq over text, integer, boolean, GUID, date-time, ...). */
  query(feature: Feature, i: number): ODataQuery;
};

/** Shares of the query budget: the comparisons have a query per type they apply to. */
export const FEATURE_WEIGHTS: Record<Feature, number> = Object.fromEntries(
  FEATURES.map((f) => [
    f,
    f === 'eq' || f === 'ne'
      ? 5
      : ['gt', 'ge', 'lt', 'le', 'date-parts'].includes(f)
        ? 3
        : f === 'quote'
          ? 1
          : 2,
  ]),
) as Record<Feature, number>;

/** Queries over `rows` (the contact's set) for each feature; `pageSize` is the server's. */
export function queryGenerator(rows: Row[], types: FieldTypes, seed: number, pageSize: number): Generator {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const fields = (...ts: FieldType[]) => Object.keys(types).filter((f) => ts.includes(types[f] as FieldType));
  const text = fields('string');
  const ints = fields('integer', 'number');
  const dates = fields('datetime');
  const row = () => pick(rows);
  const value = (f: string) => row()[f];
  const lit = (f: string, v = value(f)) => literalOf(types[f] as FieldType, v, rnd);
  const nonEmptyText = (f: string) => {
    for (let i = 0; i < 10; i++) {
      const v = String(value(f) ?? '');
      if (v) return v;
    }
    return 'a';
  };
  const piece = (s: string, where: 'any' | 'start' | 'end') => {
    const len = Math.max(1, Math.min(s.length, 1 + Math.floor(rnd() * 5)));
    const at =
      where === 'start' ? 0 : where === 'end' ? s.length - len : Math.floor(rnd() * (s.length - len + 1));
    return s.slice(at, at + len);
  };
  const sortable = [...text, ...ints, ...dates, ...fields('boolean')];
  const orderby = () => `${pick(sortable)}${rnd() < 0.5 ? ' desc' : rnd() < 0.5 ? ' asc' : ''}`;
  const compareOn = (op: string, ts: FieldType[]) => {
    const f = pick(fields(...ts));
    return `${f} ${op} ${lit(f)}`;
  };
  const simple = () =>
    pick([
      () => compareOn(pick(['eq', 'ne', 'gt', 'ge', 'lt', 'le']), ['string', 'integer', 'datetime']),
      () => compareOn(pick(['eq', 'ne']), ['guid', 'boolean']),
      () => {
        const f = pick(text);
        return `contains(${f},${stringLiteral(piece(nonEmptyText(f), 'any'))})`;
      },
    ])();
  const withPaging = (q: ODataQuery): ODataQuery => {
    const out = { ...q };
    if (rnd() < 0.7) out.$count = true;
    if (rnd() < 0.3) out.$orderby = orderby();
    return out;
  };
  const n = rows.length;

  const one = (feature: Feature, i: number): ODataQuery => {
    switch (feature) {
      case 'eq':
      case 'ne':
        return withPaging({
          $filter: compareOn(feature, [
            (['string', 'integer', 'boolean', 'guid', 'datetime'] as const)[i % 5] as FieldType,
          ]),
        });
      case 'gt':
      case 'ge':
      case 'lt':
      case 'le':
        return withPaging({
          $filter: compareOn(feature, [(['string', 'integer', 'datetime'] as const)[i % 3] as FieldType]),
        });
      case 'and':
        return withPaging({ $filter: `${simple()} and ${simple()}` });
      case 'or':
        return withPaging({ $filter: `${simple()} or ${simple()}` });
      case 'not': {
        const f = pick(text);
        return withPaging({
          $filter:
            i % 2
              ? `not (${simple()})`
              : `not contains(${f},${stringLiteral(piece(nonEmptyText(f), 'any'))})`,
        });
      }
      case 'grouping':
        return withPaging({
          $filter:
            i % 2
              ? `(${simple()} or ${simple()}) and ${simple()}`
              : `${simple()} or ${simple()} and ${simple()}`,
        });
      case 'contains':
      case 'startswith':
      case 'endswith': {
        const f = pick(text);
        const where = feature === 'contains' ? 'any' : feature === 'startswith' ? 'start' : 'end';
        return withPaging({ $filter: `${feature}(${f},${stringLiteral(piece(nonEmptyText(f), where))})` });
      }
      case 'tolower':
      case 'toupper': {
        const f = pick(text);
        const v = nonEmptyText(f);
        return withPaging({
          $filter: `${feature}(${f}) eq ${stringLiteral(feature === 'tolower' ? v.toLowerCase() : v.toUpperCase())}`,
        });
      }
      case 'length': {
        const f = pick(text);
        return withPaging({
          $filter: `length(${f}) ${pick(['eq', 'gt', 'le'])} ${[...String(value(f) ?? '')].length}`,
        });
      }
      case 'date-parts': {
        const f = pick(dates);
        const d = new Date(parseInstant(String(value(f))) || 0);
        const part = (['year', 'month', 'day'] as const)[i % 3];
        const v =
          part === 'year' ? d.getUTCFullYear() : part === 'month' ? d.getUTCMonth() + 1 : d.getUTCDate();
        return withPaging({ $filter: `${part}(${f}) eq ${v}` });
      }
      case 'case': {
        // A13: the same rows whatever the case of the literal; every letter of the value's case flipped.
        const withLetters = text.filter((f) => rows.some((r) => /[a-z]/i.test(String(r[f] ?? ''))));
        const f = pick(withLetters.length ? withLetters : text);
        const v = nonEmptyText(f);
        const flip = (s: string) =>
          [...s].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
        return withPaging({
          $filter:
            i % 2
              ? `${f} eq ${stringLiteral(flip(v))}`
              : `${pick(['contains', 'startswith'])}(${f},${stringLiteral(flip(piece(v, 'start')))})`,
        });
      }
      case 'quote': {
        const f = pick(text);
        const withQuote = rows.map((r) => String(r[f] ?? '')).find((s) => s.includes("'"));
        return withPaging({
          $filter: withQuote
            ? `${f} eq ${stringLiteral(withQuote)}`
            : `contains(${f},${stringLiteral(`${piece(nonEmptyText(f), 'any')}'`)}) or ${f} ne ''''`,
        });
      }
      case 'orderby-single':
        return {
          $orderby: orderby(),
          $count: true,
          ...(i % 2 ? { $top: 1 + Math.floor(rnd() * pageSize * 2) } : {}),
        };
      case 'orderby-multi': {
        // A first key with few values, so that the later keys decide.
        const coarse = [...fields('boolean'), 'job_status_name', 'job_type_name', 'company_code'].filter(
          (f) => types[f],
        );
        const keys = [pick(coarse), pick(sortable), ...(i % 2 ? [pick(sortable)] : [])];
        return {
          $orderby: [...new Set(keys)].map((k, j) => `${k}${(j + i) % 2 ? ' desc' : ''}`).join(','),
          $count: true,
        };
      }
      case 'select': {
        const all = Object.keys(types);
        const chosen = new Set<string>();
        const size = 1 + Math.floor(rnd() * 4);
        while (chosen.size < size) chosen.add(pick(all));
        return {
          $select: [...chosen].join(','),
          $orderby: orderby(),
          ...(i % 2 ? { $filter: simple() } : {}),
        };
      }
      case 'top-skip': {
        // The edges of issue 10: 0, the page size, above it, beyond the end.
        const edges = [
          0,
          1,
          pageSize - 1,
          pageSize,
          pageSize + 1,
          2 * pageSize,
          Math.max(0, n - 1),
          n,
          n + 5,
        ];
        const q: ODataQuery = { $count: true, $orderby: orderby() };
        if (i % 3 !== 1) q.$top = pick(edges);
        if (i % 3 !== 0) q.$skip = pick(edges);
        return q;
      }
      case 'count':
        return {
          $filter: simple(),
          $count: i % 3 !== 2,
          $top: pick([0, 1, pageSize]),
          $skip: pick([0, 1, pageSize]),
        };
      case 'nextlink': {
        // X or not X: every row, over several pages, with every option set.
        const x = simple();
        return {
          $filter: `${x} or not (${x})`,
          $orderby: orderby(),
          $select: [...new Set(['id', pick(sortable)])].join(','),
          $count: true,
          $top: pageSize * 2 + 1 + Math.floor(rnd() * pageSize),
          $skip: pick([0, 1, pageSize]),
        };
      }
    }
  };

  return { query: one };
}
