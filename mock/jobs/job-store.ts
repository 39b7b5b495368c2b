// Work orders: reading them with their embedded entities, and the documented rules of updating one
// (document 000). Pure state logic: no HTTP here; a write answers a Result (model/result.ts) whose
// violations name the rules broken.

import type { components } from '../../generated/jobs.ts';
import type { Job, JobPlanning, Project, User } from '../../generators/fixtures/data-set.ts';
import { NO_DATE, ZERO_GUID } from '../../generators/fixtures/data-set.ts';
import { computeProjectCounters } from '../../generators/fixtures/generate.ts';
import { EMPTY_COUNTERS } from '../../generators/fixtures/project-counters.ts';
import { ok, type Result, refused } from '../../model/result.ts';
import type { Violation } from '../http/api-error.ts';
import { violation } from '../http/rules.ts';
import { defaultsOf, isSet, newId, scalarFields, scalarsOf } from '../jobs-api/no-nulls.ts';
import type { MockState } from '../state/mock-state.ts';
import {
  type EntityKind,
  JOB_PRIORITY,
  JOB_TYPE,
  PROJECT,
  type Resolved,
  resolveEntity,
  SKILL,
  USER,
} from './embedded.ts';

export type JobWrite = components['schemas']['jobs_write'];
export type ApiJob = components['schemas']['jobs'];
type WriteContext = {
  now: string;
  user: User;
  putMode: 'replace' | 'merge';
  ifMatch?: string | undefined;
};

// Set by the server, whatever the client sends (document 000: read-only or "filled automatically").
// `id2` (the unique internal key) and `date_create` (set once, ASSUMPTIONS.md A20) are kept too: a
// body that set them broke the uniqueness of id2 and the date_create = dateutc_create invariant.
const SERVER_MANAGED: ReadonlySet<string> = new Set([
  'id',
  'modified_dateutc',
  'company_id',
  'company_code',
  'date_update',
  'id2',
  'date_create',
]);
// Kept from the stored job when a replacing PUT leaves them out.
const KEPT_ON_REPLACE = ['id2', 'date_create'] as const;

export function findJob(state: MockState, id: string): Job | undefined {
  return state.jobs.jobs.get(id.toLowerCase());
}

/** The job's version for If-Match / ETag (ASSUMPTIONS.md A9). */
export const etagOf = (job: Job): string => `"${job.modified_dateutc}"`;

// --- reading -------------------------------------------------------------------------------------

function publicUser(user: User | undefined, state: MockState) {
  if (!user) return undefined;
  const { password: _p, read_only: _r, ...rest } = user;
  return withSalesOrg(rest, state);
}

function withSalesOrg<T extends { sales_organization_id?: string }>(record: T, state: MockState): T {
  const so = isSet(record.sales_organization_id)
    ? state.jobs.salesOrganizations.get(record.sales_organization_id)
    : undefined;
  return so ? { ...record, sales_organization: so } : record;
}

// A project as embedded in a job, joined once per project record and the records it embeds: every
// answer about a job embeds its project (with equipment and status), and records are replaced,
// never changed, so the same objects join to the same value.
const joinedProjects = new WeakMap<Project, { parts: unknown[]; value: Record<string, unknown> }>();

function projectResource(state: MockState, p: Project) {
  const t = state.jobs;
  const family = t.equipmentFamilies.get(p.equipment_family_id);
  const model = t.equipmentModels.get(p.equipment_model_id);
  const brand = model && t.equipmentBrands.get(model.equipment_brand_id);
  const modelFamily = model && t.equipmentFamilies.get(model.equipment_family_id);
  const status = t.projectStatuses.get(p.project_status_id);
  const salesOrg = (r: { sales_organization_id?: string } | undefined) =>
    r && isSet(r.sales_organization_id) ? t.salesOrganizations.get(r.sales_organization_id) : undefined;
  const parts = [family, model, brand, modelFamily, status].flatMap((r) => [r, salesOrg(r)]);
  const joined = joinedProjects.get(p);
  if (joined?.parts.every((part, i) => part === parts[i])) return joined.value;
  const out: Record<string, unknown> = { ...p };
  if (family) out.equipment_family = withSalesOrg(family, state);
  if (model) {
    out.equipment_model = {
      ...withSalesOrg(model, state),
      ...(brand ? { equipment_brand: withSalesOrg(brand, state) } : {}),
      ...(modelFamily ? { equipment_family: withSalesOrg(modelFamily, state) } : {}),
    };
  }
  if (status) out.project_status = withSalesOrg(status, state);
  joinedProjects.set(p, { parts, value: out });
  return out;
}

