// Property-based fuzzing of every operation of both APIs over loopback (issue 6). Requests start
// from valid ones (bodies of real records, schema field names) and are then broken. Bounded by a
// run count and a time budget; FUZZ_RUNS / FUZZ_BUDGET_MS go bigger, FUZZ_SEED replays a run
// (FUZZ_SEED=random for a new one); a failure prints the seed to replay.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DataSet } from '../../generators/fixtures/data-set.ts';
import { validateDataSet } from '../../generators/fixtures/generate.ts';
import { viewFieldTypes } from '../jobs-view/view-rows.ts';
import { type RunningMock, startMock } from '../server.ts';
import { DEFAULT_SESSION, Sessions } from '../state/sessions.ts';
import { ADMIN, asPutBody, basic, CONTACT1, CONTACT2, VIEWER } from '../testing/client.ts';
import {
  closeClients,
  errorFormatProblem,
  HangError,
  isDocumentedStatus,
  nextGenToken,
  operationFor,
  propertyNames,
  type RawReply,
  send,
} from './harness.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 4000);
// Seeded by default, like everything else here: `npm test` runs the same requests every time.
// FUZZ_SEED=random explores new ones; any other FUZZ_SEED replays that run.
const SEED = process.env.FUZZ_SEED === 'random' ? undefined : Number(process.env.FUZZ_SEED ?? 20_261_123);
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? (process.env.FUZZ_RUNS ? 3_600_000 : 20_000));
const HANG_MS = 10_000;
const SESSIONS = ['fuzz-a', 'fuzz-b', DEFAULT_SESSION];

let mock: RunningMock;
let seed: DataSet;
let tokens: Record<'admin' | 'viewer' | 'nobody', string>;
const jobBodies: Record<string, unknown>[] = [];
const stats = { requests: 0, fiveXx: 0, known: 0, byStatus: new Map<number, number>() };

/**
 * Invariant problems of known bugs in code this suite may not change, reported to its owner; each
 * is counted and printed, not failed on. Remove an entry once its bug is fixed.
 * - NextGen PATCH that sets a type's only specific technical object type id to null is accepted and
 *   leaves 0 specific ids (mock/nextgen/work-order-type-store.ts; replay FUZZ_SEED=-1235739427 FUZZ_RUNS=20000).
 */
// Invariant problems the fuzz knows of and does not fail on yet (none).
const KNOWN_ISSUES: RegExp[] = [];
function invariantProblems(data: DataSet): string[] {
  const problems = validateDataSet(data);
  const unknown = problems.filter((p) => !KNOWN_ISSUES.some((k) => k.test(p)));
  stats.known += problems.length - unknown.length;
  return unknown;
}

beforeAll(async () => {
  mock = await startMock({ seed: 11, jobs: 30, maxBodyBytes: 256 * 1024 });
  for (const s of SESSIONS) mock.services.sessions.get(s);
  seed = mock.services.sessions.export(DEFAULT_SESSION) as DataSet;
  tokens = {
    admin: await nextGenToken(mock.url, 'admin@demo'),
    viewer: await nextGenToken(mock.url, 'viewer@demo'),
    nobody: await nextGenToken(mock.url, 'nobody@demo'),
  };
  for (const job of seed.jobs.jobs.slice(0, 5)) {
    const r = await send(mock.url, {
      method: 'GET',
      path: `/api/Jobs(${job.id})`,
      headers: { authorization: ADMIN },
    });
    const body = asPutBody(JSON.parse(r.text));
    jobBodies.push(body);
  }
});

afterAll(async () => {
  await mock.close();
  closeClients();
});

// --- what is sent ----------------------------------------------------------------------------------

type Family = 'jobs' | 'contact' | 'nextgen';
type Fuzzed = {
  /** The operation the request is meant for; undefined for routes and methods the specs lack. */
  op: string | undefined;
  family: Family;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  ifMatch?: 'current' | 'stale' | 'garbage' | '*';
};

