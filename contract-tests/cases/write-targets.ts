// The writable bodies of both specs, each with a valid body to change, a way to read back what a write
// stored, and a proof that a refused write changed nothing: what boundary, negative and round-trip
// cases share.
import { expectStatus, expectValue } from '../checks/expectations.ts';
import { jsonBody } from '../http/body.ts';
import type { Exchange } from '../http/exchange.ts';
import type { Row, WorkOrderType } from '../runner/discovery.ts';
import { type ApiRequest, newId } from '../runner/session.ts';
import type { Family, OperationId } from '../spec/api-catalog.ts';
import type { CaseContext } from './case.ts';
import {
  freeCode,
  liveTypes,
  readJob,
  restoreJob,
  restoreType,
  SUITE_DESCRIPTION,
  someJob,
  someTypes,
  typeToChange,
  writeBodyOf,
} from './fixtures.ts';

export type PreparedWrite = {
  /** A valid body; PATCH bodies hold only what the case adds. */
  base: Row;
  send: (body: Row) => ApiRequest;
  /** The write was accepted: put back what the API allows, list the rest. */
  accepted: (body: Row) => void;
  /** What the server stored, read back after an accepted write (the answer, when the API has no read). */
  stored: (answer: Exchange, body: Row, rule: string) => Promise<Row>;
  /** Call before a write that must be refused; the returned check reads back that nothing changed. */
  beforeRefusal: (body: Row, rule: string) => Promise<() => Promise<void>>;
  /** A valid body for a next write that must not meet the earlier ones (a new key where writes create). */
  renew: () => Row;
};

/**
 * The body with one field set. A code given without its key is resolved by the server (JOB-EMBEDDED-RESOLVE),
 * so the key of the record the base names is left out: else the two could name different records.
 */
export function withValue(base: Row, field: string, value: unknown): Row {
  const body = { ...base, [field]: value };
  if (field.endsWith('_code')) delete body[field.replace(/_code$/, '_id')];
  return body;
}

export type WriteTarget = {
  operationId: OperationId;
  schema: string;
  family: Family;
  /** Statuses of an accepted write. */
  success: number[];
  setup: (t: CaseContext) => Promise<PreparedWrite>;
};

/** Reads a record before and after a refused write: the two answers must be the same, ETag included. */
export async function readsUnchanged(
  t: CaseContext,
  read: () => Promise<Exchange>,
  what: string,
  rule: string,
): Promise<() => Promise<void>> {
  const before = await read();
  return async () => {
    const after = await read();
    // A record that was not there (404) must still not be there; error bodies carry their own time.
    if (before.response?.status !== 200) {
      t.check(
        expectValue(
          `${what} after the refused write`,
          after.response?.status,
          before.response?.status,
          rule,
          after,
        ),
      );
      return;
    }
    t.check(
      expectValue(`${what} after the refused write`, jsonBody(after), jsonBody(before), rule, after),
      expectValue(
        `ETag of ${what} after the refused write`,
        after.response?.headers.etag,
        before.response?.headers.etag,
        rule,
        after,
      ),
    );
  };
}

const isGuid = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v);

/**
 * Call before sending a write that must be refused; the returned check reads back, with the writer's
 * or admin's rights, that the refused write changed nothing (ASSUMPTIONS.md S23).
 */
export async function refusalProof(
  t: CaseContext,
  request: ApiRequest,
  rule: string,
): Promise<() => Promise<void>> {
  const json = (request.json ?? {}) as Row;
  switch (request.op) {
    case 'Jobs_Put': {
      const id = String(request.params?.id);
      return readsUnchanged(t, () => t.send({ op: 'Jobs_Get', params: { id } }), `work order ${id}`, rule);
    }
    case 'WorkOrderTypes_Patch': {
      const typeId = Number(request.params?.typeId);
      return readsUnchanged(
        t,
        () => t.send({ op: 'WorkOrderTypes_Get', params: { typeId } }),
        `work order type ${typeId}`,
        rule,
      );
    }
    case 'JobPartUsage_Save':
      // A refused Save stored nothing: a valid Save under the same key is a create (201, A8).
      return async () => {
        if (!isGuid(json.id)) return;
        const probe = await t.send({
          op: 'JobPartUsage_Save',
          json: {
            id: json.id,
            jobs_id: isGuid(json.jobs_id) ? json.jobs_id : someJob(t).id,
            article_name: 'contract-test probe',
            quantity: 1,
          },
        });
        if ((probe.response?.status ?? 500) < 300)
          t.unrestorable(`part usage ${json.id} (there is no DELETE)`);
        t.check(
          expectStatus(
            probe,
            [201],
            rule,
            'the refused Save stored a part usage: saving its key again updated it',
          ),
        );
      };
    case 'WorkOrderTypes_Create':
      // A refused create left no type with its code.
      return async () => {
        if (typeof json.code !== 'string') return;
        const x = await t.send({ op: 'WorkOrderTypes_List', query: { code: json.code } });
        t.check(
          expectStatus(x, [200], rule),
          expectValue(
            `types with code ${json.code} after the refused create`,
            jsonBody<{ content?: unknown[] }>(x)?.content?.length,
            0,
            rule,
            x,
          ),
        );
      };
    default:
      return async () => {};
  }
}

