import { describe, expect, it } from 'vitest';
import type { Failure } from '../checks/failure.ts';
import { buildConfig } from '../config/suite-config.ts';
import type { Exchange } from '../http/exchange.ts';
import type { ApiRequest } from '../runner/session.ts';
import { cannedExchange } from '../support/canned-exchange.ts';
import type { CaseContext } from './case.ts';
import { refusalProof, withValue } from './write-targets.ts';

/** A context whose server answers with `answer`; it records what was sent, failed and left behind. */
function fakeContext(answer: (r: ApiRequest, n: number) => Exchange) {
  const sent: ApiRequest[] = [];
  const failures: Failure[] = [];
  const unrestorable: string[] = [];
  const t: CaseContext = {
    config: buildConfig({ baseUrl: 'http://127.0.0.1:1' }),
    fixtures: {
      contacts: [],
      jobs: [{ id: 'f0f0f0f0-0000-4000-8000-000000000001', contact: 0, job: {} }],
      types: [],
      notes: [],
    },
    send: async (r) => {
      sent.push(r);
      return answer(r, sent.length);
    },
    check: (...results) => {
      const found = results.filter((r): r is Failure => r !== undefined);
      failures.push(...found);
      return found.length === 0;
    },
    must: (r) => {
      if (r) throw new Error(r.message);
    },
    skip: (why) => {
      throw new Error(why);
    },
    notApplicable: (why) => {
      throw new Error(why);
    },
    restore: () => {},
    unrestorable: (what) => {
      unrestorable.push(what);
    },
  };
  return { t, sent, failures, unrestorable };
}

const ID = 'f0f0f0f0-0000-4000-8000-0000000000aa';

describe('refusalProof', () => {
  it('reads a work order before and after, and reports a change of body or ETag', async () => {
    const { t, sent, failures } = fakeContext((_r, n) =>
      cannedExchange(
        'Jobs_Get',
        200,
        { id: ID, name: n === 1 ? 'before' : 'after' },
        { headers: { etag: `"${n}"` } },
      ),
    );
    const check = await refusalProof(t, { op: 'Jobs_Put', params: { id: ID }, json: { name: 'x' } }, 'R');
    await check();
    expect(sent.map((r) => r.op)).toEqual(['Jobs_Get', 'Jobs_Get']);
    expect(failures.map((f) => f.message.split('.')[0])).toEqual([
      `work order ${ID} after the refused write`,
      `ETag of work order ${ID} after the refused write`,
    ]);
  });

  it('passes when nothing changed, and compares only the status of a record that is not there', async () => {
    const same = fakeContext(() => cannedExchange('Jobs_Get', 200, { id: ID }, { headers: { etag: '"1"' } }));
    await (await refusalProof(same.t, { op: 'Jobs_Put', params: { id: ID } }, 'R'))();
    expect(same.failures).toEqual([]);
    const missing = fakeContext((_r, n) =>
      cannedExchange('WorkOrderTypes_Get', 404, { timestamp: String(n) }),
    );
    await (await refusalProof(missing.t, { op: 'WorkOrderTypes_Patch', params: { typeId: 9 } }, 'R'))();
    expect(missing.failures).toEqual([]);
  });

  it('proves a refused Save stored nothing by a create (201) under its key', async () => {
    const updated = fakeContext(() => cannedExchange('JobPartUsage_Save', 200, { id: ID }));
    await (await refusalProof(updated.t, { op: 'JobPartUsage_Save', json: { id: ID } }, 'R'))();
    expect(updated.sent[0]?.json).toMatchObject({ id: ID });
    expect(updated.failures[0]?.message).toContain('the refused Save stored a part usage');
    expect(updated.unrestorable).toHaveLength(1);
    const created = fakeContext(() => cannedExchange('JobPartUsage_Save', 201, { id: ID }));
    await (await refusalProof(created.t, { op: 'JobPartUsage_Save', json: { id: 'not-a-guid' } }, 'R'))();
    expect(created.sent).toEqual([]);
  });

  it('proves a refused create left no type with its code', async () => {
    const { t, sent, failures } = fakeContext(() =>
      cannedExchange('WorkOrderTypes_List', 200, { content: [{ id: 1, code: 'CT-1' }] }),
    );
    await (await refusalProof(t, { op: 'WorkOrderTypes_Create', json: { code: 'CT-1' } }, 'R'))();
    expect(sent[0]?.query).toEqual({ code: 'CT-1' });
    expect(failures[0]?.message).toContain('types with code CT-1 after the refused create');
  });
});

it('leaves out the key of a record when its code is written', () => {
  expect(withValue({ job_status_id: 'k', name: 'n' }, 'job_status_code', 'Open')).toEqual({
    name: 'n',
    job_status_code: 'Open',
  });
  expect(withValue({ name: 'n' }, 'name', 'm')).toEqual({ name: 'm' });
});