const printable = fc.string({
  unit: fc.constantFrom(...' !#$%&()*+,-./0123456789:;<=>?@ABCXYZ[]^_`abcxyz{|}~\u00e9\u00ff'),
  maxLength: 40,
});
const anyText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const hugeString = fc.integer({ min: 1000, max: 300_000 }).map((n) => 'x'.repeat(n));
const deep = fc.integer({ min: 20, max: 3000 }).map((n) => ({ deep: n }));
const weirdValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    2 ** 53,
    -1,
    0,
    1e308,
    2 ** 31,
    '',
    ' ',
    '0',
    'true',
    'null',
    '00000000-0000-0000-0000-000000000000',
  ),
  anyText,
  hugeString,
  fc.uuid(),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('1980-01-01T00:00:00', '2026-02-30T00:00:00Z', '9999-12-31T23:59:59.9999999+14:00'),
  fc.jsonValue({ maxDepth: 3 }),
  deep,
);

const mutations = (fields: string[]) =>
  fc.array(
    fc.oneof(
      fc.record({
        kind: fc.constant('set' as const),
        field: fc.constantFrom(...fields, 'unknown_field', '__proto__'),
        value: weirdValue,
      }),
      fc.record({ kind: fc.constant('delete' as const), field: fc.constantFrom(...fields) }),
    ),
    { maxLength: 3 },
  );

const RENDERS = [
  'json',
  'json',
  'json',
  'proto',
  'duplicate',
  'truncated',
  'not-object',
  'garbage',
  'xml',
  'empty',
] as const;
type Render = (typeof RENDERS)[number];

const nest = (n: number, inner: string) => '['.repeat(n) + inner + ']'.repeat(n);

function valueText(v: unknown): string {
  if (v !== null && typeof v === 'object' && 'deep' in v && typeof v.deep === 'number')
    return nest(v.deep, '1');
  return JSON.stringify(v) ?? 'null';
}

