// POST /api/JobPartUsage/Save (document 003): upsert by the client's key, warranty discount, and the
// work order it points to must exist. Part usages cannot be deleted: the report lists them.
import { expectStatus, expectThat, expectValue } from '../checks/expectations.ts';
import { jsonBody } from '../http/body.ts';
import type { Row } from '../runner/discovery.ts';
import { newId } from '../runner/session.ts';
import type { Case, CaseContext } from './case.ts';
import { someJob, UNKNOWN_GUID } from './fixtures.ts';

function saveCase(id: string, title: string, rules: string[], run: (t: CaseContext) => Promise<void>): Case {
  return {
    id: `JobPartUsage_Save.${id}`,
    title,
    family: 'jobs',
    operationId: 'JobPartUsage_Save',
    rules,
    writes: true,
    run,
  };
}

async function save(t: CaseContext, body: Row, headers: Record<string, string> = {}) {
  const x = await t.send({ op: 'JobPartUsage_Save', json: body, headers });
  if ((x.response?.status ?? 500) < 300) {
    t.unrestorable(`part usage ${String(body.id)} (there is no DELETE)`);
  }
  return x;
}

export function partUsageCases(): Case[] {
  return [
    saveCase(
      'upsert',
      'Save adds a new part usage (201) and updates it when saved again (200)',
      ['JPU-UPSERT'],
      async (t: CaseContext) => {
        const body = {
          id: newId(),
          jobs_id: someJob(t).id,
          article_name: 'contract-test part',
          quantity: 1,
          price: 5,
        };
        const first = await save(t, body);
        t.must(expectStatus(first, [201], 'JPU-UPSERT', 'a new part usage was not created'));
        const second = await t.send({ op: 'JobPartUsage_Save', json: { ...body, quantity: 3 } });
        t.check(
          expectStatus(second, [200], 'JPU-UPSERT', 'saving the same key again did not update it'),
          expectValue('quantity after the second Save', jsonBody(second)?.quantity, 3, 'JPU-UPSERT', second),
        );
      },
    ),
    saveCase(
      'warranty-discount',
      'a part under warranty gets a discount equal to its price',
      ['JPU-WARRANTY-DISCOUNT'],
      async (t: CaseContext) => {
        const x = await save(t, {
          id: newId(),
          jobs_id: someJob(t).id,
          article_name: 'warranty part',
          quantity: 2,
          price: 12.5,
          discount: 0,
          is_under_warranty: true,
        });
        t.must(expectStatus(x, [201], 'JPU-WARRANTY-DISCOUNT'));
        t.check(
          expectValue(
            'discount of a part under warranty',
            jsonBody(x)?.discount,
            12.5,
            'JPU-WARRANTY-DISCOUNT',
            x,
          ),
        );
      },
    ),
    saveCase(
      'unknown-job',
      'a jobs_id that names no work order answers 422',
      ['JPU-JOB-EXISTS'],
      async (t: CaseContext) => {
        const x = await save(t, {
          id: newId(),
          jobs_id: UNKNOWN_GUID,
          article_name: 'orphan part',
          quantity: 1,
        });
        t.check(expectStatus(x, [422], 'JPU-JOB-EXISTS'));
      },
    ),
    saveCase(
      'modified-dateutc',
      'modified_dateutc is set by the server',
      ['JPU-MODIFIED-DATEUTC'],
      async (t: CaseContext) => {
        const sent = '2001-01-01T00:00:00Z';
        const x = await save(t, {
          id: newId(),
          jobs_id: someJob(t).id,
          article_name: 'dated part',
          quantity: 1,
          modified_dateutc: sent,
        });
        t.must(expectStatus(x, [201], 'JPU-MODIFIED-DATEUTC'));
        const got = jsonBody(x)?.modified_dateutc;
        t.check(
          expectThat(
            typeof got === 'string' && Date.parse(got) > Date.parse(sent),
            'modified_dateutc kept the value the client sent',
            String(got),
            'the time of the write',
            'JPU-MODIFIED-DATEUTC',
            x,
          ),
        );
      },
    ),
    saveCase(
      'prefer-minimal',
      'Save with Prefer: return=minimal answers only the id',
      ['HTTP-PREFER-MINIMAL'],
      async (t: CaseContext) => {
        const id = newId();
        const x = await save(
          t,
          { id, jobs_id: someJob(t).id, article_name: 'minimal part', quantity: 1 },
          { prefer: 'return=minimal' },
        );
        t.must(expectStatus(x, [201], 'HTTP-PREFER-MINIMAL'));
        t.check(expectValue('answer to return=minimal', jsonBody(x), { id }, 'HTTP-PREFER-MINIMAL', x));
      },
    ),
  ];
}
