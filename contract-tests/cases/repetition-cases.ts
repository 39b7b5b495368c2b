// Repetition: the same write sent twice leaves the same state as sent once (PUT and PATCH, the Save
// upsert), and a side effect of a write (the Suggested planning) happens once.
import { expectStatus, expectValue } from '../checks/expectations.ts';
import { jsonBody } from '../http/body.ts';
import type { Exchange } from '../http/exchange.ts';
import type { Row } from '../runner/discovery.ts';
import { newId } from '../runner/session.ts';
import type { Case, CaseContext } from './case.ts';
import {
  readViewRow,
  restoreJob,
  someJob,
  suggestedTechnician,
  typeToChange,
  uniqueText,
  visibleJob,
  writeBodyOf,
} from './fixtures.ts';

/** Fields every write moves (JOB-MODIFIED-DATEUTC, A20): the only ones a repeated write may change. */
const MOVING = ['modified_dateutc', 'date_update'];

function withoutMoving(row: Row | undefined): Row {
  return Object.fromEntries(Object.entries(row ?? {}).filter(([k]) => !MOVING.includes(k)));
}

/** Sends the request twice; the reads after each must be the same but for the fields every write moves. */
async function twice(
  t: CaseContext,
  send: () => Promise<Exchange>,
  read: () => Promise<Row>,
  success: number[],
  rule: string,
): Promise<[Row, Row]> {
  const first = await send();
  t.must(expectStatus(first, success, rule, 'the first write was refused'));
  const once = await read();
  const second = await send();
  t.must(expectStatus(second, success, rule, 'the same write, sent again, was refused'));
  const again = await read();
  t.check(
    expectValue('the state after the same write twice', withoutMoving(again), withoutMoving(once), rule),
  );
  return [once, again];
}

const putTwice: Case = {
  id: 'Jobs_Put.repeat',
  title: 'the same PUT twice leaves the work order and its view row as once',
  family: 'jobs',
  operationId: 'Jobs_Put',
  rules: ['HTTP-WRITE-PERSISTS', 'JOBSVIEW-DERIVED'],
  writes: true,
  run: async (t: CaseContext) => {
    const job = visibleJob(t);
    restoreJob(t, job);
    const body = { ...writeBodyOf(job.job), name: uniqueText('repeated ', 40) };
    const put = () => t.send({ op: 'Jobs_Put', params: { id: job.id }, json: body });
    const read = async () => {
      const x = await t.send({ op: 'Jobs_Get', params: { id: job.id } });
      const view = await readViewRow(t, job.id, job.contact, 'JOBSVIEW-DERIVED');
      return { ...jsonBody<Row>(x), view: withoutMoving(view) };
    };
    const [once, again] = await twice(t, put, read, [200], 'HTTP-WRITE-PERSISTS');
    t.check(
      expectValue('name after the first PUT', once.name, body.name, 'HTTP-WRITE-PERSISTS'),
      expectValue('name after the repeated PUT', again.name, body.name, 'HTTP-WRITE-PERSISTS'),
    );
  },
};

const saveTwice: Case = {
  id: 'JobPartUsage_Save.repeat',
  title: 'the same Save twice creates one part usage (201, then 200) with the same fields',
  family: 'jobs',
  operationId: 'JobPartUsage_Save',
  rules: ['JPU-UPSERT'],
  writes: true,
  run: async (t: CaseContext) => {
    const body = {
      id: newId(),
      jobs_id: someJob(t).id,
      article_name: 'repeated part',
      quantity: 2,
      price: 3.5,
    };
    const first = await t.send({ op: 'JobPartUsage_Save', json: body });
    if ((first.response?.status ?? 500) < 300) t.unrestorable(`part usage ${body.id} (there is no DELETE)`);
    t.must(expectStatus(first, [201], 'JPU-UPSERT', 'a new part usage was not created'));
    const second = await t.send({ op: 'JobPartUsage_Save', json: body });
    t.check(
      expectStatus(
        second,
        [200],
        'JPU-UPSERT',
        'the same Save again was not an update of the same part usage',
      ),
      expectValue(
        'the part usage after the same Save twice',
        withoutMoving(jsonBody(second)),
        withoutMoving(jsonBody(first)),
        'JPU-UPSERT',
        second,
      ),
    );
  },
};

const patchTwice: Case = {
  id: 'WorkOrderTypes_Patch.repeat',
  title: 'the same PATCH twice leaves the type as once',
  family: 'nextgen',
  operationId: 'WorkOrderTypes_Patch',
  rules: ['HTTP-WRITE-PERSISTS'],
  writes: true,
  run: async (t: CaseContext) => {
    const type = await typeToChange(t, ['description', 'order']);
    const body = { description: uniqueText('repeated ', 40), order: type.order === 77 ? 78 : 77 };
    const [, again] = await twice(
      t,
      () => t.send({ op: 'WorkOrderTypes_Patch', params: { typeId: type.id }, json: body }),
      async () => jsonBody(await t.send({ op: 'WorkOrderTypes_Get', params: { typeId: type.id } })) ?? {},
      [200],
      'HTTP-WRITE-PERSISTS',
    );
    t.check(
      expectValue(
        'description after the repeated PATCH',
        again.description,
        body.description,
        'HTTP-WRITE-PERSISTS',
      ),
    );
  },
};

const suggestedTwice: Case = {
  id: 'Jobs_Put.repeat-suggested',
  title: 'the same Suggested PUT twice adds one planning, not two',
  family: 'jobs',
  operationId: 'Jobs_Put',
  rules: ['JOB-SUGGESTED-PLANNING'],
  writes: true,
  run: async (t: CaseContext) => {
    const job = visibleJob(t);
    const technician = suggestedTechnician(t);
    const before = await readViewRow(t, job.id, job.contact, 'JOB-SUGGESTED-PLANNING');
    const count = Number(before.job_planning_count ?? 0);
    // A start no earlier run used (A14: a planning is added when none exists for that user at that start).
    const start = new Date(Date.UTC(2032, 0, 1) + (Date.now() % 10_000_000) * 60_000).toISOString();
    restoreJob(t, job);
    t.unrestorable(`a job planning on work order ${job.id} at ${start} (there is no API to remove it)`);
    const { job_status_id: _s, suggested_user_code: _c, ...rest } = writeBodyOf(job.job);
    const body = {
      ...rest,
      job_status_code: 'Suggested',
      suggested_user_id: technician.id,
      suggested_date_start: start,
    };
    const [once, again] = await twice(
      t,
      () => t.send({ op: 'Jobs_Put', params: { id: job.id }, json: body }),
      async () => {
        const row = await readViewRow(t, job.id, job.contact, 'JOB-SUGGESTED-PLANNING');
        return {
          job_planning_count: row.job_planning_count,
          first_planning_date: row.first_planning_date,
          total_time_planned: row.total_time_planned,
        };
      },
      [200],
      'JOB-SUGGESTED-PLANNING',
    );
    t.check(
      expectValue(
        'job_planning_count after the first Suggested PUT',
        once.job_planning_count,
        count + 1,
        'JOB-SUGGESTED-PLANNING',
      ),
      expectValue(
        'job_planning_count after the same PUT again',
        again.job_planning_count,
        count + 1,
        'JOB-SUGGESTED-PLANNING',
      ),
    );
  },
};

export function repetitionCases(): Case[] {
  return [putTwice, saveTwice, patchTwice, suggestedTwice];
}