function objectText(o: Record<string, unknown>): string {
  return `{${Object.entries(o)
    .map(([k, v]) => `${JSON.stringify(k)}:${valueText(v)}`)
    .join(',')}}`;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
function xmlText(root: string, o: Record<string, unknown>): string {
  const inner = Object.entries(o)
    .map(([k, v]) => {
      const tag = /^[A-Za-z_][\w.-]*$/.test(k) ? k : 'odd';
      return `<${tag}>${v !== null && typeof v === 'object' ? xmlText('x', v as Record<string, unknown>).slice(3, -4) : xmlEscape(String(v))}</${tag}>`;
    })
    .join('');
  return `<${root}>${inner}</${root}>`;
}

/** A body text: a base record, broken by mutations and a way of writing it down. */
function bodyArb(bases: Record<string, unknown>[], fields: string[], xmlRoot: string) {
  return fc
    .record({
      base: fc.constantFrom(...bases),
      mutations: mutations(fields),
      render: fc.constantFrom(...RENDERS),
      cut: fc.nat(),
      other: fc.oneof(fc.constantFrom('[]', '"text"', '42', 'null', 'true', '[{}]', '{}'), anyText),
    })
    .map(({ base, mutations: ms, render, cut, other }) => {
      const o: Record<string, unknown> = { ...base };
      for (const m of ms) {
        if (m.kind === 'delete') delete o[m.field];
        else
          Object.defineProperty(o, m.field, {
            value: m.value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      return renderBody(o, render as Render, cut, other, xmlRoot);
    });
}

function renderBody(
  o: Record<string, unknown>,
  render: Render,
  cut: number,
  other: string,
  xmlRoot: string,
): string {
  const text = objectText(o);
  switch (render) {
    case 'json':
      return text;
    case 'proto':
      return `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},${text.slice(1)}`;
    case 'duplicate': {
      const [k, v] = Object.entries(o)[cut % Math.max(1, Object.keys(o).length)] ?? ['id', 1];
      return `{${JSON.stringify(k)}:${valueText(v)},${JSON.stringify(k)}:"dup",${text.slice(1)}`;
    }
    case 'truncated':
      return text.slice(0, cut % Math.max(1, text.length));
    case 'not-object':
      return other;
    case 'garbage':
      return `${other}\u0000\ufffd${text.slice(0, 20)}`;
    case 'xml':
      return xmlText(xmlRoot, o);
    case 'empty':
      return '';
  }
}

const JSON_TYPES = ['application/json', 'text/json', 'application/json; charset=utf-8', 'APPLICATION/JSON'];
const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...JSON_TYPES) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/xml',
      'text/xml',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      '',
      'none',
      'application/json; charset=latin1',
      'application/merge-patch+json',
    ),
  },
  { weight: 1, arbitrary: printable },
);
const accept = fc.oneof(
  { weight: 6, arbitrary: fc.constant('none') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'application/json',
      'text/json',
      'application/xml',
      'text/xml',
      '*/*',
      'text/html',
      'application/*;q=0.5, text/xml;q=0.9',
      'application/xml;q=abc',
      'image/png',
      ';;;',
      'application/json;q=0',
    ),
  },
  { weight: 1, arbitrary: printable },
);
const prefer = fc.oneof(
  { weight: 8, arbitrary: fc.constant('none') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'return=minimal',
      'code=400',
      'code=404',
      'code=409',
      'code=abc',
      'code=999',
      'code=201',
      'example=nope',
      'example=vendorSample',
      'dynamic=true; seed=3',
      'dynamic=true, seed=abc',
      'delay=3',
      'delay=-1',
      'delay=99999999',
      'code=422, delay=1',
      '=;=,',
    ),
  },
  // Forced 5xx answers are the scenario control doing its job, not a failure: codes stay below 500.
  { weight: 1, arbitrary: printable.filter((p) => !/code\s*=\s*["']?\s*5/i.test(p) && !/delay/i.test(p)) },
);
const session = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...SESSIONS) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', 'a b', 'x'.repeat(65), '../etc', 'caf\u00e9', 'fuzz-a,fuzz-b'),
  },
);
const expectHeader = fc.oneof(
  { weight: 30, arbitrary: fc.constant('none') },
  { weight: 1, arbitrary: fc.constant('nothing-like-this') },
);
const method = (own: string) =>
  fc.oneof(
    { weight: 15, arbitrary: fc.constant(own) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'GET',
        'PUT',
        'POST',
        'PATCH',
        'DELETE',
        'HEAD',
        'OPTIONS',
        'TRACE',
        'PROPFIND',
      ),
    },
  );

const jobsAuth = fc.oneof(
  { weight: 12, arbitrary: fc.constant(ADMIN) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      VIEWER,
      CONTACT1,
      basic('admin', 'wrong'),
      basic('admin', 'demo', 'other'),
      'Basic !!!',
      'Basic',
      'Bearer abc',
      'none',
      `Basic ${Buffer.from('\u00e9\u0000:\u00ff@demo').toString('base64')}`,
    ),
  },
);
const contactAuth = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(CONTACT1, CONTACT2) },
  { weight: 3, arbitrary: fc.constantFrom(ADMIN, basic('contact1', 'x'), 'none', 'Basic =') },
);
const nextGenAuth = fc.oneof(
  { weight: 12, arbitrary: fc.constant('admin') },
  { weight: 3, arbitrary: fc.constantFrom('viewer', 'nobody', 'Bearer nope', 'none', ADMIN, 'Bearer') },
);

const oddKey = fc.oneof(
  fc.constantFrom(
    '',
    "''",
    '%ZZ',
    '%25ZZ',
    '%00',
    '..%2F..',
    'null',
    '1',
    '-1',
    '%E0%A4%A',
    '00000000-0000-0000-0000-000000000000',
  ),
  anyText.map(encodeURIComponent),
  fc.uuid(),
);
const jobKey = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...Array.from({ length: 5 }, (_, i) => i)).map((i) => ({ i })) },
  { weight: 2, arbitrary: oddKey.map((raw) => ({ raw })) },
);

