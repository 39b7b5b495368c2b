// Named faults, each a small change to requests or responses that a faulty implementation would make,
// with the rule the suite must name when it catches it and the cases that exercise it.
import {
  basicUser,
  editJson,
  editRequestJson,
  freezeViewFields,
  isJobGet,
  isJobPut,
  isView,
  type Json,
  parse,
  route,
} from './edit.ts';
import { NEAR_CONFORMANT_FAULTS } from './near-conformant.ts';
import type { FaultHooks } from './proxy.ts';

export type FaultKind = FaultHooks & {
  name: string;
  description: string;
  /** The rule id of the check that must fail. */
  caughtBy: string;
  /** The cases to run (--only values), to keep the run short. */
  only: string[];
};

/** The first faults: shapes, statuses and single rules. */
const BASIC_FAULTS: FaultKind[] = [
  {
    name: 'dropped-required-field',
    description: 'GET Jobs leaves out the required name',
    caughtBy: 'OAS-SCHEMA',
    only: ['Jobs_Get.success'],
    response: (res, req) => (isJobGet(req) ? editJson(res, (job) => delete job.name) : res),
  },
  {
    name: 'wrong-type',
    description: 'id2 answered as a string',
    caughtBy: 'OAS-SCHEMA',
    only: ['Jobs_Get.success', 'JobsView_Get.success'],
    response: (res, req) =>
      isJobGet(req) || isView(req)
        ? editJson(
            res,
            (row) => {
              if ('id2' in row) row.id2 = String(row.id2);
            },
            true,
          )
        : res,
  },
  {
    name: 'undocumented-status',
    description: 'GET Jobs answers 203 instead of 200',
    caughtBy: 'OAS-STATUS',
    only: ['Jobs_Get.success'],
    response: (res, req) => (isJobGet(req) && res.status === 200 ? { ...res, status: 203 } : res),
  },
  {
    name: 'wrong-content-type',
    description: 'GET Jobs answers JSON labelled text/plain',
    caughtBy: 'OAS-CONTENT-TYPE',
    only: ['Jobs_Get.success'],
    response: (res, req) =>
      isJobGet(req)
        ? { ...res, headers: { ...res.headers, 'content-type': 'text/plain; charset=utf-8' } }
        : res,
  },
  {
    name: 'response-over-max-length',
    description: 'JobsView answers a job_type_name of 51+ characters',
    caughtBy: 'OAS-SCHEMA',
    only: ['JobsView_List.success'],
    response: (res, req) =>
      isView(req)
        ? editJson(
            res,
            (row) => {
              row.job_type_name = `${String(row.job_type_name)}${'x'.repeat(51)}`;
            },
            true,
          )
        : res,
  },
  {
    name: 'accepts-too-long-name',
    description: 'a name over 255 characters is cut before it reaches the server, which says 200',
    caughtBy: 'JOB-MAX-LENGTH',
    only: ['Jobs_Put.negative.maxLength.name'],
    request: (req) =>
      isJobPut(req)
        ? editRequestJson(req, (b) => {
            if (typeof b.name === 'string') b.name = b.name.slice(0, 255);
          })
        : req,
  },
  {
    name: 'accepts-bad-status-code',
    description: 'an undocumented job_status_code is replaced by Open before it reaches the server',
    caughtBy: 'JOB-STATUS-CODE-VALUES',
    only: ['JOB-STATUS-CODE-VALUES'],
    request: (req) =>
      isJobPut(req)
        ? editRequestJson(req, (b) => {
            const ok = ['Canceled', 'ToBePlanned', 'Waiting', 'Pooling', 'Suggested', 'Activated', 'Open'];
            if ('job_status_code' in b && !ok.includes(String(b.job_status_code))) b.job_status_code = 'Open';
          })
        : req,
  },
  {
    name: 'ignores-contact-scoping',
    description: "contact1's JobsView also lists contact2's work orders",
    caughtBy: 'JOBSVIEW-CONTACT-SCOPE',
    only: ['JOBSVIEW-CONTACT-SCOPE'],
    response: async (res, req, upstream) => {
      if (
        !isView(req) ||
        route(req) !== '/api/JobsView' ||
        basicUser(req) !== 'contact1' ||
        res.status !== 200
      )
        return res;
      const other = await upstream({
        ...req,
        headers: {
          ...req.headers,
          authorization: `Basic ${Buffer.from('contact2:demo@demo').toString('base64')}`,
        },
      });
      const extra = (parse(other.body)?.value as Json[] | undefined) ?? [];
      return editJson(res, (page) => {
        page.value = [...((page.value as Json[]) ?? []), ...extra.slice(0, 3)];
      });
    },
  },
  {
    name: 'skips-planning-side-effect',
    description: 'the view never shows new job plannings (count and first planning frozen per job)',
    caughtBy: 'JOB-SUGGESTED-PLANNING',
    only: ['Jobs_Put.suggested-planning'],
    response: freezeViewFields([
      'job_planning_count',
      'first_planning_date',
      'first_planning_userfullname',
      'total_time_planned',
    ]),
  },
  {
    name: 'allows-duplicate-type-code',
    description: 'a duplicate work order type code answers 200 instead of 409 BASE_0007',
    caughtBy: 'WOT-CODE-UNIQUE',
    only: ['WorkOrderTypes_Patch.code-unique'],
    response: async (res, req, upstream) => {
      if (res.status !== 409 || parse(res.body)?.code !== 'BASE_0007' || req.method !== 'PATCH') return res;
      const current = await upstream({ ...req, method: 'GET', body: '' });
      const sent = parse(req.body) ?? {};
      return editJson({ ...current, status: 200 }, (type) => Object.assign(type, sent));
    },
  },
  {
    name: 'write-not-persisted',
    description: 'PUT Jobs answers the merged body without storing it',
    caughtBy: 'HTTP-WRITE-PERSISTS',
    only: ['Jobs_Put.persists'],
    request: async (req, upstream) => {
      if (!isJobPut(req)) return req;
      const current = await upstream({ ...req, method: 'GET', body: '' });
      if (current.status !== 200) return req;
      return editJson(current, (job) => Object.assign(job, parse(req.body) ?? {}));
    },
  },
  {
    name: 'stale-derived-field',
    description: 'the view keeps the first job_type_name and name it showed for each job',
    caughtBy: 'JOBSVIEW-DERIVED',
    only: ['Jobs_Put.persists', 'Jobs_Put.embedded-type-code'],
    response: freezeViewFields(['job_type_name', 'job_type_id', 'name']),
  },
  {
    name: 'server-error-on-bad-input',
    description: 'invalid input answers 500 instead of 400',
    caughtBy: 'HTTP-NO-5XX',
    only: ['Jobs_Put.negative.maxLength.name', 'Jobs_Put.400.malformed-json'],
    response: (res) => (res.status === 400 ? { ...res, status: 500 } : res),
  },
  {
    name: 'missing-www-authenticate',
    description: '401 answers come without a WWW-Authenticate challenge',
    caughtBy: 'OAS-HEADERS',
    only: ['Jobs_Get.401.anonymous'],
    response: (res) => {
      if (res.status !== 401) return res;
      const { 'www-authenticate': _dropped, ...headers } = res.headers;
      return { ...res, headers };
    },
  },
  {
    name: '401-instead-of-403',
    description: 'a valid read-only user gets 401 instead of 403',
    caughtBy: 'JOBS-AUTH',
    only: ['Jobs_Put.403.read-only'],
    response: (res) =>
      res.status === 403
        ? { ...res, status: 401, headers: { ...res.headers, 'www-authenticate': 'Basic realm="api"' } }
        : res,
  },
  {
    name: 'wrong-nextgen-error-code',
    description: 'a triplet conflict is reported as BASE_0007 instead of WORKORDERS_015',
    caughtBy: 'WOT-TRIPLET-UNIQUE',
    only: ['WorkOrderTypes_Patch.triplet-unique'],
    response: (res) => {
      if (!res.body.includes('WORKORDERS_015')) return res;
      return { ...res, body: res.body.replaceAll('WORKORDERS_015', 'BASE_0007') };
    },
  },
  {
    name: 'ignores-top',
    description: 'JobsView ignores $top',
    caughtBy: 'JOBSVIEW-PAGING',
    only: ['JobsView_List.top'],
    request: (req) =>
      isView(req)
        ? { ...req, path: req.path.replace(/([?&])(\$|%24)top=\d+&?/g, '$1').replace(/[?&]$/, '') }
        : req,
  },
  {
    name: 'error-code-with-wrong-status',
    description: 'NextGen answers BASE_0001 with 422',
    caughtBy: 'NEXTGEN-ERROR-STATUS',
    only: ['WorkOrderTypes_Patch.negative.maxLength.code'],
    response: (res) => (res.status === 400 && res.body.includes('BASE_0001') ? { ...res, status: 422 } : res),
  },
];

export const FAULT_KINDS: FaultKind[] = [...BASIC_FAULTS, ...NEAR_CONFORMANT_FAULTS];
