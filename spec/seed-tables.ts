// Reads the field tables out of the source documents (the vendors' help pages in shared/seeds/).
// Used by the fidelity test to prove that spec/documented-facts.json still matches the documents.

export type DocumentedField = {
  name: string;
  /** The type as the document words it, e.g. "globally unique identifier". Absent where a table gives none. */
  type?: string;
  maxLength?: number;
  required?: boolean;
  /** "Optionally required" groups: the fields of which at least one must be given. */
  oneOfGroup?: string[];
  unique?: boolean;
  referenceCheck?: boolean;
  availableSince?: string;
};

export type DocumentedTable = { table: string; fields: DocumentedField[] };

// The help pages of the jobs API (ASP.NET Web API help) name a type per field from this vocabulary.
const TYPE_WORDS = new Set([
  'globally unique identifier',
  'string',
  'integer',
  'date',
  'boolean',
  'decimal number',
  'jobs',
  'project',
  'job_type',
  'job_priority',
  'user',
  'skill',
]);

const FIELD_NAME = /^[_a-z][_a-z0-9]*$/;

function cells(text: string): string[] {
  return text
    .split(/[|\n]/)
    .map((c) => c.trim())
    .filter((c) => c !== '' && !/^-+$/.test(c));
}

function parseAdditional(field: DocumentedField, info: string): void {
  const max = /Max length:\s*(\d+)/i.exec(info);
  if (max?.[1]) field.maxLength = Number(max[1]);
  if (/^Required\b/.test(info)) field.required = true;
  const group = /Optionally required\s*:\s*(.+?)\s+must be provided/.exec(info);
  if (group?.[1]) field.oneOfGroup = group[1].split(/\s*,\s*|\s+or\s+/).map((s) => s.trim());
}

/** Parses the rows of one help-page table: name, optional description, type, optional additional information. */
export function parseHelpTable(text: string): DocumentedField[] {
  const tokens = cells(text);
  const fields: DocumentedField[] = [];
  let i = 0;
  while (i < tokens.length) {
    const name = tokens[i] ?? '';
    if (!FIELD_NAME.test(name)) throw new Error(`expected a field name, found '${name}'`);
    i++;
    // A description is any cell before the type word; a few rows have none.
    if (!TYPE_WORDS.has(tokens[i] ?? '')) i++;
    const type = tokens[i] ?? '';
    if (!TYPE_WORDS.has(type)) throw new Error(`field '${name}': expected a type, found '${type}'`);
    i++;
    const field: DocumentedField = { name, type };
    const next = tokens[i] ?? '';
    if (/^(Max length|Required|Optionally required)/.test(next)) {
      parseAdditional(field, next);
      i++;
    }
    fields.push(field);
  }
  return fields;
}

function between(text: string, start: RegExp, end: RegExp, from = 0): { body: string; endIndex: number } {
  const s = start.exec(text.slice(from));
  if (!s) throw new Error(`section ${start} not found`);
  const bodyStart = from + s.index + s[0].length;
  const e = end.exec(text.slice(bodyStart));
  if (!e) throw new Error(`end ${end} not found`);
  return { body: text.slice(bodyStart, bodyStart + e.index), endIndex: bodyStart + e.index };
}

const TABLE_HEADER =
  /\|?\s*Name\s*\|\s*Description\s*\|\s*Type\s*\|\s*Additional information\s*\|\s*\n\|?-+\|-+\|-+\|-+\|\s*\n/;

/** The tables of an ASP.NET Web API help page (files 000 to 003), keyed by where they stand on the page. */
export function parseHelpPage(text: string): DocumentedTable[] {
  const tables: DocumentedTable[] = [];
  const uri = /URI Parameters :\s*\n([\s\S]*?)Body Parameters :/.exec(text);
  if (uri?.[1] && !/None\./.test(uri[1])) {
    const rows = uri[1].replace(TABLE_HEADER, '');
    const tokens = cells(rows);
    const name = tokens[0] ?? '';
    tables.push({
      table: 'uri',
      fields: [{ name, type: tokens[1] ?? '', required: tokens.includes('Required') }],
    });
  }
  let from = 0;
  for (const [label, end] of [
    ['request', /Request Formats|Response Information/],
    ['response', /Response Formats/],
  ] as const) {
    const header = new RegExp(
      `${label === 'request' ? 'Body Parameters :' : 'Resource Description :'}\\s*\\n(?:IHttpActionResult\\s*\\n)?([a-z_]+)${TABLE_HEADER.source}`,
    );
    const m = header.exec(text.slice(from));
    if (!m) continue;
    const { body, endIndex } = between(text, header, end, from);
    tables.push({ table: `${label}:${m[1]}`, fields: parseHelpTable(body) });
    from = endIndex;
  }
  return tables;
}