const filterExpr = () => {
  const fields = Object.keys(viewFieldTypes());
  const literal = fc.oneof(
    fc.constantFrom(
      "'x'",
      "'O''Brien'",
      '1',
      '-1.5',
      'true',
      'null',
      '2026-01-01T00:00:00Z',
      "'%'",
      "''",
      '99999999999999999999',
    ),
    fc.uuid(),
    anyText.map((s) => `'${s.replace(/'/g, "''")}'`),
  );
  const atom = fc.oneof(
    fc
      .tuple(
        fc.constantFrom(...fields, 'password', 'e_password', 'nope'),
        fc.constantFrom('eq', 'ne', 'gt', 'lt', 'ge', 'le', 'has', 'in'),
        literal,
      )
      .map((t) => t.join(' ')),
    fc
      .tuple(
        fc.constantFrom('contains', 'startswith', 'endswith', 'tolower', 'length', 'substringof', 'nope'),
        fc.constantFrom(...fields),
        literal,
      )
      .map(([f, a, b]) => `${f}(${a},${b})`),
  );
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .array(atom, { minLength: 1, maxLength: 4 })
        .chain((xs) => fc.constantFrom(' and ', ' or ').map((j) => xs.join(j))),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 200 }).map((n) => `${'('.repeat(n)}id eq null${')'.repeat(n)}`),
    },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 600 }).map((n) => `${'not '.repeat(n)}true`) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 5000 }).map((n) => `name eq '${'a'.repeat(n)}'`) },
    { weight: 1, arbitrary: anyText },
  );
};

const queryPart = (name: string, value: fc.Arbitrary<string>) =>
  fc.option(
    value.map((v) => `${name}=${encodeURIComponent(v).replace(/%24/g, '$')}`),
    { nil: undefined },
  );

function viewQuery() {
  const fields = Object.keys(viewFieldTypes());
  const num = fc.oneof(
    fc.nat(100).map(String),
    fc.constantFrom('-1', '1.5', 'abc', '2147483648', '', '0', '1e3'),
  );
  return fc
    .tuple(
      queryPart('$filter', filterExpr()),
      queryPart(
        '$orderby',
        fc.oneof(
          fc.constantFrom(...fields).chain((f) => fc.constantFrom(f, `${f} desc`, `${f} asc,id`)),
          anyText,
        ),
      ),
      queryPart(
        '$select',
        fc.oneof(
          fc.subarray(fields, { maxLength: 4 }).map((xs) => xs.join(',')),
          fc.constantFrom('*', '', 'password', 'e_password,company_id'),
          anyText,
        ),
      ),
      queryPart('$top', num),
      queryPart('$skip', num),
      queryPart('$count', fc.constantFrom('true', 'false', 'TRUE', 'yes')),
      queryPart('$expand', fc.constant('project')),
      queryPart('__code', fc.constantFrom('400', 'abc')),
      fc.constantFrom('', '$top=1&$top=2', 'unknown=1', '$filter[a]=b', '%ZZ=1', '$skip=%ZZ'),
    )
    .map((parts) => parts.filter((p) => p !== undefined && p !== '').join('&'));
}

