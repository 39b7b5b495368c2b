/**
 * DataContract-style XML text -> JSON value, typed by the schema.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  EMPTY_VIEW,
  getView,
  type SchemaResolver,
  type SchemaView,
  T_ARRAY,
  T_BOOLEAN,
  T_INTEGER,
  T_NUMBER,
  T_OBJECT,
  T_SCALAR,
} from './schema-view.ts';
import {
  checkReferences,
  decodeName,
  decodeText,
  findInvalidChar,
  positionOf,
  XSI_NAMESPACE,
} from './xml-text.ts';

interface FromXmlOptions {
  /** When set, a root element with another local name is an error. */
  readonly expectedRoot?: string;
  /** Maximum input size in UTF-8 bytes; default 1 MiB (1,048,576). */
  readonly maxBytes?: number;
}

type FromXmlResult = { ok: true; value: unknown; root: string } | { ok: false; error: string };

const DEFAULT_MAX_BYTES = 1_048_576;

/** fast-xml-parser `preserveOrder` node: `{ $tag: children, ':@'?: attrs }`, `{ '#text': s }`, `{ '#cdata': [...] }`. */
type XNode = Record<string, unknown>;
type Attrs = Record<string, unknown>;
type Scope = ReadonlyMap<string, string>;

const TAG_PREFIX = '$'; // never starts a valid XML name, so it cannot collide with '#text', ':@' or __proto__
const ATTRS = ':@';
const TEXT = '#text';
const CDATA = '#cdata';

// Entities are NOT expanded by the parser (processEntities: false): references are checked beforehand
// (only the 5 built-ins and character references) and decoded by decodeText; DOCTYPE is rejected up front.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: TAG_PREFIX,
  transformTagName: (name) => TAG_PREFIX + name,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  cdataPropName: CDATA,
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
  maxNestedTags: 256,
});

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INITIAL_SCOPE: Scope = new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]);

function tagOf(node: XNode): string | undefined {
  for (const k in node) if (k.startsWith(TAG_PREFIX)) return k;
  return undefined;
}

function localName(tag: string): string {
  // fast-xml-parser 5.12 applies transformTagName twice to self-closing tags ('$$b'); '$' never starts a name.
  let start = 0;
  while (tag.startsWith(TAG_PREFIX, start)) start += TAG_PREFIX.length;
  const colon = tag.indexOf(':', start);
  return colon === -1 ? tag.slice(start) : tag.slice(colon + 1);
}

function childrenOf(node: XNode, tag: string): XNode[] {
  const c = node[tag];
  return Array.isArray(c) ? (c as XNode[]) : [];
}

function withNamespaces(scope: Scope, attrs: Attrs): Scope {
  let next: Map<string, string> | undefined;
  for (const k in attrs) {
    if (k.startsWith(`${TAG_PREFIX}xmlns:`)) {
      next ??= new Map(scope);
      next.set(k.slice(TAG_PREFIX.length + 6), decodeText(String(attrs[k])));
    }
  }
  return next ?? scope;
}

function isNil(attrs: Attrs, scope: Scope): boolean {
  for (const k in attrs) {
    if (k.endsWith(':nil') && scope.get(k.slice(TAG_PREFIX.length, -4)) === XSI_NAMESPACE) {
      const v = String(attrs[k]).trim();
      if (v === 'true' || v === '1') return true;
    }
  }
  return false;
}

function textOf(children: readonly XNode[]): string {
  let text = '';
  for (const c of children) {
    const t = c[TEXT];
    if (t !== undefined) {
      text += decodeText(String(t));
      continue;
    }
    const cdata = c[CDATA];
    if (Array.isArray(cdata)) for (const part of cdata as XNode[]) text += String(part[TEXT] ?? '');
  }
  return text;
}

