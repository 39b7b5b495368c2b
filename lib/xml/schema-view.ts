/**
 * A cached, lazily built "view" of an OpenAPI 3.1 / JSON Schema 2020-12 schema for the XML codec:
 * merged properties (own, `$ref` target, `allOf`, and — as a best effort — `anyOf`/`oneOf` branches),
 * type flags, item schema, format, XML names. `$ref`s are only followed when needed, so recursive schemas
 * (a `jobs` whose `_parent_job` is a `jobs`) are fine.
 */
import { COMPONENT_NAME } from '../catalog.ts';
import { compareOrdinal, encodeName } from './xml-text.ts';

/** Resolves a `$ref` such as `#/components/schemas/x` to its schema object. */
export type SchemaResolver = (ref: string) => unknown;

type Obj = Record<string, unknown>;

export const T_STRING = 1;
export const T_NUMBER = 2;
export const T_INTEGER = 4;
export const T_BOOLEAN = 8;
export const T_OBJECT = 16;
export const T_ARRAY = 32;
export const T_NULL = 64;
export const T_SCALAR = T_STRING | T_NUMBER | T_INTEGER | T_BOOLEAN;

const TYPE_FLAGS: Readonly<Record<string, number>> = {
  string: T_STRING,
  number: T_NUMBER,
  integer: T_INTEGER,
  boolean: T_BOOLEAN,
  object: T_OBJECT,
  array: T_ARRAY,
  null: T_NULL,
};

const MAX_DEPTH = 64;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One schema property as it appears in XML. */
export interface PropInfo {
  /** JSON property name. */
  readonly key: string;
  /** Name used for ordering: the (unencoded) name of the element written for it. */
  readonly sortName: string;
  /** Element name (encoded) of the property element, or of each item when `unwrapped`. */
  readonly elem: string;
  /** The property's schema, unresolved. */
  readonly schema: unknown;
  /** `xml.wrapped: false`: an array value is written as repeated `elem` elements without a wrapper. */
  readonly unwrapped: boolean;
  /** `key` also exists on Object.prototype, so reads must check own-ness. */
  readonly inherited: boolean;
}

/** `xml` keyword information, following the `$ref` chain (the referencing object's keywords win). */
export interface XmlInfo {
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly wrapped: boolean | undefined;
  /** Last segment of the outermost `$ref` in the chain. */
  readonly refName: string | undefined;
}

export interface SchemaView {
  /** Union of T_* flags (declared or implied by properties/items/enum/const/format). */
  readonly flags: number;
  /** Properties sorted by ordinal order of their element names. */
  readonly props: readonly PropInfo[];
  readonly byKey: ReadonlyMap<string, PropInfo>;
  /** By encoded element name (item element name for unwrapped arrays). */
  readonly byElem: ReadonlyMap<string, PropInfo>;
  /** Item schema (unresolved) for arrays. */
  readonly items: unknown;
  /** `additionalProperties` schema when it is an object schema. */
  readonly additional: unknown;
  readonly format: string | undefined;
  readonly xml: XmlInfo;
  /**
   * Element name (encoded) for a value of this schema used as root or array item: `xml.name`, else
   * `ArrayOf{item type name}` for arrays, else the last `$ref` segment, else a .NET-like primitive name
   * (`string`, `int`, `long`, `double`, `boolean`, `dateTime`, `guid`). Undefined when nothing is known.
   */
  readonly typeName: string | undefined;
}

const EMPTY_XML: XmlInfo = { name: undefined, namespace: undefined, wrapped: undefined, refName: undefined };

export const EMPTY_VIEW: SchemaView = {
  flags: 0,
  props: [],
  byKey: new Map(),
  byElem: new Map(),
  items: undefined,
  additional: undefined,
  format: undefined,
  xml: EMPTY_XML,
  typeName: undefined,
};

const caches = new WeakMap<SchemaResolver, WeakMap<object, SchemaView>>();

/**
 * The view of `schema`, cached by (resolver identity, schema object identity). Pass the same resolver
 * function on every call (create it once per document) or the cache cannot help.
 */
export function getView(schema: unknown, resolve: SchemaResolver): SchemaView {
  if (!isObj(schema)) return EMPTY_VIEW;
  let cache = caches.get(resolve);
  if (cache === undefined) {
    cache = new WeakMap();
    caches.set(resolve, cache);
  }
  let view = cache.get(schema);
  if (view === undefined) {
    view = new View(schema, resolve);
    cache.set(schema, view);
  }
  return view;
}

