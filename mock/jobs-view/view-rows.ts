// The jobs_view rows of document 002, computed from the stored records through the joins the
// document names (rule JOBSVIEW-DERIVED). Rebuilt after any write, so a change of a job, its
// project, its type or a planning shows in the view on the next read.
import type { components } from '../../generated/jobs.ts';
import type { Address, Job, JobPlanning } from '../../generators/fixtures/data-set.ts';
import { NO_DATE, ZERO_GUID } from '../../generators/fixtures/data-set.ts';
import { resolveRef } from '../../lib/spec-runtime.ts';
import { type QueryPage, queryOrdered, SortIndex } from '../odata/apply-query.ts';
import { Columns } from '../odata/columns.ts';
import type { FieldTypes, ParsedQuery } from '../odata/types.ts';
import type { MockState } from '../state/mock-state.ts';

type ViewRow = components['schemas']['jobs_view'];
type JobsView = { rows: ViewRow[]; byId: Map<string, ViewRow>; byCompany: Map<string, ViewRow[]> };

type PropertySchema = { type?: string | string[]; format?: string; maxLength?: number };
const viewProperties = () =>
  (resolveRef('jobs', '#/components/schemas/jobs_view') as { properties: Record<string, PropertySchema> })
    .properties;

/** Field types of the view for $filter/$orderby/$select (mock/odata). */
export function viewFieldTypes(): FieldTypes {
  const out: FieldTypes = {};
  for (const [name, p] of Object.entries(viewProperties())) {
    const type = Array.isArray(p.type) ? p.type[0] : p.type;
    out[name] =
      type === 'string'
        ? p.format === 'uuid'
          ? 'uuid'
          : p.format === 'date-time'
            ? 'date-time'
            : 'string'
        : (type as FieldTypes[string]);
  }
  return out;
}

// The view's text columns are narrower than the job's (name: 255 in the job, 50 in the view);
// like a SQL view over such columns, the row carries the first characters (ASSUMPTIONS.md A22).
let limits: [string, number][] | undefined;
function cut(row: Record<string, unknown>): void {
  limits ??= Object.entries(viewProperties()).flatMap(([k, p]) =>
    typeof p.maxLength === 'number' ? [[k, p.maxLength] as [string, number]] : [],
  );
  for (const [k, max] of limits) {
    const v = row[k];
    if (typeof v === 'string' && v.length > max) row[k] = v.slice(0, max);
  }
}

const fullName = (first: string | undefined, last: string | undefined) =>
  [first, last].filter(Boolean).join(' ');

type Plannings = Map<string, { count: number; first?: { date: string; userId: string }; minutes: number }>;

