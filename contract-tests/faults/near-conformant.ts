// Near-conformant implementations: each differs from the specs, the documents (../shared/seeds) or
// spec/ASSUMPTIONS.md in one small, realistic way that a shape check cannot see. Each names the rule
// of the check that must catch it and the cases that exercise it.
import {
  editJson,
  editRequestJson,
  isJobGet,
  isJobPut,
  isSave,
  isTypes,
  isView,
  type Json,
  nextgenError,
  parse,
  queryFault,
  route,
} from './edit.ts';
import type { FaultKind } from './fault-kinds.ts';
import type { ProxyRequest, ProxyResponse } from './proxy.ts';

const isViewList = (req: ProxyRequest) => isView(req) && route(req) === '/api/JobsView';
const isTypeList = (req: ProxyRequest) =>
  req.method === 'GET' && /\/work-orders\/r1\/types$/.test(route(req));
const jobKey = (req: ProxyRequest) => /Jobs\(([^)]*)\)/.exec(route(req))?.[1] ?? '';

/** Answers with the first value of `header` seen per work order, as a server with a stale cache would. */
function frozenPerJob(
  pick: (res: ProxyResponse) => string | undefined,
  apply: (res: ProxyResponse, first: string) => ProxyResponse,
) {
  const first = new Map<string, string>();
  return (res: ProxyResponse, req: ProxyRequest) => {
    if (!(isJobGet(req) || isJobPut(req)) || res.status !== 200) return res;
    const value = pick(res);
    if (value === undefined) return res;
    const key = jobKey(req);
    const kept = first.get(key);
    if (kept === undefined) {
      first.set(key, value);
      return res;
    }
    return apply(res, kept);
  };
}

/** Remembers what the client last sent in `field` per work order and answers it: a server that stores a field that is its own. */
function echoClientField(field: string) {
  const sent = new Map<string, unknown>();
  return {
    response: (res: ProxyResponse, req: ProxyRequest) => {
      if (!(isJobGet(req) || isJobPut(req)) || res.status !== 200) return res;
      const value = isJobPut(req) ? parse(req.body)?.[field] : undefined;
      if (value !== undefined) sent.set(jobKey(req), value);
      if (!sent.has(jobKey(req))) return res;
      return editJson(res, (job) => {
        if (field in job) job[field] = sent.get(jobKey(req));
      });
    },
  };
}

/** Counts the Suggested PUTs per work order, user and start, and shows one planning per PUT in the view. */
function plannedEveryWrite() {
  const repeats = new Map<string, number>();
  const key = (job: string, b: Json) =>
    `${job} ${String(b.suggested_user_id)} ${String(b.suggested_date_start)}`;
  return {
    response: (res: ProxyResponse, req: ProxyRequest) => {
      if (isJobPut(req) && res.status === 200) {
        const b = parse(req.body);
        if (b?.job_status_code === 'Suggested') {
          const k = key(jobKey(req), b);
          repeats.set(k, (repeats.get(k) ?? -1) + 1);
        }
        return res;
      }
      if (!isView(req) || res.status !== 200) return res;
      return editJson(
        res,
        (row) => {
          let extra = 0;
          for (const [k, n] of repeats) if (k.startsWith(`${String(row.id)} `)) extra += n;
          if (typeof row.job_planning_count === 'number') row.job_planning_count += extra;
        },
        true,
      );
    },
  };
}

