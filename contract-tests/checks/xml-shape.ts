// XML-SHAPE: an XML answer as the schemas' xml keywords and the documents' samples give it: the root
// element the schema names, the XMLSchema-instance namespace declared on it (samples of 002 and 003),
// and its elements in the ordinal order DataContractSerializer writes, each a documented field.
import { COMPONENT_NAME } from '../../lib/catalog.ts';
import type { JsonSchema } from '../../lib/spec.ts';
import { compareOrdinal, XSI_NAMESPACE } from '../../lib/xml/xml-text.ts';
import { type Exchange, isXmlType, mediaType } from '../http/exchange.ts';
import { operation } from '../spec/api-catalog.ts';
import { type Failure, mismatch } from './failure.ts';

type Element = { name: string; attributes: string; children: Element[] };

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;

/** The element tree of a document (names and attributes only); undefined when the tags do not nest. */
export function elementTree(xml: string): Element | undefined {
  const stack: Element[] = [{ name: '#document', attributes: '', children: [] }];
  const body = xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  for (const m of body.matchAll(TAG)) {
    const [, closing, name = '', attributes = '', selfClosing] = m;
    const top = stack[stack.length - 1];
    if (!top) return undefined;
    if (closing) {
      if (top.name !== name) return undefined;
      stack.pop();
      continue;
    }
    const element: Element = { name, attributes, children: [] };
    top.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  return stack.length === 1 ? stack[0]?.children[0] : undefined;
}

/** The element name of a schema: its `xml` name, else its component name (kept by the catalog). */
const xmlName = (s: JsonSchema) =>
  ((s.xml as { name?: string } | undefined)?.name ?? s[COMPONENT_NAME]) as string | undefined;

/** What is wrong with one element against its object schema: unknown children, or children out of order. */
function objectProblem(element: Element, schema: JsonSchema): string | undefined {
  const props = Object.keys((schema.properties ?? {}) as object);
  const names = element.children.map((c) => c.name);
  const unknown = names.filter((n) => !props.includes(n));
  if (props.length && unknown.length)
    return `<${element.name}> has undocumented elements ${unknown.slice(0, 5).join(', ')}`;
  for (let i = 1; i < names.length; i++) {
    const [a, b] = [names[i - 1] ?? '', names[i] ?? ''];
    if (compareOrdinal(a, b) > 0)
      return `<${element.name}>: <${b}> comes after <${a}> (ordinal order expected)`;
  }
  return undefined;
}

export function checkXmlShape(exchange: Exchange): Failure | undefined {
  const response = exchange.response;
  const type = mediaType(response);
  if (!response || !isXmlType(type) || response.status >= 300 || response.body === '') return undefined;
  const op = operation(exchange.operationId);
  const documented = op.responses[String(response.status)]?.content[type];
  if (!documented) return undefined;
  const root = elementTree(response.body);
  const fail = (what: string, received: string, expected: string) =>
    mismatch(
      'xml-shape',
      'XML-SHAPE',
      `${op.id} ${response.status} XML: ${what}`,
      received,
      expected,
      exchange,
    );
  if (!root) return fail('the elements do not nest', response.body.slice(0, 120), 'well-formed XML');
  // A response that may be one of several schemas (anyOf) is the one its root names.
  const candidates = (documented.anyOf ?? documented.oneOf ?? [documented]) as JsonSchema[];
  const schema = candidates.find((s) => xmlName(s) === root.name);
  const names = candidates.map(xmlName).filter(Boolean);
  if (!schema)
    return fail(
      'the root element is not the one the schema names',
      `<${root.name}>`,
      names.map((n) => `<${n}>`).join(' or '),
    );
  const namespace = (schema.xml as { namespace?: string } | undefined)?.namespace;
  if (namespace && !root.attributes.includes(`xmlns="${namespace}"`))
    return fail('the root lacks the namespace of the xml keyword', root.attributes, `xmlns="${namespace}"`);
  if (
    !root.attributes.includes(`xmlns:i="${XSI_NAMESPACE}"`) &&
    !root.attributes.includes(`xmlns:i='${XSI_NAMESPACE}'`)
  )
    return fail(
      'the root does not declare the XMLSchema-instance namespace of the samples',
      root.attributes || '(none)',
      `xmlns:i="${XSI_NAMESPACE}"`,
    );
  if (schema.type === 'array') {
    const item = (schema.items ?? {}) as JsonSchema;
    const itemName = xmlName(item);
    const other = root.children.find((c) => c.name !== itemName);
    if (other) return fail('an item of the list has another name', `<${other.name}>`, `<${itemName}>`);
    const problem = root.children.map((c) => objectProblem(c, item)).find(Boolean);
    return problem ? fail(problem, problem, 'the documented fields in ordinal order') : undefined;
  }
  const problem = objectProblem(root, schema);
  return problem ? fail(problem, problem, 'the documented fields in ordinal order') : undefined;
}
