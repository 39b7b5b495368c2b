// Checks for documented answers and deviations no other case reaches: successful writes in every
// media type the operation documents, the NextGen list's refusal of a bad paging parameter, a create
// that names a record that does not exist; and the near-misses of faults/fault-kinds.ts that no
// oracle of the other case files catches.
import { loadSpec } from '../../lib/spec.ts';
import { expectErrorCode, expectStatus, expectThat, expectValue } from '../checks/expectations.ts';
import { jsonBody } from '../http/body.ts';
import { type Exchange, mediaType } from '../http/exchange.ts';
import { type ApiRequest, newId } from '../runner/session.ts';
import { type Family, operation } from '../spec/api-catalog.ts';
import type { Case, CaseContext } from './case.ts';
import {
  contactCredential,
  restoreJob,
  someJob,
  someTypes,
  typeToChange,
  UNKNOWN_GUID,
  uniqueText,
  visibleJob,
  writeBodyOf,
} from './fixtures.ts';

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

// vendor-apis.md, Formats: "root element named after the type,
// xmlns:i="http://www.w3.org/2001/XMLSchema-instance", child elements in alphabetical order".
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** The DataContract form of an XML answer: root name, the xmlns:i declaration, children in ordinal order. */
export function xmlFormProblems(body: string, root: string): string[] {
  const problems: string[] = [];
  const open = /^\s*(?:<\?xml[^>]*\?>\s*)?<([A-Za-z_][\w.-]*)([^>]*)>/.exec(body);
  if (!open) return ['no root element'];
  if (open[1] !== root) problems.push(`root element <${open[1]}>, not <${root}>`);
  if (!(open[2] ?? '').includes(`xmlns:i="${XSI}"`)) problems.push(`no xmlns:i="${XSI}" on the root`);
  // Direct children of the root: walk the tags, counting depth.
  const names: string[] = [];
  let depth = 0;
  for (const m of body.slice(open[0].length).matchAll(/<(\/?)([A-Za-z_][\w.-]*)[^>]*?(\/?)>/g)) {
    if (m[1]) depth--;
    else {
      if (depth === 0) names.push(m[2] ?? '');
      if (!m[3]) depth++;
    }
  }
  const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const at = names.findIndex((n, i) => n !== sorted[i]);
  if (at !== -1) problems.push(`child <${names[at]}> out of alphabetical order (position ${at + 1})`);
  return problems;
}

/** The scheme of the family's security scheme, from the spec (basic for the jobs API, bearer for NextGen). */
function challengeScheme(family: Family): string {
  const schemes = (loadSpec(family).components as { securitySchemes?: Record<string, { scheme?: string }> })
    .securitySchemes;
  return Object.values(schemes ?? {})[0]?.scheme ?? '';
}

export function deviationCases(): Case[] {
  return [
    ...(['Jobs_Get', 'JobsView_Get'] as const).map(
      (op): Case => ({
        id: `${op}.xml-form`,
        title: `${op} in XML has the DataContract form: root named after the type, xmlns:i, children in alphabetical order`,
        family: 'jobs',
        operationId: op,
        rules: ['OAS-SCHEMA'],
        writes: false,
        async run(t: CaseContext) {
          const request: ApiRequest =
            op === 'Jobs_Get'
              ? { op, params: { id: someJob(t).id }, accept: 'application/xml' }
              : (() => {
                  const job = visibleJob(t);
                  return {
                    op,
                    params: { id: job.id },
                    as: { basic: contactCredential(t, job.contact) },
                    accept: 'application/xml',
                  };
                })();
          const x = await t.send(request);
          t.must(expectStatus(x, [200], 'OAS-SCHEMA'));
          const root = op === 'Jobs_Get' ? 'jobs' : 'jobs_view';
          const problems = xmlFormProblems(x.response?.body ?? '', root);
          t.check(
            expectThat(
              problems.length === 0,
              `${op} answered XML that is not in the documented DataContract form`,
              problems.join('; '),
              `<${root} xmlns:i="${XSI}"> with children in alphabetical order (vendor-apis, Formats)`,
              'OAS-SCHEMA',
              x,
            ),
          );
        },
      }),
    ),
    ...(
      [
        ['Jobs_Get', 'JOBS-AUTH'],
        ['WorkOrderTypes_Get', 'NEXTGEN-AUTH'],
      ] as const
    ).map(
      ([op, rule]): Case => ({
        id: `${op}.401.challenge-scheme`,
        title: `${op} challenges an anonymous caller with the scheme of the spec's security scheme`,
        family: operation(op).family,
        operationId: op,
        rules: [rule],
        writes: false,
        async run(t: CaseContext) {
          const params = op === 'Jobs_Get' ? { id: UNKNOWN_GUID } : { typeId: 1 };
          const x = await t.send({ op, params, as: 'anonymous' });
          t.must(expectStatus(x, [401], rule));
          const scheme = challengeScheme(operation(op).family);
          const challenge = x.response?.headers['www-authenticate'] ?? '';
          t.check(
            expectThat(
              challenge.trim().toLowerCase().startsWith(`${scheme.toLowerCase()}`),
              'the WWW-Authenticate challenge names another scheme than the API uses',
              challenge || '(none)',
              `${scheme} ... (securitySchemes)`,
              rule,
              x,
            ),
          );
        },
      }),
    ),
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
      id: 'Jobs_Get.accept-q-values',
      title: 'Accept q-values choose the answer type: the type with the higher q wins, wherever it is listed',
      family: 'jobs',
      operationId: 'Jobs_Get',
      rules: ['HTTP-CONTENT-NEGOTIATION'],
      writes: false,
      async run(t: CaseContext) {
        const id = someJob(t).id;
        for (const [accept, type] of [
          ['application/xml;q=0.5, application/json', 'application/json'],
          ['application/json;q=0.1, text/xml', 'text/xml'],
        ] as const) {
          const x = await t.send({ op: 'Jobs_Get', params: { id }, accept });
          t.check(
            expectStatus(x, [200], 'HTTP-CONTENT-NEGOTIATION'),
            inTypeAsked(x, type, 'HTTP-CONTENT-NEGOTIATION'),
          );
        }
      },
    },
    {
      id: 'WorkOrderTypes_Get.error-envelope',
      title: 'a NextGen error body states the HTTP status it came with and the path asked for (N1)',
      family: 'nextgen',
      operationId: 'WorkOrderTypes_Get',
      rules: ['NEXTGEN-ERROR-STATUS'],
      writes: false,
      async run(t: CaseContext) {
        const missing = 2_000_000_000;
        for (const request of [
          { op: 'WorkOrderTypes_Get', params: { typeId: missing } },
          { op: 'WorkOrderTypes_Get', params: { typeId: missing }, as: 'anonymous' },
          { op: 'WorkOrderTypes_List', query: { '_page[size]': -1 } },
        ] as ApiRequest[]) {
          const x = await t.send(request);
          const body = jsonBody<{ status?: unknown; path?: unknown }>(x);
          const path = new URL(x.request.url).pathname;
          t.check(
            expectValue(
              'status in the error body',
              body?.status,
              x.response?.status,
              'NEXTGEN-ERROR-STATUS',
              x,
            ),
            expectThat(
              typeof body?.path === 'string' && path.endsWith(body.path),
              'path in the error body is not the path asked for',
              String(body?.path),
              path,
              'NEXTGEN-ERROR-STATUS',
              x,
            ),
          );
        }
      },
    },
    {
      id: 'WorkOrderTypes_Patch.same-twice',
      title:
        'a PATCH that gives a type its own code, sent twice, answers 200 both times and leaves the same type',
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
