// Every documented status a client can provoke with the request itself, generated over the
// operations of both specs: success, 401, 403 of the token, 404, 406, 415, 417, malformed bodies,
// and content negotiation (JSON, text/json, XML both ways).

import { catalog } from '../../lib/spec.ts';
import { toXml } from '../../lib/xml/index.ts';
import { expectErrorCode, expectStatus, expectThat } from '../checks/expectations.ts';
import { mediaType } from '../http/exchange.ts';
import { type ApiRequest, newId } from '../runner/session.ts';
import {
  apiCatalog,
  componentSchema,
  type Operation,
  type OperationId,
  responseTypes,
} from '../spec/api-catalog.ts';
import type { Case, CaseContext } from './case.ts';
import {
  contactCredential,
  freeCode,
  freeTriplets,
  liveTypes,
  restoreJob,
  SUITE_DESCRIPTION,
  someJob,
  someTypes,
  UNKNOWN_GUID,
  visibleJob,
  writeBodyOf,
} from './fixtures.ts';
import { refusalProof } from './write-targets.ts';

type Prepared = { request: ApiRequest; created?: string };

/** A valid request of each operation; `created` names what it adds for good when the server accepts it. */
const VALID: Partial<Record<OperationId, (t: CaseContext) => Prepared | Promise<Prepared>>> = {
  Jobs_Get: (t) => ({ request: { op: 'Jobs_Get', params: { id: someJob(t).id } } }),
  Jobs_Put: (t) => {
    const job = someJob(t);
    return { request: { op: 'Jobs_Put', params: { id: job.id }, json: writeBodyOf(job.job) } };
  },
  JobsView_List: () => ({ request: { op: 'JobsView_List' } }),
  JobsView_Get: (t) => {
    const job = visibleJob(t);
    return {
      request: {
        op: 'JobsView_Get',
        params: { id: job.id },
        as: { basic: contactCredential(t, job.contact) },
      },
    };
  },
  JobPartUsage_Save: (t) => {
    const id = newId();
    return {
      request: {
        op: 'JobPartUsage_Save',
        json: { id, jobs_id: someJob(t).id, article_name: 'contract-test part', quantity: 1 },
      },
      created: `part usage ${id} (there is no DELETE)`,
    };
  },
  Tokens_Create: (t) => ({
    request: { op: 'Tokens_Create', as: 'anonymous', json: t.config.credentials.nextgen.admin },
  }),
  WorkOrderTypes_List: () => ({ request: { op: 'WorkOrderTypes_List' } }),
  WorkOrderTypes_Get: (t) => ({
    request: { op: 'WorkOrderTypes_Get', params: { typeId: someTypes(t, 1)[0]?.id ?? 0 } },
  }),
  WorkOrderTypes_Patch: (t) => {
    const [type] = someTypes(t, 1);
    return {
      request: {
        op: 'WorkOrderTypes_Patch',
        params: { typeId: type?.id ?? 0 },
        json: { order: type?.order ?? 0 },
      },
    };
  },
  WorkOrderTypes_Create: async (t: CaseContext) => {
    // A code and a triplet free in the live data (WOT-CODE-UNIQUE, WOT-TRIPLET-UNIQUE); the triplets
    // are finite, so once an unreset system has none left the case is skipped, not failed.
    someTypes(t, 1);
    const types = await liveTypes(t);
    const triplet = freeTriplets(types)[0];
    if (!triplet)
      t.skip(
        'every combination of the known request, service and technical object types is taken (earlier runs create one type each)',
      );
    const code = freeCode(types);
    return {
      request: {
        op: 'WorkOrderTypes_Create',
        json: { code, description: SUITE_DESCRIPTION, ...triplet },
      },
      created: `work order type ${code} (there is no DELETE)`,
    };
  },
};

