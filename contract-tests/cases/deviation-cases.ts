// Checks for documented answers and deviations no other case reaches: successful writes in every
// media type the operation documents, the NextGen list's refusal of a bad paging parameter, a create
// that names a record that does not exist; and the near-misses of faults/fault-kinds.ts that no
// oracle of the other case files catches.
import { expectErrorCode, expectStatus, expectThat } from '../checks/expectations.ts';
import { type Exchange, mediaType } from '../http/exchange.ts';
import { newId } from '../runner/session.ts';
import { operation } from '../spec/api-catalog.ts';
import type { Case, CaseContext } from './case.ts';
import { restoreJob, someJob, someTypes, uniqueText, writeBodyOf } from './fixtures.ts';

const MISSING_ID = 2_000_000_000;

/** The documented media types of an answer other than the default (JSON, checked everywhere else). */
function otherTypes(op: string, status: number): string[] {
  return [...(operation(op).responses.get(String(status))?.content.keys() ?? [])].slice(1);
}

/** The answer comes in the type asked for (A19): XML asked, XML answered; text/json stays text/json. */
function inTypeAsked(x: Exchange, type: string, rule: string) {
  return expectThat(
    mediaType(x.response) === type,
    `${x.operationId} answered in another type than the Accept asked for`,
    mediaType(x.response) || '(none)',
    type,
    rule,
    x,
  );
}

export function deviationCases(): Case[] {
  return [
    {
      id: 'Jobs_Put.media-types',
      title: 'a PUT answers 200 in each media type the Accept header asks for',
      family: 'jobs',
      operationId: 'Jobs_Put',
      rules: ['HTTP-CONTENT-NEGOTIATION'],
      writes: true,
      async run(t: CaseContext) {
        const job = someJob(t);
        restoreJob(t, job);
        for (const type of otherTypes('Jobs_Put', 200)) {
          const x = await t.send({
            op: 'Jobs_Put',
            params: { id: job.id },
            json: writeBodyOf(job.job),
            accept: type,
          });
          t.check(
            expectStatus(x, [200], 'HTTP-CONTENT-NEGOTIATION'),
            inTypeAsked(x, type, 'HTTP-CONTENT-NEGOTIATION'),
          );
        }
      },
    },
    {
      id: 'JobPartUsage_Save.media-types',
      title: 'Save answers 201 (new) and 200 (update) in each media type the Accept header asks for',
      family: 'jobs',
      operationId: 'JobPartUsage_Save',
      rules: ['JPU-UPSERT', 'HTTP-CONTENT-NEGOTIATION'],
      writes: true,
      async run(t: CaseContext) {
        const jobsId = someJob(t).id;
        let last: string | undefined;
        for (const type of otherTypes('JobPartUsage_Save', 201)) {
          const id = newId();
          const x = await t.send({
            op: 'JobPartUsage_Save',
            json: { id, jobs_id: jobsId, article_name: 'contract-test part', quantity: 1 },
            accept: type,
          });
          if ((x.response?.status ?? 500) < 300) t.unrestorable(`part usage ${id} (there is no DELETE)`);
          t.check(expectStatus(x, [201], 'JPU-UPSERT'), inTypeAsked(x, type, 'HTTP-CONTENT-NEGOTIATION'));
          last = id;
        }
        if (!last) t.notApplicable('Save documents JSON only');
        for (const type of otherTypes('JobPartUsage_Save', 200)) {
          const x = await t.send({
            op: 'JobPartUsage_Save',
            json: { id: last, jobs_id: jobsId, article_name: 'contract-test part', quantity: 2 },
            accept: type,
          });
          t.check(expectStatus(x, [200], 'JPU-UPSERT'), inTypeAsked(x, type, 'HTTP-CONTENT-NEGOTIATION'));
        }
      },
    },
    {
      id: 'WorkOrderTypes_List.400.page-size',
      title: 'the type list refuses a negative or non-numeric _page[size] with 400 BASE_0001',
      family: 'nextgen',
      operationId: 'WorkOrderTypes_List',
      rules: ['WOT-FIELD-TYPES'],
      writes: false,
      async run(t: CaseContext) {
        for (const size of ['-1', 'ten']) {
          const x = await t.send({ op: 'WorkOrderTypes_List', query: { '_page[size]': size } });
          t.check(expectErrorCode(x, 'BASE_0001', 'WOT-FIELD-TYPES'));
        }
      },
    },
    {
      id: 'WorkOrderTypes_Create.422.reference',
      title:
        'creating a type with a requestTypeId that names nothing answers 422 BASE_0003 and creates nothing',
      family: 'nextgen',
      operationId: 'WorkOrderTypes_Create',
      rules: ['WOT-REFERENCES-EXIST'],
      writes: true,
      async run(t: CaseContext) {
        const [type] = someTypes(t, 1);
        const code = uniqueText('CT');
        const x = await t.send({
          op: 'WorkOrderTypes_Create',
          json: {
            code,
            description: 'contract test type',
            requestTypeId: MISSING_ID,
            serviceTypeId: type?.serviceTypeId,
            technicalObjectTypeId: type?.technicalObjectTypeId,
          },
        });
        if ((x.response?.status ?? 500) < 300) t.unrestorable(`work order type ${code} (there is no DELETE)`);
        t.check(expectErrorCode(x, 'BASE_0003', 'WOT-REFERENCES-EXIST'));
        const after = await t.send({ op: 'WorkOrderTypes_List', query: { code } });
        const content = (JSON.parse(after.response?.body || '{}') as { content?: unknown[] }).content;
        t.check(
          expectThat(
            Array.isArray(content) && content.length === 0,
            'the refused create left a type behind',
            String(content?.length),
            '0 types with that code',
            'WOT-REFERENCES-EXIST',
            after,
          ),
        );
      },
    },
  ];
}