export const NEAR_CONFORMANT_FAULTS: FaultKind[] = [
  // --- JobsView queries (OData v4; JOBSVIEW-ODATA-QUERY, JOBSVIEW-PAGING, A13) ---
  {
    name: 'orderby-desc-ignored-on-later-keys',
    description: '$orderby honours desc on the first key only: "a desc, b desc" sorts b ascending',
    caughtBy: 'JOBSVIEW-ODATA-QUERY',
    only: ['JobsView_List.oracle.orderby-multi'],
    ...queryFault(isViewList, '$orderby', (v) =>
      v
        .split(',')
        .map((key, i) => (i === 0 ? key : key.replace(/\s+desc\s*$/i, '')))
        .join(','),
    ),
  },
  {
    name: 'skip-off-by-one',
    description: '$skip=n skips n+1 rows',
    caughtBy: 'JOBSVIEW-PAGING',
    only: ['JobsView_List.oracle.top-skip'],
    ...queryFault(isViewList, '$skip', (v) => (Number(v) > 0 ? String(Number(v) + 1) : v)),
  },
  {
    name: 'count-counts-the-page',
    description: '@odata.count is the number of rows on the page, not of all matching rows',
    caughtBy: 'JOBSVIEW-PAGING',
    only: ['JobsView_List.oracle.count'],
    response: (res, req) =>
      isViewList(req)
        ? editJson(res, (page) => {
            if ('@odata.count' in page && Array.isArray(page.value)) page['@odata.count'] = page.value.length;
          })
        : res,
  },
  {
    name: 'nextlink-drops-filter',
    description: '@odata.nextLink leaves out $filter, so page 2 continues over every row',
    caughtBy: 'JOBSVIEW-PAGING',
    only: ['JobsView_List.oracle.nextlink'],
    response: (res, req) =>
      isViewList(req)
        ? editJson(res, (page) => {
            const link = page['@odata.nextLink'];
            if (typeof link === 'string')
              page['@odata.nextLink'] = link
                .replace(/([?&])(\$|%24)filter=[^&]*&?/, '$1')
                .replace(/[?&]$/, '');
          })
        : res,
  },
  {
    name: 'contains-case-sensitive',
    description: 'contains() compares case-sensitively (A13 says case-insensitive)',
    caughtBy: 'JOBSVIEW-ODATA-QUERY',
    only: ['JobsView_List.oracle.contains', 'JobsView_List.oracle.case'],
    response: (res, req) => {
      if (!isViewList(req)) return res;
      const filter = new URLSearchParams(req.path.split('?')[1] ?? '').get('$filter') ?? '';
      const m = /^contains\((\w+),\s*'((?:[^']|'')*)'\)$/.exec(filter.trim());
      if (!m?.[1]) return res;
      const [field, literal] = [m[1], (m[2] ?? '').replace(/''/g, "'")];
      return editJson(res, (page) => {
        if (Array.isArray(page.value))
          page.value = (page.value as Json[]).filter((row) => String(row[field] ?? '').includes(literal));
      });
    },
  },
  {
    name: 'ge-as-gt',
    description: 'ge is evaluated as gt: rows equal to the bound are left out',
    caughtBy: 'JOBSVIEW-ODATA-QUERY',
    only: ['JobsView_List.oracle.ge'],
    ...queryFault(isViewList, '$filter', (v) => v.replace(/ ge /g, ' gt ')),
  },
  {
    name: 'select-ignored',
    description: '$select is ignored: every field comes back',
    caughtBy: 'JOBSVIEW-ODATA-QUERY',
    only: ['JobsView_List.oracle.select'],
    ...queryFault(isViewList, '$select', () => undefined),
  },
  {
    name: 'top-zero-ignored',
    description: '$top=0 answers a full page instead of none',
    caughtBy: 'JOBSVIEW-PAGING',
    only: ['JobsView_List.top-zero'],
    ...queryFault(isViewList, '$top', (v) => (v === '0' ? undefined : v)),
  },
  {
    name: 'page-loses-last-row',
    description: 'a full page holds 19 rows while nextLink skips 20: one row per page is never listed',
    caughtBy: 'JOBSVIEW-PAGING',
    only: ['JobsView_List.oracle.walk'],
    response: (res, req) =>
      isViewList(req)
        ? editJson(res, (page) => {
            if (typeof page['@odata.nextLink'] === 'string' && Array.isArray(page.value))
              page.value = page.value.slice(0, -1);
          })
        : res,
  },
  // --- NextGen list conventions (vendor-apis List conventions; N12) ---
  {
    name: 'nextgen-page-size-ignored',
    description: '_page[size] is ignored: every page has the default size',
    caughtBy: 'NEXTGEN-LIST-QUERY',
    only: ['WorkOrderTypes_List.oracle.page'],
    ...queryFault(isTypeList, '_page[size]', (v) => (v === '0' ? v : undefined)),
  },
  {
    name: 'nextgen-fields-ignored',
    description: '_fields is ignored: every field comes back',
    caughtBy: 'NEXTGEN-LIST-QUERY',
    only: ['WorkOrderTypes_List.oracle.fields'],
    ...queryFault(isTypeList, '_fields', () => undefined),
  },
  {
    name: 'nextgen-order-descending-ignored',
    description: '_order=-field sorts ascending',
    caughtBy: 'NEXTGEN-LIST-QUERY',
    only: ['WorkOrderTypes_List.oracle.order'],
    ...queryFault(isTypeList, '_order', (v) => v.replace(/(^|,)-/g, '$1+')),
  },
  // --- Writes: boundaries, refusals that change things, server-owned fields ---
  {
    name: 'nextgen-code-21-accepted',
    description: 'a code of 21 characters is cut to 20 and accepted (WOT-MAX-LENGTH says 20)',
    caughtBy: 'WOT-MAX-LENGTH',
    only: ['WorkOrderTypes_Patch.boundary.maxLength.code'],
    request: (req) =>
      isTypes(req) && (req.method === 'PATCH' || req.method === 'POST')
        ? editRequestJson(req, (b) => {
            if (typeof b.code === 'string' && b.code.length === 21) b.code = b.code.slice(0, 20);
          })
        : req,
  },
  {
    name: 'refused-write-still-changes',
    description: 'a PUT refused for an over-long name (400) still stores the name cut to 255',
    caughtBy: 'JOB-MAX-LENGTH',
    only: ['Jobs_Put.boundary.maxLength.name'],
    response: async (res, req, upstream) => {
      if (!isJobPut(req) || res.status !== 400) return res;
      const body = parse(req.body);
      if (typeof body?.name !== 'string' || body.name.length <= 255) return res;
      await upstream({ ...req, body: JSON.stringify({ ...body, name: body.name.slice(0, 255) }) });
      return res;
    },
  },
  {
    name: 'etag-not-changing',
    description: 'the ETag of a work order stays the one first answered, whatever is written',
    caughtBy: 'JOB-CONCURRENCY',
    only: ['Jobs_Put.if-match-current', 'Jobs_Put.round-trip'],
    response: frozenPerJob(
      (res) => res.headers.etag,
      (res, first) => ({ ...res, headers: { ...res.headers, etag: first } }),
    ),
  },
  {
    name: 'if-match-ignored',
    description: 'If-Match is ignored: a stale ETag overwrites the newer version (A9 says 409)',
    caughtBy: 'JOB-CONCURRENCY',
    only: ['Jobs_Put.if-match-stale'],
    request: (req) => {
      if (!isJobPut(req)) return req;
      const { 'if-match': _dropped, ...headers } = req.headers;
      return { ...req, headers };
    },
  },
  {
    name: 'save-201-on-update',
    description: 'Save answers 201 also when it updated an existing part usage (A8 says 200)',
    caughtBy: 'JPU-UPSERT',
    only: ['JobPartUsage_Save.upsert'],
    response: (res, req) => (isSave(req) && res.status === 200 ? { ...res, status: 201 } : res),
  },
  {
    name: 'date-time-offset-lost',
    description: 'a date-time sent with an offset (+14:00) is stored as the same wall clock in UTC',
    caughtBy: 'HTTP-WRITE-PERSISTS',
    only: ['Jobs_Put.boundary.format.due_date'],
    request: (req) =>
      isJobPut(req)
        ? { ...req, body: req.body.replace(/(T\d\d:\d\d:\d\d(?:\.\d+)?)[+-]\d\d:\d\d"/g, '$1Z"') }
        : req,
  },
  {
    name: 'modified-dateutc-frozen',
    description: 'modified_dateutc keeps its first value: writes do not move it (JOB-MODIFIED-DATEUTC)',
    caughtBy: 'JOB-MODIFIED-DATEUTC',
    only: ['Jobs_Put.modified-dateutc'],
    response: frozenPerJob(
      (res) => {
        const v = parse(res.body)?.modified_dateutc;
        return typeof v === 'string' ? v : undefined;
      },
      (res, first) => editJson(res, (job) => Object.assign(job, { modified_dateutc: first })),
    ),
  },
  {
    name: 'status-code-case-insensitive',
    description: 'job_status_code is matched case-insensitively ("canceled" accepted as Canceled)',
    caughtBy: 'JOB-STATUS-CODE-VALUES',
    only: ['Jobs_Put.boundary.enum.job_status_code'],
    request: (req) =>
      isJobPut(req)
        ? editRequestJson(req, (b) => {
            const codes = ['Canceled', 'ToBePlanned', 'Waiting', 'Pooling', 'Suggested', 'Activated', 'Open'];
            const match = codes.find((c) => c.toLowerCase() === String(b.job_status_code).toLowerCase());
            if (match) b.job_status_code = match;
          })
        : req,
  },
  {
    name: 'int32-overflow-wraps',
    description: 'a whole number above 2147483647 wraps around instead of being refused',
    caughtBy: 'JOB-FIELD-TYPES',
    only: ['Jobs_Put.boundary.format.working_sequence'],
    request: (req) =>
      isJobPut(req)
        ? editRequestJson(req, (b) => {
            for (const [k, v] of Object.entries(b))
              if (typeof v === 'number' && Number.isInteger(v) && v > 2 ** 31 - 1) b[k] = v - 2 ** 32;
          })
        : req,
  },
  {
    name: 'prefer-minimal-ignored',
    description: 'Prefer: return=minimal is ignored: PUT answers the whole work order',
    caughtBy: 'HTTP-PREFER-MINIMAL',
    only: ['Jobs_Put.prefer-minimal'],
    request: (req) => {
      const { prefer: _dropped, ...headers } = req.headers;
      return { ...req, headers };
    },
  },
  {
    name: 'warranty-discount-missing',
    description: 'a part under warranty is saved without its discount (document 003 says discount = price)',
    caughtBy: 'JPU-WARRANTY-DISCOUNT',
    only: ['JobPartUsage_Save.warranty-discount'],
    response: (res, req) =>
      isSave(req)
        ? editJson(res, (p) => {
            if (p.is_under_warranty === true) p.discount = 0;
          })
        : res,
  },
  {
    name: 'own-code-conflicts',
    description:
      "a PATCH that repeats the type's own code answers 409 BASE_0007 (the check forgets to leave the type out)",
    caughtBy: 'WOT-CODE-UNIQUE',
    only: ['WorkOrderTypes_Patch.own-code'],
    request: async (req, upstream) => {
      if (!isTypes(req) || req.method !== 'PATCH') return req;
      const code = parse(req.body)?.code;
      if (typeof code !== 'string') return req;
      const current = parse((await upstream({ ...req, method: 'GET', body: '' })).body);
      return current?.code === code
        ? nextgenError(req, 409, 'BASE_0007', `The code ${code} is already used by another work order type.`)
        : req;
    },
  },
  // --- Access, challenges, envelopes, representations ---
  {
    name: '403-answered-404',
    description: 'a token without the view permission gets 404 NOT_FOUND on a type instead of 403',
    caughtBy: 'WOT-PERMISSION',
    only: ['WorkOrderTypes_Get.403'],
    response: (res, req) =>
      isTypes(req) && req.method === 'GET' && res.status === 403
        ? nextgenError(req, 404, 'NOT_FOUND', 'No work order type has that id.')
        : res,
  },
  {
    name: 'challenge-wrong-scheme',
    description: 'the jobs API challenges with Bearer although it takes Basic credentials',
    caughtBy: 'HTTP-AUTH-CHALLENGE',
    only: ['Jobs_Get.401.anonymous'],
    response: (res, req) =>
      res.status === 401 && route(req).startsWith('/api/')
        ? { ...res, headers: { ...res.headers, 'www-authenticate': 'Bearer realm="jobs"' } }
        : res,
  },
  {
    name: 'error-body-status-mismatch',
    description: 'NextGen error bodies always say "status": 400, whatever the HTTP status',
    caughtBy: 'NEXTGEN-ERROR-ENVELOPE',
    only: ['WorkOrderTypes_Get.404'],
    response: (res, req) =>
      isTypes(req) && res.status >= 400 ? editJson(res, (e) => Object.assign(e, { status: 400 })) : res,
  },
  {
    name: 'xml-children-unsorted',
    description: 'XML answers list the elements in declaration order instead of alphabetical order',
    caughtBy: 'XML-SHAPE',
    only: ['Jobs_Get.accept.application/xml'],
    response: (res, req) => {
      if (!isJobGet(req) || !(res.headers['content-type'] ?? '').includes('xml')) return res;
      // Swap the first two child elements: still well-formed, still every field.
      const m = /^(<jobs[^>]*>)(<(\w+)[^>]*?(?:\/>|>[^<]*<\/\3>))(<(\w+)[^>]*?(?:\/>|>[^<]*<\/\5>))/.exec(
        res.body,
      );
      if (!m) return res;
      return { ...res, body: `${m[1]}${m[4]}${m[2]}${res.body.slice(m[0].length)}` };
    },
  },
  {
    name: 'xml-namespace-missing',
    description: 'XML answers leave out xmlns:i on the root',
    caughtBy: 'XML-SHAPE',
    only: ['Jobs_Get.accept.application/xml'],
    response: (res, req) =>
      isJobGet(req) && (res.headers['content-type'] ?? '').includes('xml')
        ? { ...res, body: res.body.replace(/\s+xmlns:i="[^"]*"/, '') }
        : res,
  },
  {
    name: 'q-values-ignored',
    description: 'Accept q-values are ignored: the first type listed wins',
    caughtBy: 'HTTP-CONTENT-NEGOTIATION',
    only: ['Jobs_Get.q-values'],
    request: (req) => {
      const accept = req.headers.accept ?? '';
      if (!accept.includes('q=')) return req;
      return {
        ...req,
        headers: { ...req.headers, accept: accept.split(',')[0]?.split(';')[0]?.trim() ?? '' },
      };
    },
  },
  {
    name: 'text-json-relabelled',
    description: 'JSON asked as text/json comes labelled application/json (A19 keeps text/json)',
    caughtBy: 'HTTP-CONTENT-NEGOTIATION',
    only: ['Jobs_Get.accept'],
    response: (res) =>
      (res.headers['content-type'] ?? '').startsWith('text/json')
        ? { ...res, headers: { ...res.headers, 'content-type': 'application/json; charset=utf-8' } }
        : res,
  },
  {
    name: 'errors-always-json',
    description: 'error bodies come in JSON even when the client asked for XML',
    caughtBy: 'HTTP-CONTENT-NEGOTIATION',
    only: ['Jobs_Get.404'],
    response: async (res, req, upstream) =>
      res.status >= 400 && (res.headers['content-type'] ?? '').includes('xml')
        ? upstream({ ...req, headers: { ...req.headers, accept: 'application/json' } })
        : res,
  },
  {
    name: 'view-get-ignores-contact-scope',
    description: "JobsView({id}) answers another company's work order instead of 404 (A10)",
    caughtBy: 'JOBSVIEW-CONTACT-SCOPE',
    only: ['JobsView_Get.contact-scope'],
    response: async (res, req, upstream) => {
      if (!isView(req) || route(req) === '/api/JobsView' || res.status !== 404) return res;
      for (const other of ['contact1:demo@demo', 'contact2:demo@demo']) {
        const x = await upstream({
          ...req,
          headers: { ...req.headers, authorization: `Basic ${Buffer.from(other).toString('base64')}` },
        });
        if (x.status === 200) return x;
      }
      return res;
    },
  },
  {
    name: 'company-from-client',
    description: 'company_id is stored as the client sent it instead of taken from the project',
    caughtBy: 'JOB-COMPANY-FROM-PROJECT',
    only: ['Jobs_Put.company-from-project'],
    ...echoClientField('company_id'),
  },
  {
    name: 'date-create-from-client',
    description: 'date_create is overwritten by what the client sends (A21: the server keeps its own)',
    caughtBy: 'JOB-MODIFIED-DATEUTC',
    only: ['Jobs_Put.round-trip', 'Jobs_Put.boundary.format.date_create'],
    ...echoClientField('date_create'),
  },
  {
    name: 'body-id-overrides-key',
    description: 'a body id other than the URL key is ignored instead of refused (JOB-ID-MATCH says 400)',
    caughtBy: 'JOB-ID-MATCH',
    only: ['Jobs_Put.id-mismatch'],
    request: (req) =>
      isJobPut(req)
        ? editRequestJson(req, (b) => {
            if (typeof b.id === 'string') b.id = jobKey(req).replace(/^guid'|'$/g, '');
          })
        : req,
  },
  {
    name: 'job-reference-always-id2',
    description: 'job_reference is always id2, even when reference_back_office is set',
    caughtBy: 'JOBSVIEW-JOB-REFERENCE',
    only: ['JobsView_List.job-reference'],
    response: (res, req) =>
      isView(req)
        ? editJson(
            res,
            (row) => {
              if ('job_reference' in row && 'id2' in row) row.job_reference = String(row.id2);
            },
            true,
          )
        : res,
  },
  {
    name: 'part-usage-modified-dateutc-from-client',
    description: 'Save keeps the modified_dateutc the client sent (JPU-MODIFIED-DATEUTC: the server sets it)',
    caughtBy: 'JPU-MODIFIED-DATEUTC',
    only: ['JobPartUsage_Save.modified-dateutc'],
    response: (res, req) => {
      const sent = isSave(req) ? parse(req.body)?.modified_dateutc : undefined;
      return sent === undefined ? res : editJson(res, (p) => Object.assign(p, { modified_dateutc: sent }));
    },
  },
  {
    name: 'suggested-planning-every-write',
    description:
      'every Suggested PUT adds a planning, also when one exists for that user at that start (A14)',
    caughtBy: 'JOB-SUGGESTED-PLANNING',
    only: ['Jobs_Put.repeat-suggested'],
    ...plannedEveryWrite(),
  },
];