const AUTH_RULE = { jobs: 'JOBS-AUTH', nextgen: 'NEXTGEN-AUTH' } as const;
const BODY_RULE: Partial<Record<OperationId, string>> = {
  Jobs_Put: 'JOB-FIELD-TYPES',
  JobPartUsage_Save: 'JPU-FIELD-TYPES',
  WorkOrderTypes_Patch: 'WOT-FIELD-TYPES',
  WorkOrderTypes_Create: 'WOT-FIELD-TYPES',
  Tokens_Create: 'NEXTGEN-AUTH',
};
const NOT_FOUND: Partial<Record<OperationId, { params: Record<string, string | number>; rule: string }>> = {
  Jobs_Get: { params: { id: UNKNOWN_GUID }, rule: 'JOB-NOT-FOUND' },
  Jobs_Put: { params: { id: UNKNOWN_GUID }, rule: 'JOB-NOT-FOUND' },
  JobsView_Get: { params: { id: UNKNOWN_GUID }, rule: 'JOB-NOT-FOUND' },
  WorkOrderTypes_Get: { params: { typeId: 2_000_000_000 }, rule: 'WOT-NOT-FOUND' },
  WorkOrderTypes_Patch: { params: { typeId: 2_000_000_000 }, rule: 'WOT-NOT-FOUND' },
};

function documents(op: Operation, status: number): boolean {
  return op.responses[status] !== undefined;
}

/**
 * Sends the operation's valid request, changed as the case needs; notes what it leaves behind. With
 * `refusedBy`, the change makes the request one that rule refuses: a read afterwards proves that the
 * refused write changed nothing (S23).
 */
async function sendValid(
  t: CaseContext,
  op: Operation,
  change: (r: ApiRequest) => ApiRequest = (r) => r,
  refusedBy?: string,
) {
  const p = await VALID[op.id]?.(t);
  if (!p) throw new Error(`no valid request for ${op.id}`);
  if (op.id === 'Jobs_Put') restoreJob(t, someJob(t));
  const request = change(p.request);
  const unchanged =
    refusedBy && op.method !== 'GET' && op.id !== 'Tokens_Create'
      ? await refusalProof(t, { ...request, json: request.json ?? p.request.json }, refusedBy)
      : undefined;
  const x = await t.send(request);
  if (p.created && (x.response?.status ?? 500) < 300) t.unrestorable(p.created);
  if (unchanged && (x.response?.status ?? 0) >= 400) await unchanged();
  return x;
}

/** A refusal: the NextGen code where the spec has one, else the status. */
function refusal(op: Operation, status: number, code: string, rule: string) {
  return (x: Parameters<typeof expectStatus>[0]) =>
    op.family === 'nextgen' && code ? expectErrorCode(x, code, rule) : expectStatus(x, [status], rule);
}