function listTypesQuery() {
  const num = fc.oneof(
    fc.nat(30).map(String),
    fc.constantFrom('-1', 'abc', '10001', '99999999999999999999', ''),
  );
  const fields = propertyNames('nextgen', 'WorkOrderType');
  return fc
    .tuple(
      queryPart('_page[size]', num),
      queryPart('_page[num]', num),
      queryPart('id', num),
      queryPart('code', fc.oneof(fc.constantFrom('*', 'ISP*'), anyText)),
      queryPart('description', fc.oneof(fc.constantFrom('*a*', '**', '*'), anyText)),
      queryPart(
        '_order',
        fc.oneof(fc.constantFrom('+order', '-code', 'code', '+nope', '+order,-id'), anyText),
      ),
      queryPart(
        '_fields',
        fc.oneof(
          fc.subarray(fields, { maxLength: 3 }).map((xs) => xs.join(',')),
          anyText,
        ),
      ),
      queryPart('_language', fc.constantFrom('ALL', 'USER', 'EN', 'FR', 'xx', '')),
      queryPart('active', fc.constantFrom('true', 'false', 'maybe')),
      fc.constantFrom('', 'code=a&code=b', 'id=1&id=x', '_page=1', 'code[a]=1', 'unknown=1', '%ZZ'),
    )
    .map((parts) => parts.filter((p) => p !== undefined && p !== '').join('&'));
}