function buildRow(state: MockState, job: Job, children: Set<string>, plannings: Plannings): ViewRow {
  const t = state.jobs;
  const project = t.projects.get(job.project_id);
  const company = project ? t.companies.get(project.company_id) : undefined;
  const projectContact = project ? t.contacts.get(project.contact_id) : undefined;
  const model = project ? t.equipmentModels.get(project.equipment_model_id) : undefined;
  const family = project ? t.equipmentFamilies.get(project.equipment_family_id) : undefined;
  const brand = model ? t.equipmentBrands.get(model.equipment_brand_id) : undefined;
  const contact = t.contacts.get(job.contact_id) ?? projectContact;
  const createdBy = t.users.get(job.created_by_user_id);
  const updatedBy = t.users.get(job.updated_by_user_id);
  // The work address: the job's own address record, else the address typed on the job (mobile
  // equipment), else the project's.
  const own: Address | undefined = t.addresses.get(job.db_address_id);
  const typed = !own && job.db_address_street !== '';
  const address = own ?? (typed ? undefined : project ? t.addresses.get(project.db_address_id) : undefined);
  const countryId = address?.db_country_id ?? (typed ? job.db_address_db_country_id : ZERO_GUID);
  const country = t.countries.get(countryId);
  const planned = plannings.get(job.id);
  const firstUser = planned?.first ? t.users.get(planned.first.userId) : undefined;
  let root = job;
  for (let hops = 0, p = t.jobs.get(job._parent_id); p && hops < 1000; p = t.jobs.get(p._parent_id), hops++)
    root = p;
  const row: ViewRow = {
    id: job.id,
    id2: job.id2,
    reference_back_office: job.reference_back_office,
    _parent_id: job._parent_id,
    job_type_id: job.job_type_id,
    job_type_name: t.jobTypes.get(job.job_type_id)?.name ?? '',
    job_priority_id: job.job_priority_id,
    job_priority_name: t.jobPriorities.get(job.job_priority_id)?.name ?? '',
    job_status_id: job.job_status_id,
    job_status_name: t.jobStatuses.get(job.job_status_id)?.name ?? '',
    name: job.name,
    nb_notes: job.nb_notes,
    description: job.description,
    date_closed: job.date_closed,
    date_create: job.date_create,
    date_update: job.date_update,
    db_address_id: job.db_address_id,
    contact_id: job.contact_id,
    requested_by_contact_id: job.requested_by_contact_id,
    earliest_date_plannable: job.earliest_date_plannable,
    due_date: job.due_date,
    project_shutdown_consequence: project?.shutdown_consequence ?? '',
    suggested_date_start: job.suggested_date_start,
    source_db_table_id: job.source_db_table_id,
    source_db_table_name: job.source_db_table_name,
    source_id_in_table: job.source_id_in_table,
    created_by_user_firstname: createdBy?.firstname ?? '',
    created_by_user_lastname: createdBy?.lastname ?? '',
    updated_by_user_firstname: updatedBy?.firstname ?? '',
    updated_by_user_lastname: updatedBy?.lastname ?? '',
    project_id: job.project_id,
    project_id2: project?.id2 ?? 0,
    project_parent_id: project?._parent_id ?? ZERO_GUID,
    project_location: project?.location ?? '',
    project_reference_back_office: project?.reference_back_office ?? '',
    project_name: project?.name ?? '',
    project_serial_number: project?.serial_number ?? '',
    project_contact_firstname: projectContact?.firstname ?? '',
    project_contact_lastname: projectContact?.lastname ?? '',
    equipment_model_id: project?.equipment_model_id ?? ZERO_GUID,
    equipment_model_name: model?.name ?? '',
    equipment_family_id: project?.equipment_family_id ?? ZERO_GUID,
    equipment_family_name: family?.name ?? '',
    equipment_brand_id: brand?.id ?? ZERO_GUID,
    equipment_brand_name: brand?.name ?? '',
    company_code: company?.code ?? '',
    company_name: company?.name ?? '',
    db_address_street: address?.street ?? (typed ? job.db_address_street : ''),
    db_address_street_number: address?.street_number ?? (typed ? job.db_address_street_number : ''),
    db_address_zip: address?.zip ?? (typed ? job.db_address_zip : ''),
    db_address_city: address?.city ?? (typed ? job.db_address_city : ''),
    db_address_country_name: country?.name ?? '',
    db_address_country_code: country?.code ?? (typed ? job.db_address_db_country_code : ''),
    db_address_phone: address?.phone ?? (typed ? job.db_address_phone : ''),
    db_address_email: address?.email ?? (typed ? job.db_address_email : ''),
    first_planning_userfullname: fullName(firstUser?.firstname, firstUser?.lastname),
    root_parent_id: root === job ? ZERO_GUID : root.id,
    has_child: children.has(job.id),
    first_planning_date: planned?.first?.date ?? NO_DATE,
    date_reported_by_company: job.date_reported_by_company,
    customer_reference: job.customer_reference,
    contact_fullname: fullName(contact?.firstname, contact?.lastname),
    contact_phone: contact?.phone ?? '',
    contact_mobile: contact?.mobile ?? '',
    contact_email: contact?.email ?? '',
    modified_dateutc: job.modified_dateutc,
    dateutc_create: job.dateutc_create,
    dateutc_max_sla_resolution: job.dateutc_max_sla_resolution,
    dateutc_max_sla_hands_on_machine: job.dateutc_max_sla_hands_on_machine,
    dateutc_max_sla_contact: job.dateutc_max_sla_contact,
    dateutc_in_progress: job.dateutc_in_progress,
    // Rule JOBSVIEW-JOB-REFERENCE.
    job_reference: job.reference_back_office !== '' ? job.reference_back_office : String(job.id2),
    dateutc_closed: job.dateutc_closed,
    job_planning_count: planned?.count ?? 0,
    total_time_planned: planned?.minutes ?? 0,
  };
  cut(row as unknown as Record<string, unknown>);
  return row;
}