export const WRITE_TARGETS: WriteTarget[] = [
  {
    operationId: 'Jobs_Put',
    schema: 'jobs_write',
    family: 'jobs',
    success: [200],
    setup: async (t) => {
      // Not a Suggested job: a new suggested start there would add a planning no API removes (A14).
      const job = someJob(t, (j) => j.job.job_status_code !== 'Suggested');
      const now = await readJob(t, job.id, 'HTTP-WRITE-PERSISTS');
      let restoring = false;
      return {
        base: writeBodyOf(now),
        send: (body) => ({ op: 'Jobs_Put', params: { id: job.id }, json: body }),
        accepted: () => {
          if (!restoring) restoreJob(t, job);
          restoring = true;
        },
        stored: () => readJob(t, job.id, 'HTTP-WRITE-PERSISTS'),
        beforeRefusal: (body, rule) =>
          refusalProof(t, { op: 'Jobs_Put', params: { id: job.id }, json: body }, rule),
        renew: () => writeBodyOf(now),
      };
    },
  },
  {
    operationId: 'JobPartUsage_Save',
    schema: 'job_part_usage',
    family: 'jobs',
    success: [200, 201],
    setup: async (t) => {
      const job = someJob(t);
      const fresh = () => ({
        id: newId(),
        jobs_id: job.id,
        article_name: 'contract-test part',
        quantity: 1,
        price: 10,
      });
      const base = fresh();
      const note = (id: unknown) => t.unrestorable(`part usage ${String(id)} (there is no DELETE)`);
      return {
        base,
        send: (body) => ({ op: 'JobPartUsage_Save', json: body }),
        accepted: (body) => note(body.id),
        // No API reads a part usage: saving the same body again (an update, 200, A8) answers what is stored.
        stored: async (_answer, body, rule) => {
          const again = await t.send({ op: 'JobPartUsage_Save', json: body });
          t.must(expectStatus(again, [200], rule, 'saving the same part usage again was not an update'));
          return jsonBody(again) ?? {};
        },
        beforeRefusal: (body, rule) => refusalProof(t, { op: 'JobPartUsage_Save', json: body }, rule),
        renew: fresh,
      };
    },
  },
  {
    operationId: 'WorkOrderTypes_Patch',
    schema: 'WorkOrderTypePatch',
    family: 'nextgen',
    success: [200],
    setup: async (t) => {
      const type = await typeToChange(t, []);
      const read = () => t.send({ op: 'WorkOrderTypes_Get', params: { typeId: type.id } });
      return {
        base: {},
        send: (body) => ({ op: 'WorkOrderTypes_Patch', params: { typeId: type.id }, json: body }),
        accepted: (body) => restoreType(t, type, Object.keys(body)),
        stored: async (_answer, _body, rule) => {
          const x = await read();
          t.must(expectStatus(x, [200], rule, 'the type could not be read back'));
          return jsonBody(x) ?? {};
        },
        beforeRefusal: (body, rule) =>
          refusalProof(t, { op: 'WorkOrderTypes_Patch', params: { typeId: type.id }, json: body }, rule),
        renew: () => ({}),
      };
    },
  },
  {
    operationId: 'WorkOrderTypes_Create',
    schema: 'WorkOrderTypeCreate',
    family: 'nextgen',
    success: [201],
    setup: async (t) => {
      // A taken triplet: a body the server wrongly accepts is then refused for the triplet
      // (409) instead of creating a type nobody can delete.
      const [type] = someTypes(t, 1) as [WorkOrderType];
      const types = await liveTypes(t);
      const base = {
        code: freeCode(types),
        description: SUITE_DESCRIPTION,
        requestTypeId: type.requestTypeId,
        serviceTypeId: type.serviceTypeId,
        technicalObjectTypeId: type.technicalObjectTypeId,
      };
      return {
        base,
        send: (body) => ({ op: 'WorkOrderTypes_Create', json: body }),
        accepted: (body) => t.unrestorable(`work order type ${String(body.code)} (there is no DELETE)`),
        stored: async (answer, _body, rule) => {
          const x = await t.send({
            op: 'WorkOrderTypes_Get',
            params: { typeId: Number(jsonBody(answer)?.id) },
          });
          t.must(expectStatus(x, [200], rule, 'the created type could not be read back'));
          return jsonBody(x) ?? {};
        },
        beforeRefusal: (body, rule) => refusalProof(t, { op: 'WorkOrderTypes_Create', json: body }, rule),
        renew: () => ({ ...base, code: freeCode(types) }),
      };
    },
  },
];
