// The schema of the --config file, checked before anything is sent. Each node's `description` is
// what a reader is told is expected there, so every problem names the key, what was found and what fits.

import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';

/** The largest seed (--seed, `seed`): the generators mix it into 32-bit hashes. */
export const MAX_SEED = 2 ** 31 - 1;

type Node = {
  description?: string;
  type?: string | string[];
  properties?: Record<string, Node>;
  additionalProperties?: boolean | Node;
  items?: Node;
  [keyword: string]: unknown;
};

const URL_NODE: Node = {
  type: 'string',
  pattern: '^https?://[^\\s/]+',
  description: 'an http(s) URL such as "https://api.example.com"',
};
const BASIC_LOGIN: Node = {
  type: 'string',
  pattern: '^[^:]+:.*@[^@]+$',
  description: 'a login "user:password@domain"',
};
const NEXTGEN_LOGIN: Node = {
  type: 'object',
  description: 'a NextGen login { username, password }',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: {
    username: { type: 'string', minLength: 1, description: 'the NextGen user name, a non-empty string' },
    password: { type: 'string', description: 'the NextGen password, a string' },
  },
};

const CONFIG_SCHEMA: Node = {
  type: 'object',
  description:
    'a mapping of the keys baseUrl, baseUrls, credentials, fixtures, writes, headers, timeout, reportDir, maxRows, queries, seed',
  additionalProperties: false,
  properties: {
    baseUrl: URL_NODE,
    baseUrls: {
      type: 'object',
      description: 'a base URL per host: main, servicedesk, serviceapp, nextgen',
      additionalProperties: false,
      properties: { main: URL_NODE, servicedesk: URL_NODE, serviceapp: URL_NODE, nextgen: URL_NODE },
    },
    credentials: {
      type: 'object',
      description: 'logins per API family: jobs, servicedesk, nextgen',
      additionalProperties: false,
      properties: {
        jobs: {
          type: 'object',
          description: 'the jobs API users: writer, readOnly',
          additionalProperties: false,
          properties: { writer: BASIC_LOGIN, readOnly: BASIC_LOGIN },
        },
        servicedesk: {
          type: 'object',
          description: 'the ServiceDesk contacts: { contacts: [...] }',
          additionalProperties: false,
          properties: {
            contacts: {
              type: 'array',
              items: BASIC_LOGIN,
              description: 'a list of contact logins "e_login:e_password@domain"',
            },
          },
        },
        nextgen: {
          type: 'object',
          description: 'NextGen logins per role: admin, viewer, editor, nobody',
          additionalProperties: false,
          properties: {
            admin: NEXTGEN_LOGIN,
            viewer: NEXTGEN_LOGIN,
            editor: NEXTGEN_LOGIN,
            nobody: NEXTGEN_LOGIN,
          },
        },
      },
    },
    fixtures: {
      type: 'object',
      description: 'known records: jobIds, workOrderTypeIds',
      additionalProperties: false,
      properties: {
        jobIds: {
          type: 'array',
          items: { type: 'string', format: 'uuid', description: 'a work order id (a GUID)' },
          description: 'a list of work order ids (GUIDs)',
        },
        workOrderTypeIds: {
          type: 'array',
          items: { type: 'integer', minimum: 1, description: 'a work order type id (an integer ≥ 1)' },
          description: 'a list of work order type ids (integers ≥ 1)',
        },
      },
    },
    writes: {
      type: ['boolean', 'array'],
      items: { type: 'string', minLength: 1, description: 'a case id, rule id or operationId' },
      description: 'true, false, or a list of case ids, rule ids or operationIds that may write',
    },
    headers: {
      type: 'object',
      additionalProperties: { type: 'string', description: 'a header value (a string)' },
      description: 'a mapping of header names to string values',
    },
    timeout: { type: 'integer', minimum: 1, description: 'a per-request timeout in ms, an integer ≥ 1' },
    reportDir: { type: 'string', minLength: 1, description: 'a directory path' },
    maxRows: {
      type: 'integer',
      minimum: 1,
      description: 'rows the query oracle reads of a list at most, an integer ≥ 1',
    },
    queries: {
      type: 'integer',
      minimum: 0,
      description: 'generated JobsView queries of the query oracle, an integer ≥ 0',
    },
    seed: {
      type: 'integer',
      minimum: 0,
      maximum: MAX_SEED,
      description: `the seed of the query oracle's generated queries, an integer from 0 to ${MAX_SEED}`,
    },
  },
};

const ajv = new Ajv2020({ allErrors: true, strict: false });
// Only the uuid format is used; written here rather than pulling ajv-formats' whole set.
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const validate = ajv.compile(CONFIG_SCHEMA);

function schemaAt(segments: string[]): Node | undefined {
  let node: Node | undefined = CONFIG_SCHEMA;
  for (const s of segments) {
    if (!node) return undefined;
    if (node.items && /^\d+$/.test(s)) node = node.items;
    else
      node =
        node.properties?.[s] ??
        (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
  }
  return node;
}

function valueAt(value: unknown, segments: string[]): unknown {
  let v = value;
  for (const s of segments)
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[s] : undefined;
  return v;
}

/** What was found, never a secret: values under `credentials` are described by their type only. */
function found(value: unknown, segments: string[]): string {
  if (value === undefined) return 'nothing';
  if (segments[0] === 'credentials' && value !== null && typeof value !== 'object')
    return `a ${typeof value}`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

const keyOf = (segments: string[]) =>
  segments.length === 0
    ? '(top level)'
    : segments
        .map((s) => (/^\d+$/.test(s) ? `[${s}]` : s))
        .join('.')
        .replace(/\.\[/g, '[');

/** Every problem of a parsed config file, one line each: file, key, what was found, what is expected. */
export function configProblems(value: unknown, file: string): string[] {
  if (validate(value)) return [];
  const byKey = new Map<string, string>();
  for (const e of validate.errors as ErrorObject[]) {
    const segments = e.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (e.keyword === 'additionalProperty' || e.keyword === 'additionalProperties') {
      const name = String(e.params.additionalProperty);
      const parent = schemaAt(segments);
      const known = Object.keys(parent?.properties ?? {});
      const key = keyOf([...segments, name]);
      byKey.set(key, `${file}: ${key}: found an unknown key, expected one of ${known.join(', ')}`);
      continue;
    }
    if (e.keyword === 'required') {
      const name = String(e.params.missingProperty);
      const key = keyOf([...segments, name]);
      const node = schemaAt([...segments, name]);
      byKey.set(key, `${file}: ${key}: found nothing, expected ${node?.description ?? 'a value'}`);
      continue;
    }
    const key = keyOf(segments);
    if (byKey.has(key)) continue;
    const node = schemaAt(segments);
    byKey.set(
      key,
      `${file}: ${key}: found ${found(valueAt(value, segments), segments)}, expected ${node?.description ?? e.message}`,
    );
  }
  return [...byKey.values()];
}