type ViewCache = JobsView & {
  builtAt: number;
  children: Set<string>;
  /** Position of each row in `rows`. */
  positions: Map<string, number>;
  /** Positions of each company's rows, in key order: the scope of a contact (ASSUMPTIONS.md A10). */
  scopes: Map<string, Int32Array>;
  /** Ranks of the rows by the columns queries sort on, built per column on first use. */
  index: SortIndex<ViewRow>;
  /** The rows' values by column, read by filters compiled over positions, built per column on first use. */
  columns: Columns<ViewRow>;
};

function planningsOf(plannings: Iterable<JobPlanning>): Plannings {
  const out: Plannings = new Map();
  for (const p of plannings) {
    const entry = out.get(p.jobs_id) ?? { count: 0, minutes: 0 };
    entry.count++;
    entry.minutes += p.duration_minutes;
    if (!entry.first || p.date_start < entry.first.date)
      entry.first = { date: p.date_start, userId: p.user_id };
    out.set(p.jobs_id, entry);
  }
  return out;
}

const companyOf = (state: MockState, job: Job) =>
  state.jobs.projects.get(job.project_id)?.company_id ?? ZERO_GUID;

function buildAll(state: MockState): ViewCache {
  const t = state.jobs;
  const children = new Set<string>();
  for (const j of t.jobs.values()) if (j._parent_id !== ZERO_GUID) children.add(j._parent_id);
  const plannings = planningsOf(t.jobPlannings.values());
  // Key order, so that a list without $orderby pages stably.
  const jobs = [...t.jobs.values()].sort((a, b) => a.id2 - b.id2);
  const rows = jobs.map((j) => buildRow(state, j, children, plannings));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const positions = new Map(rows.map((r, i) => [r.id, i]));
  const byCompany = new Map<string, ViewRow[]>();
  const at = new Map<string, number[]>();
  for (let i = 0; i < rows.length; i++) {
    // Scope by the project's company (ASSUMPTIONS.md A10), the join the view itself makes.
    const companyId = companyOf(state, jobs[i] as Job);
    const list = byCompany.get(companyId) ?? [];
    list.push(rows[i] as ViewRow);
    byCompany.set(companyId, list);
    const where = at.get(companyId) ?? [];
    where.push(i);
    at.set(companyId, where);
  }
  const scopes = new Map([...at].map(([company, list]) => [company, Int32Array.from(list)]));
  return {
    rows,
    byId,
    byCompany,
    builtAt: state.version,
    children,
    positions,
    scopes,
    index: new SortIndex(rows),
    columns: new Columns(rows),
  };
}

/** Rebuilds the rows of the jobs that narrow writes changed since the cache was built. */
function refresh(state: MockState, cache: ViewCache): void {
  for (const [id, version] of state.jobWrites) {
    if (version <= cache.builtAt) continue;
    const job = state.jobs.jobs.get(id);
    const old = cache.byId.get(id);
    if (!job || !old) continue;
    const row = buildRow(state, job, cache.children, planningsOf(state.planningsOfJob(id)));
    cache.byId.set(id, row);
    const at = cache.positions.get(id);
    if (at !== undefined) {
      cache.rows[at] = row;
      cache.index.changed(at);
      cache.columns.changed(at);
    }
    const list = cache.byCompany.get(companyOf(state, job));
    const inList = list?.indexOf(old) ?? -1;
    if (list && inList >= 0) list[inList] = row;
  }
  state.jobWrites.clear();
  cache.builtAt = state.version;
}

