// Checks for documented answers and deviations no other case reaches: successful writes in every
// media type the operation documents, the NextGen list's refusal of a bad paging parameter, a create
// that names a record that does not exist; and near misses of faults/near-conformant.ts that no
// other case catches ($top=0 ignored, a type's own code taken for a conflict).
import { expectErrorCode, expectStatus, expectThat, expectValue } from '../checks/expectations.ts';
import { jsonBody } from '../http/body.ts';
import { type Exchange, mediaType } from '../http/exchange.ts';
import { newId } from '../runner/session.ts';
import { operation, responseTypes } from '../spec/api-catalog.ts';
import type { Case, CaseContext } from './case.ts';
import {
  contactCredential,
  restoreJob,
  someJob,
  someTypes,
  typeToChange,
  uniqueText,
  writeBodyOf,
} from './fixtures.ts';

const MISSING_ID = 2_000_000_000;

/** The documented media types of an answer other than the default (JSON, checked everywhere else). */
function otherTypes(op: Case['operationId'], status: number): string[] {
  return responseTypes(operation(op), status).slice(1);
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
      id: 'JobsView_List.top-zero',
      title: '$top=0 answers no row, and @odata.count still counts every row (OData v4)',
      family: 'jobs',
      operationId: 'JobsView_List',
      rules: ['JOBSVIEW-PAGING'],
      writes: false,
      async run(t: CaseContext) {
        const as = { basic: contactCredential(t, 0) };
        const all = await t.send({ op: 'JobsView_List', query: { $count: 'true' }, as });
        const none = await t.send({ op: 'JobsView_List', query: { $top: 0, $count: 'true' }, as });
        t.must(expectStatus(none, [200], 'JOBSVIEW-PAGING'));
        const page = jsonBody<{ value?: unknown[]; '@odata.count'?: number }>(none);
        t.check(
          expectValue('rows answered to $top=0', page?.value?.length, 0, 'JOBSVIEW-PAGING', none),
          expectValue(
            '@odata.count with $top=0',
            page?.['@odata.count'],
            jsonBody<{ '@odata.count'?: number }>(all)?.['@odata.count'],
            'JOBSVIEW-PAGING',
            none,
          ),
        );
      },
    },
    {
      id: 'WorkOrderTypes_Patch.own-code',
      title: 'a PATCH that gives a type its own code is no conflict: 200, also sent twice, and the same type',
      family: 'nextgen',
      operationId: 'WorkOrderTypes_Patch',
      rules: ['WOT-CODE-UNIQUE', 'HTTP-WRITE-PERSISTS'],
      writes: true,
      async run(t: CaseContext) {
        const type = await typeToChange(t, ['code', 'order']);
        const body = { code: type.code, order: type.order === 7 ? 8 : 7 };
        const answers = [];
        for (let i = 0; i < 2; i++) {
          const x = await t.send({ op: 'WorkOrderTypes_Patch', params: { typeId: type.id }, json: body });
          t.must(expectStatus(x, [200], 'WOT-CODE-UNIQUE', 'a type may keep its own code'));
          answers.push(jsonBody(x));
        }
        const read = await t.send({ op: 'WorkOrderTypes_Get', params: { typeId: type.id } });
        t.check(
          expectValue('the type after the second PATCH', answers[1], answers[0], 'HTTP-WRITE-PERSISTS'),
          expectValue('the type read back', jsonBody(read), answers[1], 'HTTP-WRITE-PERSISTS', read),
        );
      },
    },
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