let jobFields: readonly string[] | undefined;
const jobFieldNames = () => (jobFields ??= Object.keys(scalarFields('jobs_write')));

/** The job as GET /api/Jobs({id}) answers it: every documented field, embedded entities where set. */
export function jobResource(state: MockState, job: Job): ApiJob {
  const out: Record<string, unknown> = {};
  for (const name of jobFieldNames()) out[name] = (job as Record<string, unknown>)[name];
  const project = state.jobs.projects.get(job.project_id);
  if (project) out.project = projectResource(state, project);
  const type = state.jobs.jobTypes.get(job.job_type_id);
  if (type) out.job_type = type;
  const priority = state.jobs.jobPriorities.get(job.job_priority_id);
  if (priority) out.job_priority = withSalesOrg(priority, state);
  const suggested = publicUser(state.jobs.users.get(job.suggested_user_id), state);
  if (suggested) out.suggested_user = suggested;
  const skill = state.jobs.skills.get(job.skill_id);
  if (skill) out.skill = withSalesOrg(skill, state);
  return out as ApiJob;
}

// --- writing -------------------------------------------------------------------------------------

type Plan = { writes: ((state: MockState) => void)[]; violations: Violation[] };

function commitLater<T extends { id: string }>(
  plan: Plan,
  table: Map<string, T>,
  resolved: Resolved<T>,
): T | undefined {
  const write = resolved?.write;
  if (write) plan.writes.push((state) => state.putIn(table, write.id, write));
  return resolved?.record;
}

/**
 * Resolves the entity a job names as `<prefix>_id`, `<prefix>_<code field>` or inline `<prefix>`
 * (e.g. job_type_id, job_type_code, job_type), collecting violations and the writes to commit.
 */
function resolveNamed<T extends { id: string }>(
  plan: Plan,
  table: Map<string, T>,
  kind: EntityKind,
  body: JobWrite,
  prefix: string,
  now: string,
): T | undefined {
  const b = body as Record<string, unknown>;
  const fields = { id: `${prefix}_id`, code: `${prefix}_${kind.codeField}`, inline: prefix };
  const rows = table as unknown as Map<string, T & Record<string, unknown>>;
  const resolved = resolveEntity(
    rows,
    kind,
    { id: b[fields.id], code: b[fields.code], inline: b[fields.inline] },
    fields,
    now,
  );
  if (!resolved.ok) {
    plan.violations.push(...resolved.violations);
    return undefined;
  }
  return commitLater(plan, rows, resolved.value);
}

function foreignKey(
  plan: Plan,
  table: Map<string, unknown>,
  value: unknown,
  field: string,
  label: string,
): void {
  if (isSet(value) && !table.has(String(value)))
    plan.violations.push(
      violation('JOB-FOREIGN-KEYS', `${field} names no ${label} (${String(value)}).`, `/${field}`),
    );
}

/** The project and its parents (locations), nearest first; stops on a cycle. */
function projectChain(state: MockState, project: Project): Project[] {
  const chain: Project[] = [];
  const seen = new Set<string>();
  for (
    let p: Project | undefined = project;
    p && !seen.has(p.id);
    p = state.jobs.projects.get(p._parent_id)
  ) {
    seen.add(p.id);
    chain.push(p);
  }
  return chain;
}