function refName(ref: string): string {
  const last = ref.slice(Math.max(ref.lastIndexOf('/'), ref.lastIndexOf('#')) + 1);
  let name = last.replace(/~1/g, '/').replace(/~0/g, '~');
  try {
    name = decodeURIComponent(name);
  } catch {
    // keep the raw segment
  }
  return name;
}

function isNullSchema(s: unknown): boolean {
  return isObj(s) && s.type === 'null' && Object.keys(s).every((k) => k === 'type' || k === 'description');
}

/** Follows a schema through `$ref`s and single-branch wrappers (`allOf: [x]`, `anyOf: [x, {type: null}]`). */
function unwrapStep(s: Obj, resolve: SchemaResolver): unknown {
  if (typeof s.$ref === 'string') return resolve(s.$ref);
  if (Array.isArray(s.allOf) && s.allOf.length === 1 && s.properties === undefined) return s.allOf[0];
  for (const kw of ['anyOf', 'oneOf'] as const) {
    const branches = s[kw];
    if (Array.isArray(branches)) {
      const real = branches.filter((b) => !isNullSchema(b));
      if (real.length === 1) return real[0];
    }
  }
  return undefined;
}

export function xmlInfo(schema: unknown, resolve: SchemaResolver): XmlInfo {
  let name: string | undefined;
  let namespace: string | undefined;
  let wrapped: boolean | undefined;
  let ref: string | undefined;
  let cur = schema;
  for (let depth = 0; isObj(cur) && depth < MAX_DEPTH; depth++) {
    const xml = cur.xml;
    if (isObj(xml)) {
      if (name === undefined && typeof xml.name === 'string') name = xml.name;
      if (namespace === undefined && typeof xml.namespace === 'string') namespace = xml.namespace;
      if (wrapped === undefined && typeof xml.wrapped === 'boolean') wrapped = xml.wrapped;
    }
    if (ref === undefined && typeof cur.$ref === 'string') ref = refName(cur.$ref);
    // A schema resolved by the catalog carries its component name instead of a $ref (lib/catalog.ts).
    const component = cur[COMPONENT_NAME];
    if (ref === undefined && typeof component === 'string') ref = component;
    cur = unwrapStep(cur, resolve);
  }
  if (name === undefined && namespace === undefined && wrapped === undefined && ref === undefined)
    return EMPTY_XML;
  return { name, namespace, wrapped, refName: ref };
}

function flagOfValue(v: unknown): number {
  switch (typeof v) {
    case 'string':
      return T_STRING;
    case 'number':
      return Number.isInteger(v) ? T_INTEGER | T_NUMBER : T_NUMBER;
    case 'boolean':
      return T_BOOLEAN;
    case 'object':
      return v === null ? T_NULL : Array.isArray(v) ? T_ARRAY : T_OBJECT;
    default:
      return 0;
  }
}

function itemsOf(schema: unknown, resolve: SchemaResolver): unknown {
  let cur = schema;
  for (let depth = 0; isObj(cur) && depth < MAX_DEPTH; depth++) {
    if (cur.items !== undefined) return cur.items;
    cur = unwrapStep(cur, resolve);
  }
  return undefined;
}

function primitiveName(flags: number, format: string | undefined): string | undefined {
  if (flags & T_OBJECT) return 'anyType';
  if (flags & T_STRING) {
    if (format === 'date-time') return 'dateTime';
    if (format === 'uuid') return 'guid';
    return 'string';
  }
  if (flags & T_INTEGER) return format === 'int32' ? 'int' : 'long';
  if (flags & T_NUMBER) return format === 'float' ? 'float' : format === 'decimal' ? 'decimal' : 'double';
  if (flags & T_BOOLEAN) return 'boolean';
  return undefined;
}

class View implements SchemaView {
  readonly flags: number;
  readonly props: readonly PropInfo[];
  readonly byKey: ReadonlyMap<string, PropInfo>;
  readonly byElem: ReadonlyMap<string, PropInfo>;
  readonly items: unknown;
  readonly additional: unknown;
  readonly format: string | undefined;
  readonly xml: XmlInfo;
  readonly #resolve: SchemaResolver;
  readonly #schema: Obj;
  #typeName: string | undefined | null = null;
  #computingName = false;