/**
 * The whole view of a session's state. Rebuilt after a broad write; after narrow writes (a job
 * changed only itself) only those jobs' rows are rebuilt, so a write costs one row, not 10k.
 */
export function jobsView(state: MockState): JobsView {
  let cache = state.caches.get('jobs-view')?.value as ViewCache | undefined;
  if (!cache || state.lastBroadChange > cache.builtAt) {
    cache = buildAll(state);
    state.jobWrites.clear();
    state.caches.set('jobs-view', { version: state.version, value: cache });
  } else if (cache.builtAt < state.version) refresh(state, cache);
  holdView(state);
  return cache;
}

/**
 * Sessions whose views are kept built, least recently used first. A view is a row per job, so a
 * session's view costs as much as the whole data set: only the last few sessions that read
 * JobsView keep theirs (issue 12, memory bounded by design); another rebuilds on its next read.
 */
export const MAX_BUILT_VIEWS = 4;
const built = new Map<MockState, true>();
function holdView(state: MockState): void {
  built.delete(state);
  built.set(state, true);
  for (const old of built.keys()) {
    if (built.size <= MAX_BUILT_VIEWS) break;
    built.delete(old);
    for (const key of ['jobs-view', 'jobs-view-pages', 'jobs-view-orders', 'jobs-view-asked'])
      old.caches.delete(key);
  }
}

/** Pages kept per state version: repeated queries are answered from here; few, so memory stays bounded. */
const MAX_CACHED_PAGES = 64;
/** Queries asked once per state version, remembered so that a page is kept when asked again. */
const MAX_ASKED = 256;
/** Company row orders kept per state version (one Int32Array of a company's rows each). */
const MAX_CACHED_ORDERS = 32;

/**
 * One page of a company's view rows for a query: filtered in one pass over the company's rows
 * (reading the view's columns, not its row objects), ordered through the view's sort-key index (mock/odata/apply-query.ts). `key` names the query
 * (e.g. its raw parameters); the last pages asked are kept until the state changes.
 */
export function queryView(
  state: MockState,
  companyId: string,
  key: string,
  parsed: ParsedQuery,
  pageSize: number,
): QueryPage<ViewRow> {
  const pages = state.derived('jobs-view-pages', () => new Map<string, QueryPage<ViewRow>>());
  const id = `${companyId}\u0000${key}`;
  const hit = pages.get(id);
  if (hit) {
    // Most recently used last, so that the oldest goes first.
    pages.delete(id);
    pages.set(id, hit);
    return hit;
  }
  const view = jobsView(state) as ViewCache;
  const scope = view.scopes.get(companyId) ?? new Int32Array(0);
  // The company's rows in the query's order, kept for the next query with the same $orderby; a
  // page then reads rows in that order and stops once it is full (no $count).
  const orders = state.derived('jobs-view-orders', () => new Map<string, Int32Array>());
  const orderKey = `${companyId}\u0000${parsed.orderBy.map((o) => `${o.field} ${o.desc}`).join(',')}`;
  let ordered = orders.get(orderKey);
  if (!ordered) {
    ordered = parsed.orderBy.length > 0 ? scope.slice().sort(view.index.comparator(parsed.orderBy)) : scope;
    if (orders.size >= MAX_CACHED_ORDERS) orders.delete(orders.keys().next().value as string);
    orders.set(orderKey, ordered);
  }
  const page = queryOrdered(view.rows, ordered, parsed, pageSize, parsed.filterOn?.(view.columns));
  // A page is kept the second time its query is asked: a fleet sending a different query per
  // request would otherwise move every page into the old generation, to be dropped soon after
  // by a collection of the whole heap (issue 12).
  const asked = state.derived('jobs-view-asked', () => new Set<string>());
  if (!asked.has(id)) {
    if (asked.size >= MAX_ASKED) asked.delete(asked.values().next().value as string);
    asked.add(id);
    return page;
  }
  if (pages.size >= MAX_CACHED_PAGES) pages.delete(pages.keys().next().value as string);
  pages.set(id, page);
  return page;
}
