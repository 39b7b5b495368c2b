// The reference answer to a whole OData query ($filter, $orderby, $select, $top, $skip, $count) over
// a set of rows read from the server, and the comparison of the server's pages with it.
import { compareText, type FieldTypes, fieldValue, matches, type Row } from './filter-eval.ts';
import { parseFilter } from './filter-parse.ts';

export type ODataQuery = {
  $filter?: string;
  $orderby?: string;
  $select?: string;
  $top?: number;
  $skip?: number;
  $count?: boolean;
};

type SortKey = { field: string; desc: boolean };

class QueryError extends Error {}

/** `field [asc|desc], ...` (OData v4 URL conventions 5.1.5). */
export function parseOrderBy(text: string, types: FieldTypes): SortKey[] {
  return text.split(',').map((part) => {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)(?:\s+(asc|desc))?\s*$/.exec(part);
    if (!m?.[1] || !types[m[1]]) throw new QueryError(`cannot order by '${part}'`);
    return { field: m[1], desc: m[2] === 'desc' };
  });
}

function parseSelect(text: string, types: FieldTypes): string[] {
  return text.split(',').map((f) => {
    const name = f.trim();
    if (!types[name]) throw new QueryError(`cannot select '${f}'`);
    return name;
  });
}

/**
 * Compares two rows on the sort keys: text as the view compares it (A13, S10), numbers and instants
 * numerically, false before true, GUIDs by their lower-case text (S14; the suite does not sort on them).
 */
function compareRows(keys: SortKey[], types: FieldTypes): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const { field, desc } of keys) {
      const type = types[field] ?? 'string';
      const x = fieldValue(a, field, type);
      const y = fieldValue(b, field, type);
      let c = 0;
      if (x.kind === 'null' || y.kind === 'null') c = x.kind === y.kind ? 0 : x.kind === 'null' ? -1 : 1;
      else if (x.kind === 'string' && y.kind === 'string') c = compareText(x.v, y.v);
      else if (x.kind === 'guid' && y.kind === 'guid') c = x.v < y.v ? -1 : x.v > y.v ? 1 : 0;
      else c = Number(x.v) - Number(y.v);
      if (c !== 0) return desc ? -c : c;
    }
    return 0;
  };
}

export type Expected = {
  /** Every matching row, in order (rows tied on every key keep the server's default order). */
  rows: Row[];
  /** The tie group of each row of `rows`: rows of one group may come in any order. */
  groups: number[];
  /** The rows $skip and $top leave: rows.slice(start, end). */
  start: number;
  end: number;
  /** Fields each answered row carries; undefined: all. */
  select: string[] | undefined;
};

/**
 * The reference evaluation of a query over `rows`, which are in the server's default order (the
 * order of its own walk of the set: S15). Throws QueryError/FilterSyntaxError/FilterTypeError for a query it cannot evaluate.
 */
export function evaluateQuery(rows: Row[], query: ODataQuery, types: FieldTypes): Expected {
  const filter = query.$filter === undefined ? undefined : parseFilter(query.$filter);
  const matched = filter ? rows.filter((r) => matches(filter, r, types)) : [...rows];
  const keys = query.$orderby ? parseOrderBy(query.$orderby, types) : [];
  const cmp = compareRows(keys, types);
  // Array.prototype.sort is stable: ties keep the default order, but are compared as a set anyway.
  if (keys.length) matched.sort(cmp);
  const groups: number[] = [];
  matched.forEach((row, i) => {
    const prev = matched[i - 1];
    const same = keys.length > 0 && prev !== undefined && cmp(prev, row) === 0;
    groups.push(i === 0 ? 0 : same ? (groups[i - 1] as number) : (groups[i - 1] as number) + 1);
  });
  const start = Math.min(query.$skip ?? 0, matched.length);
  const end = query.$top === undefined ? matched.length : Math.min(matched.length, start + query.$top);
  return {
    rows: matched,
    groups,
    start,
    end,
    select: query.$select ? parseSelect(query.$select, types) : undefined,
  };
}