function resolveParent(state: MockState, plan: Plan, body: JobWrite, jobId: string): Job | undefined {
  const inline = body._parent_job as Record<string, unknown> | undefined;
  let parent: Job | undefined;
  let field = '_parent_id';
  if (isSet(body._parent_id)) parent = findJob(state, body._parent_id);
  else if (body._parent_jobs_reference_back_office) {
    field = '_parent_jobs_reference_back_office';
    const ref = body._parent_jobs_reference_back_office.toLowerCase();
    parent = [...state.jobs.jobs.values()].find((j) => j.reference_back_office.toLowerCase() === ref);
  } else if (inline) {
    field = '_parent_job';
    const ref =
      typeof inline.reference_back_office === 'string' ? inline.reference_back_office.toLowerCase() : '';
    parent =
      (isSet(inline.id) ? findJob(state, inline.id) : undefined) ??
      (ref
        ? [...state.jobs.jobs.values()].find((j) => j.reference_back_office.toLowerCase() === ref)
        : undefined);
  } else return undefined;
  if (!parent) {
    // The mock finds parents but does not create them from an inline job (ASSUMPTIONS.md A11).
    plan.violations.push(
      violation(
        field === '_parent_id' ? 'JOB-FOREIGN-KEYS' : 'JOB-EMBEDDED-RESOLVE',
        `${field} names no work order.`,
        `/${field}`,
      ),
    );
    return undefined;
  }
  for (
    let p: Job | undefined = parent, hops = 0;
    p && hops < 1000;
    p = isSet(p._parent_id) ? findJob(state, p._parent_id) : undefined, hops++
  ) {
    if (p.id === jobId) {
      plan.violations.push(
        violation('JOB-FOREIGN-KEYS', 'A work order cannot be its own parent or ancestor.', `/${field}`),
      );
      return undefined;
    }
  }
  return parent;
}

/**
 * PUT /api/Jobs({id}): every rule of document 000. All checks run before anything is written, so
 * a rejected request changes nothing. Returns the stored job.
 */
/** `now`, or 1 ms past `previous` when `now` is not later than it. */
function after(previous: string, now: string): string {
  const p = Date.parse(previous);
  return Number.isFinite(p) && Date.parse(now) <= p ? new Date(p + 1).toISOString() : now;
}

/**
 * PUT: the stored work order after the write, or the rules the request broke (their statuses are
 * in x-rules: JOB-NOT-FOUND 404, JOB-ID-MATCH 400, JOB-CONCURRENCY 409, JOB-FOREIGN-KEYS 422,
 * JOB-MOBILE-ADDRESS 400). Nothing is written when a rule is broken.
 */
