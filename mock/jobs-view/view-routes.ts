// GET /api/JobsView and /api/JobsView({id}) of the ServiceDesk API (document 002): the view rows
// of the logged-in contact's company only (rule JOBSVIEW-CONTACT-SCOPE), OData paged.
import type { Request, Response } from 'express';
import { ApiError } from '../http/api-error.ts';
import { JOBS_MEDIA, negotiate } from '../http/content.ts';
import { callerOf, contextOf } from '../http/context.ts';
import { respond } from '../http/respond.ts';
import { violation } from '../http/rules.ts';
import { forcedResponse } from '../http/scenario.ts';
import { notAcceptable } from '../jobs/job-routes.ts';
import { parseKey } from '../jobs-api/keys.ts';
import { applyQuery } from '../odata/apply-query.ts';
import { parseQuery } from '../odata/parse-query.ts';
import { sortRecords } from '../odata/sort-records.ts';
import type { FieldTypes, ParsedQuery } from '../odata/types.ts';
import type { MockState } from '../state/mock-state.ts';
import { jobsView, type ViewRow, viewFieldTypes } from './view-rows.ts';

/** Server page size (vendor-apis.md); $top can only lower it (rule JOBSVIEW-PAGING). */
export const PAGE_SIZE = 20;
let fields: FieldTypes | undefined;

const origin = (req: Request) => `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;

function nextLink(req: Request, skip: number, top: number | undefined): string {
  const params = new URLSearchParams();
  for (const k of ['$filter', '$orderby', '$select', '$count']) {
    const v = req.query[k];
    if (typeof v === 'string') params.set(k, v);
  }
  if (top !== undefined) params.set('$top', String(top));
  params.set('$skip', String(skip));
  return `${origin(req)}/api/JobsView?${params.toString().replace(/%24/g, '$')}`;
}

// Clients repeat the same queries: parsing compiles $filter, and filtering and sorting the
// contact's rows costs more than writing the page. Both are kept until the data changes.
const MAX_CACHED = 500;
const parsedQueries = new Map<string, ReturnType<typeof parseQuery>>();

function parseCached(query: Record<string, string | string[] | undefined>): ReturnType<typeof parseQuery> {
  const key = JSON.stringify(query);
  let parsed = parsedQueries.get(key);
  if (!parsed) {
    fields ??= viewFieldTypes();
    parsed = parseQuery(query, fields);
    if (parsedQueries.size >= MAX_CACHED) parsedQueries.clear();
    parsedQueries.set(key, parsed);
  }
  return parsed;
}

/** The contact's rows that pass $filter, in $orderby order; cached per state version. */
function matchingRows(
  state: MockState,
  companyId: string,
  query: Request['query'],
  parsed: ParsedQuery,
): ViewRow[] {
  const cache = state.derived('jobs-view-queries', () => new Map<string, ViewRow[]>());
  const key = JSON.stringify([companyId, query.$filter, query.$orderby]);
  let rows = cache.get(key);
  if (!rows) {
    const all = jobsView(state).byCompany.get(companyId) ?? [];
    const matched = parsed.filter ? all.filter(parsed.filter) : all;
    rows = parsed.orderBy.length > 0 ? sortRecords(matched, parsed.orderBy) : matched;
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, rows);
  }
  return rows;
}

export function listJobsView(req: Request, res: Response): void {
  const ctx = contextOf(res);
  const { contact } = callerOf(ctx, 'contact');
  const format = negotiate(req.headers.accept, JOBS_MEDIA);
  if (!format) throw notAcceptable();
  const parsed = parseCached(req.query as Record<string, string | string[] | undefined>);
  if (!parsed.ok) {
    throw new ApiError(400, `The query specified in the URI is not valid. ${parsed.error.message}`, {
      violations: [violation('JOBSVIEW-ODATA-QUERY', parsed.error.message, parsed.error.parameter)],
    });
  }
  const forced = forcedResponse('jobs', 'JobsView_List', ctx.prefs, format.mediaType);
  if (forced) {
    respond(res, 'jobs', 'JobsView_List', forced.status, format, forced.body);
    return;
  }
  // Filtered and sorted already: applyQuery only pages and selects.
  const { filter: _filtered, ...paging } = parsed.value;
  const rows = matchingRows(ctx.state, contact.company_id, req.query, parsed.value);
  const page = applyQuery(rows, { ...paging, orderBy: [] }, PAGE_SIZE);
  const partial = parsed.value.select !== undefined;
  if (format.kind === 'xml') {
    respond(res, 'jobs', 'JobsView_List', 200, format, page.items, { partial });
    return;
  }
  const select = parsed.value.select;
  const body: Record<string, unknown> = {
    '@odata.context': `${origin(req)}/api/$metadata#JobsView${select ? `(${select.join(',')})` : ''}`,
  };
  if (parsed.value.count) body['@odata.count'] = page.total;
  body.value = page.items;
  if (page.nextSkip !== undefined) body['@odata.nextLink'] = nextLink(req, page.nextSkip, page.nextTop);
  respond(res, 'jobs', 'JobsView_List', 200, format, body, { partial });
}

export function getJobsViewRow(req: Request, res: Response): void {
  const ctx = contextOf(res);
  const { contact } = callerOf(ctx, 'contact');
  const format = negotiate(req.headers.accept, JOBS_MEDIA);
  if (!format) throw notAcceptable();
  const id = parseKey(req.params[0]);
  const forced = forcedResponse('jobs', 'JobsView_Get', ctx.prefs, format.mediaType);
  if (forced) {
    respond(res, 'jobs', 'JobsView_Get', forced.status, format, forced.body);
    return;
  }
  const row = jobsView(ctx.state).byId.get(id);
  const project = row ? ctx.state.jobs.projects.get(row.project_id) : undefined;
  // Another company's work order is answered exactly like a missing one (ASSUMPTIONS.md A10).
  if (!row || project?.company_id !== contact.company_id) {
    throw new ApiError(404, `No work order with the key ${id} is visible to this contact.`, {
      violations: [violation('JOB-NOT-FOUND', 'Unknown key.', 'id')],
    });
  }
  respond(res, 'jobs', 'JobsView_Get', 200, format, row);
}
