/**
 * JSON value -> XML text shaped like .NET DataContractSerializer output.
 */
import { normalizeDateTime } from './date-time.ts';
import {
  EMPTY_VIEW,
  getView,
  isObj,
  type PropInfo,
  type SchemaResolver,
  type SchemaView,
  T_ARRAY,
} from './schema-view.ts';
import { compareOrdinal, encodeName, escapeText, XSI_NAMESPACE } from './xml-text.ts';

const ROOT_ATTRS = ` xmlns:i="${XSI_NAMESPACE}"`;

/** Element name for a value with no (useful) schema, by its JSON type. */
function valueTypeName(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(value) ? 'long' : 'double';
    case 'boolean':
      return 'boolean';
    default:
      return Array.isArray(value) ? 'ArrayOfanyType' : 'anyType';
  }
}

function formatNumber(n: number): string {
  if (Number.isFinite(n)) return String(n); // 15.0 -> "15", -0 -> "0", 1e21 -> "1e+21" (valid xs:double)
  return Number.isNaN(n) ? 'NaN' : n > 0 ? 'INF' : '-INF';
}

function writeLeaf(out: string[], name: string, attrs: string, text: string): void {
  out.push(`<${name}${attrs}>`, text, `</${name}>`);
}

function writeElement(
  out: string[],
  name: string,
  attrs: string,
  value: unknown,
  view: SchemaView,
  resolve: SchemaResolver,
): void {
  switch (typeof value) {
    case 'string':
      writeLeaf(out, name, attrs, escapeText(view.format === 'date-time' ? normalizeDateTime(value) : value));
      return;
    case 'number':
      writeLeaf(out, name, attrs, formatNumber(value));
      return;
    case 'boolean':
      writeLeaf(out, name, attrs, value ? 'true' : 'false');
      return;
    case 'bigint':
      writeLeaf(out, name, attrs, value.toString());
      return;
    case 'object':
      if (value === null) break;
      if (Array.isArray(value)) {
        writeArray(out, name, attrs, value, view, resolve);
      } else if (value instanceof Date) {
        writeLeaf(out, name, attrs, Number.isNaN(value.getTime()) ? '' : value.toISOString());
      } else {
        writeObject(out, name, attrs, value as Record<string, unknown>, view, resolve);
      }
      return;
    default:
      break;
  }
  // null, and undefined/functions/symbols inside arrays or at the root (JSON.stringify turns those into null)
  out.push(`<${name} i:nil="true"${attrs}/>`);
}

function writeArray(
  out: string[],
  name: string,
  attrs: string,
  items: readonly unknown[],
  view: SchemaView,
  resolve: SchemaResolver,
): void {
  if (items.length === 0) {
    out.push(`<${name}${attrs}/>`);
    return;
  }
  out.push(`<${name}${attrs}>`);
  writeItems(out, undefined, items, getView(view.items, resolve), resolve);
  out.push(`</${name}>`);
}

function writeItems(
  out: string[],
  itemName: string | undefined,
  items: readonly unknown[],
  itemView: SchemaView,
  resolve: SchemaResolver,
): void {
  const name = itemName ?? itemView.typeName;
  for (const item of items) writeElement(out, name ?? valueTypeName(item), '', item, itemView, resolve);
}

function writeProp(out: string[], p: PropInfo, value: unknown, resolve: SchemaResolver): void {
  const view = getView(p.schema, resolve);
  if (p.unwrapped && Array.isArray(value)) {
    writeItems(out, p.elem, value, getView(view.items, resolve), resolve);
  } else {
    writeElement(out, p.elem, '', value, view, resolve);
  }
}

function isWritable(v: unknown): boolean {
  return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
}

function writeObject(
  out: string[],
  name: string,
  attrs: string,
  obj: Record<string, unknown>,
  view: SchemaView,
  resolve: SchemaResolver,
): void {
  out.push(`<${name}${attrs}>`);
  const before = out.length;
  const { props, byKey } = view;
  let extras: string[] | undefined;
  for (const key of Object.keys(obj)) {
    if (byKey.has(key)) continue;
    if (extras === undefined) extras = [key];
    else extras.push(key);
  }
  if (extras === undefined) {
    for (const p of props) {
      if (p.inherited && !Object.hasOwn(obj, p.key)) continue;
      const v = obj[p.key];
      if (isWritable(v)) writeProp(out, p, v, resolve);
    }
  } else {
    // Additional properties: merge them into the sorted schema properties.
    extras.sort(compareOrdinal);
    const additional = getView(view.additional, resolve);
    let e = 0;
    for (let i = 0; i <= props.length; i++) {
      const p = props[i];
      while (e < extras.length && (p === undefined || compareOrdinal(extras[e] ?? '', p.sortName) < 0)) {
        const key = extras[e++] ?? '';
        const v = obj[key];
        if (isWritable(v)) writeElement(out, encodeName(key), '', v, additional, resolve);
      }
      if (p === undefined) break;
      if (p.inherited && !Object.hasOwn(obj, p.key)) continue;
      const v = obj[p.key];
      if (isWritable(v)) writeProp(out, p, v, resolve);
    }
  }
  if (out.length === before) out[before - 1] = `<${name}${attrs}/>`;
  else out.push(`</${name}>`);
}

/**
 * Serialises a JSON value as DataContract-style XML.
 *
 * @param value the JSON value (object, array for list responses, or a scalar).
 * @param schema its schema: typically `{ $ref: '#/components/schemas/x' }` or
 *   `{ type: 'array', items: { $ref: ... } }`; may contain further `$ref`s, resolved lazily.
 * @param resolve resolves `$ref` strings; pass the same function each time so per-schema caches are reused.
 * @param rootName overrides the root element name (otherwise the schema's type name / `ArrayOf{item}`).
 */
export function toXml(value: unknown, schema: unknown, resolve: SchemaResolver, rootName?: string): string {
  const view = getView(schema, resolve);
  const name = rootName !== undefined ? encodeName(rootName) : (view.typeName ?? valueTypeName(value));
  let namespace = view.xml.namespace;
  if (namespace === undefined && view.flags & T_ARRAY) namespace = getView(view.items, resolve).xml.namespace;
  const attrs = namespace === undefined ? ROOT_ATTRS : `${ROOT_ATTRS} xmlns="${escapeText(namespace)}"`;
  const out: string[] = [];
  writeElement(out, name, attrs, value, isObj(schema) ? view : EMPTY_VIEW, resolve);
  return out.join('');
}