export function updateJob(state: MockState, id: string, body: JobWrite, ctx: WriteContext): Result<Job> {
  const stored = findJob(state, id);
  if (!stored)
    return refused(
      [{ rule: 'JOB-NOT-FOUND', field: 'id', message: 'Unknown key.' }],
      `No work order has the key ${id}.`,
    );
  if (isSet(body.id) && body.id.toLowerCase() !== stored.id) {
    return refused(
      [
        {
          rule: 'JOB-ID-MATCH',
          field: '/id',
          message: `Body id ${body.id} differs from the key ${stored.id}.`,
        },
      ],
      'The id in the body is not the key in the URL.',
    );
  }
  if (ctx.ifMatch !== undefined && ctx.ifMatch !== '*' && ctx.ifMatch !== etagOf(stored)) {
    return refused(
      [
        {
          rule: 'JOB-CONCURRENCY',
          field: 'If-Match',
          message: `If-Match ${ctx.ifMatch} is not the current version ${etagOf(stored)}.`,
        },
      ],
      'The work order changed since it was read; read it again and retry.',
    );
  }
  const plan: Plan = { writes: [], violations: [] };
  const t = state.jobs;
  const now = ctx.now;
  const project = resolveNamed(plan, t.projects, PROJECT, body, 'project', now);
  const type = resolveNamed(plan, t.jobTypes, JOB_TYPE, body, 'job_type', now);
  const priority = resolveNamed(plan, t.jobPriorities, JOB_PRIORITY, body, 'job_priority', now);
  const suggested = resolveNamed(plan, t.users, USER, body, 'suggested_user', now);
  const skill = resolveNamed(plan, t.skills, SKILL, body, 'skill', now);
  let status = isSet(body.job_status_id) ? t.jobStatuses.get(body.job_status_id.toLowerCase()) : undefined;
  if (isSet(body.job_status_id) && !status)
    plan.violations.push(violation('JOB-FOREIGN-KEYS', 'job_status_id names no status.', '/job_status_id'));
  if (body.job_status_code) {
    const byCode = [...t.jobStatuses.values()].find((s) => s.code === body.job_status_code);
    if (status && byCode && status.id !== byCode.id)
      plan.violations.push(
        violation(
          'JOB-FOREIGN-KEYS',
          'job_status_id and job_status_code name different statuses.',
          '/job_status_code',
        ),
      );
    status ??= byCode;
  }
  const parent = resolveParent(state, plan, body, stored.id);
  foreignKey(plan, t.contacts, body.contact_id, 'contact_id', 'contact');
  foreignKey(plan, t.companies, body.requested_by_company_id, 'requested_by_company_id', 'company');
  foreignKey(plan, t.contacts, body.requested_by_contact_id, 'requested_by_contact_id', 'contact');
  foreignKey(plan, t.users, body.approval_responsible_user_id, 'approval_responsible_user_id', 'user');
  foreignKey(plan, t.addresses, body.db_address_id, 'db_address_id', 'address');
  foreignKey(plan, t.countries, body.db_address_db_country_id, 'db_address_db_country_id', 'country');
  let country = isSet(body.db_address_db_country_id)
    ? t.countries.get(body.db_address_db_country_id.toLowerCase())
    : undefined;
  if (!country && body.db_address_db_country_code) {
    const code = body.db_address_db_country_code.toLowerCase();
    country = [...t.countries.values()].find((c) => c.code.toLowerCase() === code);
    if (!country)
      plan.violations.push(
        violation(
          'JOB-FOREIGN-KEYS',
          `db_address_db_country_code '${body.db_address_db_country_code}' names no country.`,
          '/db_address_db_country_code',
        ),
      );
  }
  if (project && isSet(body.db_address_id) && t.addresses.has(body.db_address_id.toLowerCase())) {
    const allowed = projectChain(state, project).map((p) => p.db_address_id);
    if (!allowed.includes(body.db_address_id.toLowerCase())) {
      plan.violations.push(
        violation(
          'JOB-ADDRESS-OF-PROJECT',
          'db_address_id must be the address of the project or of its location.',
          '/db_address_id',
        ),
      );
    }
  }
  if (plan.violations.length > 0)
    return refused(
      plan.violations.map((v) => ({
        rule: v.rule ?? 'JOB-FOREIGN-KEYS',
        ...(v.field === undefined ? {} : { field: v.field }),
        message: v.message,
      })),
      'The request refers to records that do not exist or breaks a rule.',
    );

  // Replace (the vendor's PUT) or merge (ASSUMPTIONS.md A21).
  // One copy written in place: its keys are the stored job's (and the schema's defaults), so it
  // keeps one shape; no field is deleted (that would turn it into a slow dictionary object).
  const base: Record<string, unknown> =
    ctx.putMode === 'merge' ? { ...stored } : { ...stored, ...defaultsOf('jobs_write') };
  if (ctx.putMode === 'replace') for (const k of KEPT_ON_REPLACE) base[k] = stored[k];
  const given = scalarsOf('jobs_write', body as Record<string, unknown>);
  for (const k in given) if (!SERVER_MANAGED.has(k)) base[k] = given[k];
  const job = base as Job;
  job.id = stored.id;
  if (project) {
    job.project_id = project.id;
    job.project_reference_back_office = project.reference_back_office;
    // Rule JOB-COMPANY-FROM-PROJECT.
    const company = t.companies.get(project.company_id);
    job.company_id = company?.id ?? ZERO_GUID;
    job.company_code = company?.code ?? '';
  }
  if (type) [job.job_type_id, job.job_type_code] = [type.id, type.code];
  if (priority) [job.job_priority_id, job.job_priority_code] = [priority.id, priority.code];
  if (status) [job.job_status_id, job.job_status_code] = [status.id, status.code];
  if (suggested) [job.suggested_user_id, job.suggested_user_code] = [suggested.id, suggested.code];
  if (skill) [job.skill_id, job.skill_code] = [skill.id, skill.code];
  if (parent)
    [job._parent_id, job._parent_jobs_reference_back_office] = [parent.id, parent.reference_back_office];
  if (country) [job.db_address_db_country_id, job.db_address_db_country_code] = [country.id, country.code];

  // Rule JOB-MOBILE-ADDRESS (ASSUMPTIONS.md A16), on the job as it would be stored.
  if (project?.is_mobile_installation && !isSet(job.db_address_id)) {
    const missing = (['db_address_street', 'db_address_city', 'db_address_zip'] as const).filter(
      (f) => !job[f],
    );
    if (missing.length > 0) {
      return refused(
        missing.map((f) => ({
          rule: 'JOB-MOBILE-ADDRESS',
          field: `/${f}`,
          message: `The field ${f} is required for a mobile installation without db_address_id.`,
        })),
        'The project is a mobile installation: the address of the work is required.',
      );
    }
  }

  // Rules JOB-MODIFIED-DATEUTC and A20. The date is also the ETag (A9), so it must move on every
  // write: two writes in one millisecond, or a delayed request whose clock reading is older than
  // the stored date, would otherwise keep an ETag that a stale If-Match still matches.
  const version = after(stored.modified_dateutc, now);
  job.modified_dateutc = version;
  job.date_update = version;
  job.updated_by_user_id = ctx.user.id;
  if (status?.code === 'Canceled' && stored.job_status_code !== 'Canceled') {
    job.dateutc_closed = now;
    if (job.date_closed === NO_DATE) job.date_closed = now;
  }
  if (status?.code === 'Activated' && job.dateutc_in_progress === NO_DATE) job.dateutc_in_progress = now;

  for (const write of plan.writes) write(state);
  state.setJob(job);
  const planned = addSuggestedPlanning(state, job);
  // The counters read a job's project, status, date_create and plannings: when none of these
  // moved and no other record was written (an embedded project may be), the projects' counters
  // are what they were (and are not written again).
  const countersMove =
    planned ||
    plan.writes.length > 0 ||
    stored.project_id !== job.project_id ||
    stored.job_status_id !== job.job_status_id ||
    stored.date_create !== job.date_create;
  if (countersMove) refreshProjectCounters(state, new Set([stored.project_id, job.project_id]));
  // Narrow when only this job's own view row can change: no other record written, same parent
  // (has_child, root_parent_id of others) and same project (the company the row is listed under).
  const narrow =
    plan.writes.length === 0 && stored._parent_id === job._parent_id && stored.project_id === job.project_id;
  state.touch(narrow ? { jobs: [job.id] } : undefined);
  return ok(job);
}

