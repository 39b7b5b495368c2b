// The jobs API writes no nulls: an absent value is a default of its type (vendor-apis.md;
// ASSUMPTIONS.md A3). The defaults of a record are read off its schema once.
import { NO_DATE, ZERO_GUID } from '../../generators/fixtures/data-set.ts';
import { catalog } from '../../lib/spec-runtime.ts';
import { normalizeDateTime } from '../../lib/xml/index.ts';

type Schema = {
  type?: string | string[];
  format?: string;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  $ref?: string;
};

type ScalarKind = 'uuid' | 'date-time' | 'string' | 'integer' | 'number' | 'boolean';

function kindOf(p: Schema): ScalarKind | undefined {
  const type = Array.isArray(p.type) ? p.type.find((t) => t !== 'null') : p.type;
  if (type === 'string')
    return p.format === 'uuid' ? 'uuid' : p.format === 'date-time' ? 'date-time' : 'string';
  if (type === 'integer' || type === 'number' || type === 'boolean') return type;
  return undefined;
}

const cache = new Map<string, Record<string, ScalarKind>>();

/** The scalar properties of a jobs-spec schema and their kinds (embedded objects left out). */
export function scalarFields(schemaName: string): Record<string, ScalarKind> {
  let fields = cache.get(schemaName);
  if (!fields) {
    fields = {};
    const visit = (s: Schema) => {
      // Only a self-reference is left a $ref in the catalog's schemas.
      if (s.$ref) return visit(catalog().resolve('jobs', s.$ref) as Schema);
      for (const [name, p] of Object.entries(s.properties ?? {})) {
        const kind = kindOf(p);
        if (kind) (fields as Record<string, ScalarKind>)[name] = kind;
      }
      for (const part of s.allOf ?? []) visit(part);
    };
    visit(catalog().schema('jobs', schemaName) as Schema);
    cache.set(schemaName, fields);
  }
  return fields;
}

const NO_DATE_MS = normalizeDateTime(NO_DATE);

const DEFAULT_OF: Record<ScalarKind, string | number | boolean> = {
  uuid: ZERO_GUID,
  'date-time': NO_DATE,
  string: '',
  integer: 0,
  number: 0,
  boolean: false,
};

const defaults = new Map<string, Readonly<Record<string, string | number | boolean>>>();

/** A record of the schema with every scalar field at its default; built once, frozen: spread it. */
export function defaultsOf(schemaName: string): Readonly<Record<string, string | number | boolean>> {
  let record = defaults.get(schemaName);
  if (!record) {
    record = Object.freeze(
      Object.fromEntries(Object.entries(scalarFields(schemaName)).map(([k, kind]) => [k, DEFAULT_OF[kind]])),
    );
    defaults.set(schemaName, record);
  }
  return record;
}

const fieldLists = new Map<string, [string, ScalarKind][]>();
const fieldListOf = (schemaName: string): [string, ScalarKind][] => {
  let list = fieldLists.get(schemaName);
  if (!list) {
    list = Object.entries(scalarFields(schemaName));
    fieldLists.set(schemaName, list);
  }
  return list;
};

// A date-time as the mock writes it (UTC, milliseconds, Z) is already what normalizeDateTime
// gives for it, valid or not (a 60th second rolls over there, so it is left to it).
const WRITTEN_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:[0-5]\d\.\d{3}Z$/;

/** The scalar fields of `input` the schema knows, normalised as the mock stores them (lower-case GUIDs, UTC dates). */
export function scalarsOf(
  schemaName: string,
  input: Record<string, unknown>,
): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [name, kind] of fieldListOf(schemaName)) {
    const v = input[name];
    if (v === undefined || v === null) continue;
    if (kind === 'uuid' && typeof v === 'string') out[name] = v.toLowerCase();
    else if (kind === 'date-time' && typeof v === 'string') {
      // Stored as written by the mock (ms, Z); the "no date" default keeps its one spelling.
      if (v === NO_DATE) out[name] = NO_DATE;
      else {
        const date = WRITTEN_DATE_TIME.test(v) ? v : normalizeDateTime(v);
        out[name] = date === NO_DATE_MS ? NO_DATE : date;
      }
    } else out[name] = v as string | number | boolean;
  }
  return out;
}

export const isSet = (id: unknown): id is string => typeof id === 'string' && id !== '' && id !== ZERO_GUID;
// Web Crypto (a global in Node and browsers): no `node:` import.
export const newId = (): string => crypto.randomUUID();