/** Whole-row projections of the rows of a read set, which every query of a run compares again. */
const wholeRows = new WeakMap<Row, string>();

/** A row reduced to the fields the client asked for, as comparable text. */
function projection(row: Row, select: string[] | undefined): string {
  if (!select) {
    const known = wholeRows.get(row);
    if (known !== undefined) return known;
  }
  const keys = (select ?? Object.keys(row)).filter((k) => !k.startsWith('@')).sort();
  const text = JSON.stringify(keys.map((k) => [k, row[k] ?? null]));
  if (!select) wholeRows.set(row, text);
  return text;
}

export type Difference = { position: number; received?: Row; expected?: Row; why: string };

/**
 * A row in a failure message: its keys (id2, id when shown), the given fields, and the fields where it
 * differs from `other`; the whole row is in the exchange.
 */
export function describeRow(row: Row | undefined, fields: string[], other?: Row): string {
  if (!row) return 'no row';
  const differing = other
    ? Object.keys(row).filter((k) => JSON.stringify(row[k]) !== JSON.stringify(other[k]))
    : [];
  const shown = [...new Set(['id2', 'id', ...fields, ...differing.slice(0, 3)])].filter((k) => k in row);
  return shown.map((k) => `${k}=${JSON.stringify(row[k])}`).join(', ');
}

/**
 * The first place where the received rows (all pages, in order) differ from the expected window:
 * each position must hold a row of the same tie group as the expected row there, each row once.
 * `complete` false: only a prefix of the answer was read, so it may be shorter.
 */
export function firstDifference(
  expected: Expected,
  received: Row[],
  complete = true,
): Difference | undefined {
  const want = expected.rows.slice(expected.start, expected.end);
  // What each tie group still holds, as projections with their counts (a group cut by $skip/$top
  // offers all its rows). Only the groups of the window are ever asked for; groups are contiguous.
  const pool = new Map<number, Map<string, number>>();
  if (want.length) {
    const first = expected.groups[expected.start] as number;
    const last = expected.groups[expected.end - 1] as number;
    let from = expected.start;
    while (from > 0 && expected.groups[from - 1] === first) from--;
    for (let i = from; i < expected.rows.length && (expected.groups[i] as number) <= last; i++) {
      const g = expected.groups[i] as number;
      const p = projection(expected.rows[i] as Row, expected.select);
      const m = pool.get(g) ?? new Map<string, number>();
      m.set(p, (m.get(p) ?? 0) + 1);
      pool.set(g, m);
    }
  }
  for (let i = 0; i < received.length; i++) {
    const got = received[i] as Row;
    const at = expected.start + i;
    const wanted = want[i];
    const p = projection(got, expected.select);
    if (!wanted) return { position: i, received: got, why: 'a row too many' };
    const extra = Object.keys(got).filter(
      (k) => !k.startsWith('@') && expected.select && !expected.select.includes(k),
    );
    const missing = (expected.select ?? Object.keys(wanted)).filter((k) => !(k in got));
    if (extra.length || missing.length) {
      return {
        position: i,
        received: got,
        expected: wanted,
        why: `the row's fields differ (${extra.length ? `not selected: ${extra.join(',')}` : ''}${
          missing.length ? ` missing: ${missing.join(',')}` : ''
        })`,
      };
    }
    const g = expected.groups[at] as number;
    const left = pool.get(g);
    const n = left?.get(p) ?? 0;
    if (n === 0) {
      const tied = expected.rows.filter((_, j) => expected.groups[j] === g).length;
      return {
        position: i,
        received: got,
        expected: wanted,
        why: tied > 1 ? `not one of the ${tied} rows tied at this position` : 'another row at this position',
      };
    }
    left?.set(p, n - 1);
  }
  if (complete && received.length < want.length) {
    return {
      position: received.length,
      expected: want[received.length] as Row,
      why: `${want.length - received.length} row(s) missing at the end`,
    };
  }
  return undefined;
}
