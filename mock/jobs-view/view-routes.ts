// GET /api/JobsView and /api/JobsView({id}) of the ServiceDesk API (document 002): the view rows
// of the logged-in contact's company only (rule JOBSVIEW-CONTACT-SCOPE), OData paged.
import { ApiError } from '../http/api-error.ts';
import { callerOf } from '../http/context.ts';
import { violation } from '../http/rules.ts';
import { jobNotFound } from '../jobs/job-routes.ts';
import { parseQuery } from '../odata/parse-query.ts';
import type { FieldTypes, ParsedQuery } from '../odata/types.ts';
import type { Exchange, Handler, Query, WithQuery } from '../pipeline/handler.ts';
import { jobsView, queryView, viewFieldTypes } from './view-rows.ts';

/** Server page size (vendor-apis.md); $top can only lower it (rule JOBSVIEW-PAGING). */
const PAGE_SIZE = 20;
let fields: FieldTypes | undefined;

function nextLink(origin: string, query: Query, skip: number, top: number | undefined): string {
  const params = new URLSearchParams();
  for (const k of ['$filter', '$orderby', '$select', '$count']) {
    const v = query[k];
    if (typeof v === 'string') params.set(k, v);
  }
  if (top !== undefined) params.set('$top', String(top));
  params.set('$skip', String(skip));
  return `${origin}/api/JobsView?${params.toString().replace(/%24/g, '$')}`;
}

// Clients repeat the same queries: parsing compiles $filter, and filtering and sorting the
// contact's rows costs more than writing the page. Both are kept until the data changes.
const MAX_CACHED = 500;
const parsedQueries = new Map<string, ReturnType<typeof parseQuery>>();

function parseCached(query: Query): ReturnType<typeof parseQuery> {
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

function readQuery({ query }: Exchange): ParsedQuery {
  const parsed = parseCached(query);
  if (!parsed.ok) {
    throw new ApiError(400, `The query specified in the URI is not valid. ${parsed.error.message}`, {
      violations: [violation('JOBSVIEW-ODATA-QUERY', parsed.error.message, parsed.error.parameter)],
    });
  }
  return parsed.value;
}

const list: Handler = ({ ctx, query, format, origin, parsed: read }) => {
  const { contact } = callerOf(ctx, 'contact');
  const parsed = { value: read as ParsedQuery };
  // One pass over the contact's rows through the view's sort-key index (issue 12).
  const page = queryView(ctx.state, contact.company_id, JSON.stringify(query), parsed.value, PAGE_SIZE);
  const select = parsed.value.select;
  const partial = select !== undefined;
  if (format.kind === 'xml') return { status: 200, body: page.items, partial };
  const body: Record<string, unknown> = {
    '@odata.context': `${origin}/api/$metadata#JobsView${select ? `(${select.join(',')})` : ''}`,
  };
  if (parsed.value.count) body['@odata.count'] = page.total;
  body.value = page.items;
  if (page.nextSkip !== undefined)
    body['@odata.nextLink'] = nextLink(origin, query, page.nextSkip, page.nextTop);
  return { status: 200, body, partial };
};

export const listJobsView: WithQuery = { query: readQuery, handle: list };

export const getJobsViewRow: Handler = ({ ctx, key }) => {
  const { contact } = callerOf(ctx, 'contact');
  const id = key as string;
  const row = jobsView(ctx.state).byId.get(id);
  const project = row ? ctx.state.jobs.projects.get(row.project_id) : undefined;
  // Another company's work order is answered exactly like a missing one (ASSUMPTIONS.md A10).
  if (!row || project?.company_id !== contact.company_id)
    throw jobNotFound(id, `No work order with the key ${id} is visible to this contact.`);
  return { status: 200, body: row };
};