/** The projects' job counters (nb_open_jobs, ...) follow their jobs, as the generator made them. */
function refreshProjectCounters(state: MockState, projectIds: Set<string>): void {
  const t = state.jobs;
  const jobs = [...projectIds].flatMap((id) => state.jobsOfProject(id));
  const plannings = jobs.flatMap((j) => state.planningsOfJob(j.id));
  const counters = computeProjectCounters(jobs, plannings, [...t.jobStatuses.values()]);
  for (const id of projectIds) {
    const project = t.projects.get(id);
    if (project) state.put('jobs.projects', id, { ...project, ...(counters.get(id) ?? EMPTY_COUNTERS) });
  }
}

/** Rule JOB-SUGGESTED-PLANNING (document 000; what the planning holds: ASSUMPTIONS.md A14). */
function addSuggestedPlanning(state: MockState, job: Job): boolean {
  if (
    job.job_status_code !== 'Suggested' ||
    !isSet(job.suggested_user_id) ||
    job.suggested_date_start === NO_DATE
  )
    return false;
  for (const p of state.planningsOfJob(job.id)) {
    if (p.user_id === job.suggested_user_id && p.date_start === job.suggested_date_start) return false;
  }
  const planning: JobPlanning = {
    id: newId(),
    jobs_id: job.id,
    user_id: job.suggested_user_id,
    date_start: job.suggested_date_start,
    duration_minutes: job.estimated_time > 0 ? job.estimated_time : 60,
  };
  state.addPlanning(planning);
  return true;
}