function casesOf(op: Operation): Case[] {
  const id = op.id;
  const base = { family: op.family, operationId: id };
  const writes = op.method !== 'GET';
  const cases: Case[] = [];
  const success = Object.keys(op.responses)
    .filter((s) => s.startsWith('2'))
    .map(Number);

  cases.push({
    ...base,
    id: `${id}.success`,
    title: `${id} answers a valid request with ${success.join(' or ')} and a documented body`,
    rules: ['OAS-STATUS', 'OAS-SCHEMA'],
    writes,
    run: async (t: CaseContext) => {
      const x = await sendValid(t, op);
      t.check(expectStatus(x, success, 'OAS-STATUS', `${id} refused a valid request`));
    },
  });

  if (documents(op, 401) && id !== 'Tokens_Create') {
    const rule = AUTH_RULE[op.family];
    cases.push({
      ...base,
      id: `${id}.401.anonymous`,
      title: `${id} answers 401 without credentials`,
      rules: [rule],
      writes,
      run: async (t: CaseContext) => {
        const x = await sendValid(t, op, (r) => ({ ...r, as: 'anonymous' }), rule);
        t.check(refusal(op, 401, 'UNAUTHORIZED', rule)(x));
      },
    });
    cases.push({
      ...base,
      id: `${id}.401.wrong-credentials`,
      title: `${id} answers 401 to wrong credentials`,
      rules: [rule],
      writes,
      run: async (t: CaseContext) => {
        const as =
          op.family === 'nextgen' ? { bearer: 'not-a-valid-token' } : { basic: 'admin:wrong-password@demo' };
        const x = await sendValid(t, op, (r) => ({ ...r, as }), rule);
        t.check(refusal(op, 401, 'UNAUTHORIZED', rule)(x));
      },
    });
  }
  if (id === 'Tokens_Create') {
    cases.push({
      ...base,
      id: `${id}.401.wrong-password`,
      title: 'the token endpoint answers 401 to a wrong password',
      rules: ['NEXTGEN-AUTH'],
      writes: false,
      run: async (t: CaseContext) => {
        const login = t.config.credentials.nextgen.admin;
        if (!login) t.skip('no NextGen admin in the config');
        const x = await t.send({
          op: id,
          as: 'anonymous',
          json: { ...login, password: `${login.password}-wrong` },
        });
        t.check(expectErrorCode(x, 'UNAUTHORIZED', 'NEXTGEN-AUTH'));
      },
    });
  }

  if (documents(op, 406)) {
    cases.push({
      ...base,
      id: `${id}.406`,
      title: `${id} answers 406 to an Accept it cannot serve`,
      rules: ['HTTP-CONTENT-NEGOTIATION'],
      writes,
      run: async (t: CaseContext) => {
        const x = await sendValid(
          t,
          op,
          (r) => ({ ...r, accept: 'application/pdf' }),
          'HTTP-CONTENT-NEGOTIATION',
        );
        t.check(refusal(op, 406, 'NOT_ACCEPTABLE', 'HTTP-CONTENT-NEGOTIATION')(x));
      },
    });
  }

  if (documents(op, 415)) {
    cases.push({
      ...base,
      id: `${id}.415`,
      title: `${id} answers 415 to a body that is neither JSON nor XML`,
      rules: ['HTTP-CONTENT-NEGOTIATION'],
      writes,
      run: async (t: CaseContext) => {
        const x = await sendValid(
          t,
          op,
          ({ json: _json, ...r }) => ({ ...r, body: 'name=plain text', contentType: 'text/plain' }),
          'HTTP-CONTENT-NEGOTIATION',
        );
        t.check(refusal(op, 415, 'UNSUPPORTED_MEDIA_TYPE', 'HTTP-CONTENT-NEGOTIATION')(x));
      },
    });
  }

  if (op.requestBody && documents(op, 400)) {
    const rule = BODY_RULE[id] ?? 'OAS-STATUS';
    cases.push({
      ...base,
      id: `${id}.400.malformed-json`,
      title: `${id} answers 400 to malformed JSON`,
      rules: [rule],
      writes,
      run: async (t: CaseContext) => {
        const x = await sendValid(
          t,
          op,
          ({ json: _json, ...r }) => ({
            ...r,
            body: '{"name": "unterminated',
            contentType: 'application/json',
          }),
          rule,
        );
        t.check(refusal(op, 400, 'BASE_0001', rule)(x));
      },
    });
  }

  if (documents(op, 417)) {
    cases.push({
      ...base,
      id: `${id}.417`,
      title: `${id} answers 417 to an Expect it cannot meet`,
      rules: ['HTTP-EXPECTATION'],
      writes,
      run: async (t: CaseContext) => {
        const x = await sendValid(
          t,
          op,
          (r) => ({ ...r, headers: { expect: 'x-contract-test' } }),
          'HTTP-EXPECTATION',
        );
        t.check(expectStatus(x, [417], 'HTTP-EXPECTATION'));
      },
    });
  }

  const notFound = NOT_FOUND[id];
  if (notFound) {
    cases.push({
      ...base,
      id: `${id}.404`,
      title: `${id} answers 404 for a key that names nothing`,
      rules: [notFound.rule],
      writes,
      run: async (t: CaseContext) => {
        const x = await sendValid(t, op, (r) => ({ ...r, params: notFound.params }), notFound.rule);
        t.check(refusal(op, 404, 'NOT_FOUND', notFound.rule)(x));
      },
    });
    if (op.method === 'GET') {
      const rule = op.family === 'nextgen' ? 'WOT-FIELD-TYPES' : 'JOB-FIELD-TYPES';
      const bad = op.family === 'nextgen' ? 'abc' : 'not-a-guid';
      cases.push({
        ...base,
        id: `${id}.400.malformed-key`,
        title: `${id} answers 400 (or 404) for a key of the wrong type`,
        rules: [rule],
        writes: false,
        run: async (t: CaseContext) => {
          const params = Object.fromEntries(Object.keys(notFound.params).map((k) => [k, bad]));
          const x = await sendValid(t, op, (r) => ({ ...r, params }));
          // Routing may not match a malformed key at all; both answers tell the client the key is wrong.
          t.check(expectStatus(x, [400, 404], rule));
        },
      });
    }
  }

  // Content negotiation: every documented success media type can be asked for and comes back as asked.
  if (op.family === 'jobs' && op.method === 'GET') {
    for (const type of responseTypes(op, 200)) {
      cases.push({
        ...base,
        id: `${id}.accept.${type}`,
        title: `${id} answers in ${type} when asked to`,
        rules: ['HTTP-CONTENT-NEGOTIATION', 'OAS-SCHEMA'],
        writes: false,
        run: async (t: CaseContext) => {
          const x = await sendValid(t, op, (r) => ({ ...r, accept: type }));
          if (!t.check(expectStatus(x, [200], 'HTTP-CONTENT-NEGOTIATION'))) return;
          t.check(
            expectThat(
              mediaType(x.response) === type,
              `${id} did not answer in the asked type`,
              mediaType(x.response),
              type,
              'HTTP-CONTENT-NEGOTIATION',
              x,
            ),
          );
        },
      });
    }
  }
  // q-values (A19, RFC 9110 section 12.5.1): the most preferred type served wins; q=0 means "not this".
  if (op.family === 'jobs' && op.method === 'GET') {
    cases.push({
      ...base,
      id: `${id}.q-values`,
      title: `${id} answers in the type with the highest q-value it serves, never in one with q=0`,
      rules: ['HTTP-CONTENT-NEGOTIATION'],
      writes: false,
      run: async (t: CaseContext) => {
        for (const [accept, expected] of Q_VALUES) {
          const x = await sendValid(t, op, (r) => ({ ...r, accept }));
          if (!t.check(expectStatus(x, [200], 'HTTP-CONTENT-NEGOTIATION', `Accept: ${accept} was refused`)))
            continue;
          t.check(
            expectThat(
              mediaType(x.response) === expected,
              `Accept: ${accept} answered in another type`,
              mediaType(x.response),
              expected,
              'HTTP-CONTENT-NEGOTIATION',
              x,
            ),
          );
        }
      },
    });
  }
  return cases;
}