function requests(): fc.Arbitrary<Fuzzed> {
  const jobFields = propertyNames('jobs', 'jobs_write');
  const jpuFields = propertyNames('jobs', 'job_part_usage');
  const createFields = propertyNames('nextgen', 'WorkOrderTypeCreate');
  const patchFields = propertyNames('nextgen', 'WorkOrderTypePatch');
  const usages = seed.jobs.jobPartUsages.slice(0, 5) as unknown as Record<string, unknown>[];
  const newUsages = usages.map((u) => ({ ...u, id: randomUUID() }));
  const types = seed.nextgen.workOrderTypes;
  const typeId = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...types.map((t) => String(t.id))) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.constantFrom('0', '-1', '999999', '1.5', '9007199254740993', 'abc', '%ZZ', ''),
        oddKey,
      ),
    },
  );
  const typeBase = types
    .slice(0, 3)
    .map(({ description: _d, id: _i, ...rest }) => ({ ...rest, description: 'desc' }));
  const createBases = typeBase.map((t, i) => ({ ...t, code: `FUZZ-${i}` }));
  const patchBases = [
    { description: 'patched' },
    { order: 5, active: true },
    { color: '#000000' },
    { code: 'FUZZ-P' },
  ];
  const tokenBases = [
    { username: 'admin@demo', password: 'demo' },
    { username: 'viewer@demo', password: 'nope' },
  ];
  const prefix = fc.constantFrom('', '', '', '/api');
  const jobsPrefix = fc.constantFrom('/api/Jobs', '/api/Jobs', '/API/jobs', '/api/JOBS');

  const common = fc.record({
    accept,
    prefer,
    session,
    expect: expectHeader,
  });
  const jobKeyPath = (base: string, k: { i?: number; raw?: string }, tail: string) =>
    `${base}(${k.raw ?? seed.jobs.jobs[k.i ?? 0]?.id ?? ''})${tail}`;
  const tail = fc.constantFrom('', '', '', '', '/', '/extra');

  const ops: fc.Arbitrary<Omit<Fuzzed, 'headers'> & { auth: string; type?: string }>[] = [
    fc.record({ base: jobsPrefix, key: jobKey, tail, method: method('GET'), auth: jobsAuth }).map((r) => ({
      op: 'Jobs_Get',
      family: 'jobs' as const,
      method: r.method,
      path: jobKeyPath(r.base, r.key, r.tail),
      auth: r.auth,
    })),
    fc
      .record({
        base: jobsPrefix,
        key: jobKey,
        tail,
        method: method('PUT'),
        auth: jobsAuth,
        body: bodyArb(jobBodies, jobFields, 'jobs'),
        type: contentType,
        ifMatch: fc.option(
          fc.constantFrom('current' as const, 'stale' as const, 'garbage' as const, '*' as const),
          { nil: undefined },
        ),
      })
      .map((r) => ({
        op: 'Jobs_Put',
        family: 'jobs' as const,
        method: r.method,
        path: jobKeyPath(r.base, r.key, r.tail),
        auth: r.auth,
        body: r.body,
        type: r.type,
        ...(r.ifMatch ? { ifMatch: r.ifMatch } : {}),
      })),
    fc
      .record({
        query: viewQuery(),
        method: method('GET'),
        auth: contactAuth,
        path: fc.constantFrom('/api/JobsView', '/api/jobsview/', '/API/JobsView'),
      })
      .map((r) => ({
        op: 'JobsView_List',
        family: 'contact' as const,
        method: r.method,
        path: `${r.path}?${r.query}`,
        auth: r.auth,
      })),
    fc.record({ key: jobKey, tail, method: method('GET'), auth: contactAuth }).map((r) => ({
      op: 'JobsView_Get',
      family: 'contact' as const,
      method: r.method,
      path: jobKeyPath('/api/JobsView', r.key, r.tail),
      auth: r.auth,
    })),
    fc
      .record({
        method: method('POST'),
        auth: jobsAuth,
        body: bodyArb([...usages, ...newUsages], jpuFields, 'job_part_usage'),
        type: contentType,
        tail,
      })
      .map((r) => ({
        op: 'JobPartUsage_Save',
        family: 'jobs' as const,
        method: r.method,
        path: `/api/JobPartUsage/Save${r.tail}`,
        auth: r.auth,
        body: r.body,
        type: r.type,
      })),
    fc
      .record({
        prefix,
        method: method('POST'),
        body: bodyArb(tokenBases, ['username', 'password'], 'x'),
        type: contentType,
      })
      .map((r) => ({
        op: 'Tokens_Create',
        family: 'nextgen' as const,
        method: r.method,
        path: `${r.prefix}/configurations/identity/r1/tokens`,
        auth: 'none',
        body: r.body,
        type: r.type,
      })),
    fc.record({ prefix, method: method('GET'), auth: nextGenAuth, query: listTypesQuery() }).map((r) => ({
      op: 'WorkOrderTypes_List',
      family: 'nextgen' as const,
      method: r.method,
      path: `${r.prefix}/work-orders/r1/types?${r.query}`,
      auth: r.auth,
    })),
    fc
      .record({
        prefix,
        method: method('POST'),
        auth: nextGenAuth,
        body: bodyArb(createBases, createFields, 'x'),
        type: contentType,
      })
      .map((r) => ({
        op: 'WorkOrderTypes_Create',
        family: 'nextgen' as const,
        method: r.method,
        path: `${r.prefix}/work-orders/r1/types`,
        auth: r.auth,
        body: r.body,
        type: r.type,
      })),
    fc
      .record({
        prefix,
        method: method('GET'),
        auth: nextGenAuth,
        id: typeId,
        query: fc.constantFrom('', '?_fields=code', '?_language=ALL', '?_fields=%ZZ', '?_language='),
      })
      .map((r) => ({
        op: 'WorkOrderTypes_Get',
        family: 'nextgen' as const,
        method: r.method,
        path: `${r.prefix}/work-orders/r1/types/${r.id}${r.query}`,
        auth: r.auth,
      })),
    fc
      .record({
        prefix,
        method: method('PATCH'),
        auth: nextGenAuth,
        id: typeId,
        body: bodyArb(patchBases, patchFields, 'x'),
        type: contentType,
      })
      .map((r) => ({
        op: 'WorkOrderTypes_Patch',
        family: 'nextgen' as const,
        method: r.method,
        path: `${r.prefix}/work-orders/r1/types/${r.id}`,
        auth: r.auth,
        body: r.body,
        type: r.type,
      })),
    fc
      .record({
        path: fc.constantFrom(
          '/',
          '/api',
          '/api/',
          '/api/Jobs',
          '/api/Jobs()',
          '/api/JobsView/x',
          '/api/Jobs(1)(2)',
          '/work-orders',
          '/work-orders/r1/types/1/structures',
          '/api/work-orders/r1',
          '/configurations/identity/r1/tokens/x',
          '/%2e%2e/etc/passwd',
          '/api/JobPartUsage',
          '/favicon.ico',
        ),
        method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
        auth: fc.constantFrom(ADMIN, 'none', 'admin'),
      })
      .map((r) => ({ op: undefined, family: 'jobs' as const, method: r.method, path: r.path, auth: r.auth })),
  ];

  return fc.tuple(fc.oneof(...ops), common).map(([o, c]) => {
    const headers: Record<string, string> = {};
    const auth =
      o.family === 'nextgen' && (o.auth === 'admin' || o.auth === 'viewer' || o.auth === 'nobody')
        ? `Bearer ${tokens[o.auth]}`
        : o.auth === 'admin'
          ? `Bearer ${tokens.admin}`
          : o.auth;
    if (auth !== 'none') headers.authorization = auth;
    if (c.accept !== 'none') headers.accept = c.accept;
    if (c.prefer !== 'none') headers.prefer = c.prefer;
    if (c.session !== DEFAULT_SESSION) headers['x-mock-session'] = c.session;
    if (c.expect !== 'none') headers.expect = c.expect;
    if (o.type !== undefined && o.type !== 'none') headers['content-type'] = o.type;
    return {
      op: operationFor(o.method, o.path),
      family: o.family,
      method: o.method,
      path: o.path,
      headers,
      ...(o.body !== undefined ? { body: o.body } : {}),
      ...(o.ifMatch ? { ifMatch: o.ifMatch } : {}),
    };
  });
}