  constructor(schema: Obj, resolve: SchemaResolver) {
    this.#resolve = resolve;
    this.#schema = schema;
    let flags = 0;
    let items: unknown;
    let additional: unknown;
    let format: string | undefined;
    const rawProps = new Map<string, unknown>();
    const seen = new Set<Obj>();
    const visit = (s: unknown, depth: number): void => {
      if (!isObj(s) || seen.has(s) || depth > MAX_DEPTH) return;
      seen.add(s);
      const type = s.type;
      if (typeof type === 'string') flags |= TYPE_FLAGS[type] ?? 0;
      else if (Array.isArray(type))
        for (const t of type) if (typeof t === 'string') flags |= TYPE_FLAGS[t] ?? 0;
      if (s.nullable === true) flags |= T_NULL;
      if ('const' in s) flags |= flagOfValue(s.const);
      if (Array.isArray(s.enum)) for (const e of s.enum) flags |= flagOfValue(e);
      if (format === undefined && typeof s.format === 'string') format = s.format;
      if (items === undefined && s.items !== undefined && typeof s.items !== 'boolean') items = s.items;
      if (additional === undefined && isObj(s.additionalProperties)) additional = s.additionalProperties;
      if (isObj(s.properties)) {
        for (const key of Object.keys(s.properties)) {
          if (!rawProps.has(key)) rawProps.set(key, s.properties[key]);
        }
      }
      if (typeof s.$ref === 'string') visit(resolve(s.$ref), depth + 1);
      for (const kw of ['allOf', 'anyOf', 'oneOf'] as const) {
        const branches = s[kw];
        if (Array.isArray(branches)) for (const b of branches) visit(b, depth + 1);
      }
    };
    visit(schema, 0);
    if (rawProps.size > 0 || additional !== undefined) flags |= T_OBJECT;
    if (items !== undefined) flags |= T_ARRAY;
    if (format !== undefined && (flags & ~T_NULL) === 0) flags |= T_STRING;

    const props: PropInfo[] = [];
    for (const [key, ps] of rawProps) {
      // A property element is named by the property's own xml.name (not by its $ref target's), else its key.
      const ownXml = isObj(ps) && isObj(ps.xml) ? ps.xml : undefined;
      const name = ownXml !== undefined && typeof ownXml.name === 'string' ? ownXml.name : key;
      const unwrapped = xmlInfo(ps, resolve).wrapped === false;
      const sortName = unwrapped ? (xmlInfo(itemsOf(ps, resolve), resolve).name ?? name) : name;
      props.push({
        key,
        sortName,
        elem: encodeName(sortName),
        schema: ps,
        unwrapped,
        inherited: key in Object.prototype,
      });
    }
    props.sort((a, b) => compareOrdinal(a.sortName, b.sortName));
    this.flags = flags;
    this.props = props;
    this.byKey = new Map(props.map((p) => [p.key, p]));
    this.byElem = new Map(props.map((p) => [p.elem, p]));
    this.items = items;
    this.additional = additional;
    this.format = format;
    this.xml = xmlInfo(schema, resolve);
  }

  get typeName(): string | undefined {
    if (this.#typeName !== null) return this.#typeName;
    if (this.#computingName) return undefined; // self-referencing array schema
    this.#computingName = true;
    try {
      this.#typeName = this.#computeTypeName();
    } finally {
      this.#computingName = false;
    }
    return this.#typeName;
  }

  #computeTypeName(): string | undefined {
    if (this.xml.name !== undefined) return encodeName(this.xml.name);
    if (this.flags & T_ARRAY && !(this.flags & T_OBJECT)) {
      return `ArrayOf${getView(this.items, this.#resolve).typeName ?? 'anyType'}`;
    }
    if (this.xml.refName !== undefined) return encodeName(this.xml.refName);
    return this.#unionName() ?? primitiveName(this.flags, this.format);
  }

  /**
   * A union (`anyOf`/`oneOf`, e.g. the full entity | MinimalId answer of a write) is named by its
   * first named branch, so the choice of answer never changes the element name (documents 001 and
   * 003 show `<jobs>` and `<job_part_usage>`).
   */
  #unionName(): string | undefined {
    for (const kw of ['anyOf', 'oneOf'] as const) {
      const branches = this.#schema[kw];
      if (!Array.isArray(branches)) continue;
      for (const b of branches) {
        const view = getView(b, this.#resolve);
        if (view.xml.name !== undefined || view.xml.refName !== undefined) return view.typeName;
      }
    }
    return undefined;
  }
}