function setProp(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

function scalar(text: string, flags: number): unknown {
  if (flags & (T_NUMBER | T_INTEGER)) {
    const t = text.trim();
    if (NUMBER.test(t)) return Number(t);
    if (t === 'INF' || t === '+INF') return Number.POSITIVE_INFINITY;
    if (t === '-INF') return Number.NEGATIVE_INFINITY;
    if (t === 'NaN') return Number.NaN;
  }
  if (flags & T_BOOLEAN) {
    const t = text.trim();
    if (t === 'true') return true;
    if (t === 'false') return false;
  }
  return text;
}

function convert(
  node: XNode,
  tag: string,
  schema: unknown,
  resolve: SchemaResolver,
  parentScope: Scope,
): unknown {
  const attrs = node[ATTRS] as Attrs | undefined;
  let scope = parentScope;
  if (attrs !== undefined) {
    scope = withNamespaces(parentScope, attrs);
    if (isNil(attrs, scope)) return null;
  }
  const children = childrenOf(node, tag);
  const view = getView(schema, resolve);
  const flags = view.flags;
  let hasElements = false;
  for (const c of children) {
    if (tagOf(c) !== undefined) {
      hasElements = true;
      break;
    }
  }
  if (hasElements) {
    if (flags & T_OBJECT) return toObject(children, view, resolve, scope);
    if (flags & T_ARRAY) return toArray(children, view, resolve, scope);
    return toObject(children, EMPTY_VIEW, resolve, scope); // undeclared structure: strings all the way down
  }
  const text = textOf(children);
  if (flags & (T_OBJECT | T_ARRAY) && !(flags & T_SCALAR) && text.trim() === '') {
    return flags & T_OBJECT ? {} : [];
  }
  return scalar(text, flags);
}

function toArray(
  children: readonly XNode[],
  view: SchemaView,
  resolve: SchemaResolver,
  scope: Scope,
): unknown[] {
  const out: unknown[] = [];
  for (const c of children) {
    const tag = tagOf(c);
    if (tag !== undefined) out.push(convert(c, tag, view.items, resolve, scope));
  }
  return out;
}

function toObject(
  children: readonly XNode[],
  view: SchemaView,
  resolve: SchemaResolver,
  scope: Scope,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let repeated: Set<string> | undefined;
  for (const c of children) {
    const tag = tagOf(c);
    if (tag === undefined) continue; // whitespace / stray text between elements
    const local = localName(tag);
    const p = view.byElem.get(local);
    if (p !== undefined) {
      if (p.unwrapped) {
        const itemSchema = getView(p.schema, resolve).items;
        const existing = Object.hasOwn(out, p.key) ? out[p.key] : undefined;
        const list = Array.isArray(existing) ? existing : [];
        if (list !== existing) setProp(out, p.key, list);
        list.push(convert(c, tag, itemSchema, resolve, scope));
      } else {
        setProp(out, p.key, convert(c, tag, p.schema, resolve, scope));
      }
      continue;
    }
    // Not in the schema: additionalProperties schema if any, else strings; repeats collect into an array.
    const key = decodeName(local);
    const value = convert(c, tag, view.additional, resolve, scope);
    if (!Object.hasOwn(out, key)) {
      setProp(out, key, value);
    } else if (repeated?.has(key)) {
      (out[key] as unknown[]).push(value);
    } else {
      repeated ??= new Set();
      repeated.add(key);
      setProp(out, key, [out[key], value]);
    }
  }
  return out;
}

function fail(error: string): FromXmlResult {
  return { ok: false, error };
}

function byteLength(s: string, limit: number): number {
  return s.length > limit || s.length * 3 <= limit ? s.length : utf8Length(s);
}

// UTF-8 size counted in plain JS: the codec also runs in the browser (MSW), where Buffer is absent.
function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Parses DataContract-style XML and converts element text to the JSON types `schema` declares. Values that do
 * not parse as their declared type stay strings (so JSON Schema validation reports them). Never throws.
 */
export function fromXml(
  xml: string,
  schema: unknown,
  resolve: SchemaResolver,
  options: FromXmlOptions = {},
): FromXmlResult {
  try {
    if (typeof xml !== 'string') return fail('XML input must be a string');
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    if (byteLength(xml, maxBytes) > maxBytes) return fail(`XML input is larger than ${maxBytes} bytes`);
    const doctype = xml.search(/<!DOCTYPE/i);
    if (doctype !== -1) return fail(`DOCTYPE declarations are not allowed (${positionOf(xml, doctype)})`);
    const bad = findInvalidChar(xml);
    if (bad !== -1) {
      const code = (xml.codePointAt(bad) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      return fail(`character U+${code} is not allowed in XML 1.0 (${positionOf(xml, bad)})`);
    }
    const refError = checkReferences(xml);
    if (refError !== undefined) return fail(`malformed XML: ${refError}`);
    const valid = XMLValidator.validate(xml);
    if (valid !== true) {
      const { msg, line, col } = valid.err;
      return fail(`malformed XML: ${msg} (line ${line}${col === undefined ? '' : `, column ${col}`})`);
    }
    const doc = parser.parse(xml) as XNode[];
    const roots = doc.filter((n) => tagOf(n) !== undefined);
    const root = roots[0];
    if (root === undefined) return fail('malformed XML: no root element');
    if (roots.length > 1) return fail('malformed XML: more than one root element');
    const tag = tagOf(root) ?? '';
    const rootName = decodeName(localName(tag));
    if (options.expectedRoot !== undefined && rootName !== options.expectedRoot) {
      return fail(`unexpected root element <${rootName}>, expected <${options.expectedRoot}>`);
    }
    return { ok: true, value: convert(root, tag, schema, resolve, INITIAL_SCOPE), root: rootName };
  } catch (e) {
    return fail(`cannot read XML: ${e instanceof Error ? e.message : String(e)}`);
  }
}