// --- what must hold --------------------------------------------------------------------------------

const sessionOf = (r: Fuzzed) => {
  const h = r.headers['x-mock-session'];
  return h !== undefined && h !== '' && Sessions.isValidName(h) ? h : DEFAULT_SESSION;
};
const snapshot = (name: string) => JSON.stringify(mock.services.sessions.export(name));

/** Job ids a contact may see in a session: jobs whose project belongs to the contact's company. */
function visibleTo(name: string, login: string): Set<string> {
  const data = mock.services.sessions.export(name) as DataSet;
  const contact = data.jobs.contacts.find((c) => c.e_login === login);
  const projects = new Set(
    data.jobs.projects.filter((p) => p.company_id === contact?.company_id).map((p) => p.id),
  );
  return new Set(data.jobs.jobs.filter((j) => projects.has(j.project_id)).map((j) => j.id));
}

async function exchange(r: Fuzzed): Promise<RawReply> {
  const headers = { ...r.headers };
  if (r.ifMatch) {
    const id = /\(([^)]*)\)/.exec(r.path)?.[1] ?? '';
    const job = mock.services.sessions.get(sessionOf(r)).jobs.jobs.get(id);
    headers['if-match'] =
      r.ifMatch === 'current'
        ? `"${job?.modified_dateutc ?? ''}"`
        : r.ifMatch === 'stale'
          ? '"2001-01-01T00:00:00.000Z"'
          : r.ifMatch === '*'
            ? '*'
            : 'W/"x", "y"';
  }
  return send(mock.url, {
    method: r.method,
    path: r.path,
    headers,
    ...(r.body !== undefined ? { body: r.body } : {}),
    timeoutMs: HANG_MS,
  });
}