/** The request body table and error codes of an OverIT NextGen API page (file 004). */
export function parseNextGenPage(text: string): { fields: DocumentedField[]; errorCodes: string[] } {
  const { body } = between(
    text,
    /Request Body Parameters\s*\n\s*Field\s*\n\s*Validations\s*\n\s*Note\s*\n/,
    /Response documentation/,
  );
  const fields: DocumentedField[] = [];
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const current = fields.at(-1);
    if (/^[a-z][A-Za-z]*$/.test(line)) fields.push({ name: line });
    else if (!current) throw new Error(`text before the first field: '${line}'`);
    else if (/^Max\s*Len(?:gth|ght)\s*:\s*(\d+)$/i.test(line))
      current.maxLength = Number(/(\d+)$/.exec(line)?.[1]);
    else if (line === 'Unique') current.unique = true;
    else if (/^Referenced resource id exist/.test(line)) current.referenceCheck = true;
    else if (/^Available since/.test(line)) current.availableSince = line.replace(/^Available since\s*/, '');
    else throw new Error(`unexpected line in the field table: '${line}'`);
  }
  const codes = /Response error codes\s*\n\s*([A-Z0-9_, ]+?)(?=[A-Z][a-z]|\s*$)/.exec(
    text.slice(text.indexOf('Response error codes')),
  );
  const errorCodes = (codes?.[1] ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  return { fields, errorCodes };
}

export type SampleShapes = Record<string, Record<string, string>>;

/** The JSON object that follows `marker` on a help page (its sample), cut out by brace matching. */
export function sampleAfter(text: string, marker: string): string {
  const start = text.indexOf('{', text.indexOf(marker));
  let depth = 0;
  for (let j = start; j < text.length; j++) {
    if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth === 0) return text.slice(start, j + 1);
  }
  throw new Error(`no complete JSON sample after '${marker}'`);
}

// How the samples name the embedded entities (property -> schema); `translations` holds `translation` items.
const ENTITY_OF: Record<string, string> = { suggested_user: 'user', translations: 'translation' };

function sampleType(key: string, value: unknown, raw: string): string {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') {
    // JSON.parse drops the ".0" that marks a decimal in the sample, so look at the raw text.
    const literal = new RegExp(`"${key}":\\s*(-?[0-9.]+)`).exec(raw)?.[1] ?? '';
    return literal.includes('.') ? 'number' : 'integer';
  }
  if (typeof value === 'string') {
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-/.test(value)) return 'uuid';
    if (/^\d{4}-\d\d-\d\dT/.test(value)) return 'date-time';
    return 'string';
  }
  return 'unknown';
}

/** Every object in a JSON sample, by entity name, with its keys and the types their sample values show. */
export function sampleShapes(raw: string, rootName: string): SampleShapes {
  const shapes: SampleShapes = {};
  const walk = (name: string, value: Record<string, unknown>): void => {
    shapes[name] ??= {};
    const shape = shapes[name];
    for (const [key, v] of Object.entries(value)) {
      const entity = ENTITY_OF[key] ?? key;
      if (Array.isArray(v)) {
        shape[key] = `array:${entity}`;
        for (const item of v) walk(entity, item as Record<string, unknown>);
      } else if (v !== null && typeof v === 'object') {
        shape[key] = `ref:${entity}`;
        walk(entity, v as Record<string, unknown>);
      } else shape[key] = sampleType(key, v, raw);
    }
  };
  walk(rootName, JSON.parse(raw) as Record<string, unknown>);
  return shapes;
}

/** Element names of the XML sample that follows `marker` (first element's children). */
export function xmlSampleElements(text: string, marker: string): string[] {
  const from = text.indexOf(marker);
  const xml = text.slice(text.indexOf('<', from));
  const root = /^<([A-Za-z_][\w]*)/.exec(xml)?.[1] ?? '';
  const body = xml.slice(xml.indexOf('>') + 1, xml.indexOf(`</${root}>`));
  return [...body.matchAll(/<([A-Za-z_][\w]*)>/g)].map((m) => m[1] ?? '');
}