/** Accept headers with q-values and the type each must be answered in (A19). */
const Q_VALUES: [string, string][] = [
  ['application/xml;q=0.5, application/json', 'application/json'],
  ['application/json;q=0.2, text/xml;q=0.8', 'text/xml'],
  ['application/pdf, application/json;q=0.1', 'application/json'],
  ['application/json;q=0, application/xml', 'application/xml'],
];

/** PUT with an XML body (DataContract, as the vendor's hosts read it) answers like JSON. */
const xmlWrite: Case = {
  id: 'Jobs_Put.xml-body',
  title: 'Jobs_Put reads a DataContract XML body and answers in XML when asked',
  family: 'jobs',
  operationId: 'Jobs_Put',
  rules: ['HTTP-CONTENT-NEGOTIATION'],
  writes: true,
  run: async (t: CaseContext) => {
    const job = someJob(t);
    restoreJob(t, job);
    const schema = componentSchema('jobs', 'jobs_write');
    const body = toXml(writeBodyOf(job.job), schema, catalog().resolver('jobs'), 'jobs');
    const x = await t.send({
      op: 'Jobs_Put',
      params: { id: job.id },
      body,
      contentType: 'application/xml',
      accept: 'application/xml',
    });
    t.check(
      expectStatus(x, [200], 'HTTP-CONTENT-NEGOTIATION', 'an XML body was refused'),
      expectThat(
        mediaType(x.response) === 'application/xml',
        'the answer is not XML',
        mediaType(x.response),
        'application/xml',
        'HTTP-CONTENT-NEGOTIATION',
        x,
      ),
    );
  },
};

export function httpCases(): Case[] {
  return [...[...apiCatalog().operations.values()].flatMap(casesOf), xmlWrite];
}