async function check(r: Fuzzed): Promise<void> {
  const name = sessionOf(r);
  const before = snapshot(name);
  let reply: RawReply;
  try {
    reply = await exchange(r);
  } catch (e) {
    if (e instanceof HangError) throw new Error(`hang: ${e.message}`);
    throw e;
  }
  stats.requests++;
  stats.byStatus.set(reply.status, (stats.byStatus.get(reply.status) ?? 0) + 1);
  const what = `${r.method} ${r.path.slice(0, 200)} -> ${reply.status} ${reply.text.slice(0, 300)}`;
  if (reply.status >= 500) {
    stats.fiveXx++;
    throw new Error(`5xx: ${what}`);
  }
  const expectSent = r.headers.expect !== undefined;
  const autoOptions = r.method === 'OPTIONS' && reply.status < 300;
  // Scenario control (Prefer: code= / example=, or their __query fallbacks) that asks for an answer
  // the operation does not document is refused by the mock itself (404 naming the documented
  // statuses): allowed here, the format is still checked.
  const scenario = /\b(code|example)=/i.test(r.headers.prefer ?? '') || /[?&]__(code|example)=/.test(r.path);
  const allowed =
    autoOptions ||
    (scenario && reply.status === 404) ||
    (expectSent && reply.status === 417) ||
    (r.op === undefined && reply.status === 400) ||
    isDocumentedStatus(r.op, reply.status);
  if (!allowed) throw new Error(`status not documented for ${r.op ?? 'an unknown route'}: ${what}`);
  if (reply.status >= 400) {
    if (r.method !== 'HEAD') {
      const problem = errorFormatProblem(r.path, reply);
      if (problem) throw new Error(`${problem}: ${what}`);
    }
    if (snapshot(name) !== before)
      throw new Error(`a rejected request changed the state of '${name}': ${what}`);
  }
  // An accepted write leaves its session consistent: checked right away, so the counterexample is the write.
  if (reply.status < 300 && r.method !== 'GET' && r.method !== 'HEAD' && r.op !== 'Tokens_Create') {
    const problems = invariantProblems(mock.services.sessions.export(name) as DataSet);
    if (problems.length > 0)
      throw new Error(`an accepted write broke '${name}': ${problems.slice(0, 3).join('; ')}: ${what}`);
  }
  if (
    r.op === 'JobsView_List' &&
    reply.status === 200 &&
    /json/.test(String(reply.headers['content-type']))
  ) {
    const login = r.headers.authorization === CONTACT2 ? 'contact2' : 'contact1';
    const visible = visibleTo(name, login);
    for (const row of (JSON.parse(reply.text) as { value: { id?: string }[] }).value) {
      if (row.id !== undefined && !visible.has(row.id))
        throw new Error(`a contact saw another company's job ${row.id}: ${what}`);
    }
  }
  if (({} as Record<string, unknown>).polluted !== undefined)
    throw new Error(`Object.prototype was polluted by ${what}`);
}

it(
  'answers thousands of broken requests to every operation without a 5xx, a hang or an undocumented status',
  async () => {
    const details = await fc.check(fc.asyncProperty(requests(), check), {
      numRuns: RUNS,
      ...(SEED !== undefined ? { seed: SEED } : {}),
      interruptAfterTimeLimit: BUDGET_MS,
      markInterruptAsFailure: false,
      endOnFailure: true,
    });
    const statuses = [...stats.byStatus].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}:${n}`);
    console.log(
      `fuzz: ${stats.requests} requests (seed ${details.seed}), 5xx ${stats.fiveXx}, known issues seen ${stats.known}, statuses ${statuses.join(' ')}`,
    );
    if (details.failed) {
      console.error(
        `fuzz failed; replay with FUZZ_SEED=${details.seed}\n${String(details.errorInstance)}\n${fc.defaultReportMessage(details)}`,
      );
    }
    expect(details.failed, `replay with FUZZ_SEED=${details.seed}`).toBe(false);
    expect(stats.requests).toBeGreaterThan(100);
  },
  BUDGET_MS + 60_000,
);

it('leaves every session consistent after the fuzzing', () => {
  for (const [name, data] of Object.entries(mock.services.sessions.exportAll())) {
    expect(invariantProblems(data), name).toEqual([]);
  }
});

it('still serves a plain request after the fuzzing', async () => {
  const job = seed.jobs.jobs[0];
  const reply = await send(mock.url, {
    method: 'GET',
    path: `/api/Jobs(${job?.id})`,
    headers: { authorization: ADMIN },
  });
  expect(reply.status).toBe(200);
});
