// The invariants of a data set, as a table of named checks. Referential integrity (every key points
// to an existing record of the right table, or is ZERO_GUID where optional; every copied code agrees
// with the record it names) and the documented rules (company from project, warranty discount,
// unique codes and triplets...). Linear in the size of the data (one Map per table), so the mock
// can run it after every fuzzing round. Each problem starts with a stable check id in brackets,
// e.g. "[FK] jobs/<id>: ...".
//
// Two levels. The default checks what must hold in any state the API can reach: keys, copied codes,
// uniqueness, no nulls, rules that hold at all times. `strict` adds what the generator guarantees but
// a client may legitimately change through the API (a Canceled job re-saved without date_closed, a
// part usage saved with its own price, a parent job of another project, keys of tables the data set
// does not hold, write-time address rules whose project changed afterwards, ...).
import { JOB_STATUS_CODES, JOB_STATUS_IDS, SOURCE_TABLE_IDS } from './constants.ts';
import {
  type DataSet,
  type Job,
  type JobsData,
  type NextGenData,
  NO_DATE,
  type WorkOrderStatus,
  ZERO_GUID,
} from './data-set.ts';
import { computeProjectCounters, EMPTY_COUNTERS, type ProjectCounters } from './project-counters.ts';
import { INACTIVE_WORK_ORDER_STATUSES, SPECIFIC_TYPE_FIELD } from './work-orders.ts';

type ValidateOptions = {
  /** Also check what only the generator guarantees (see the head of this file). Default false. */
  strict?: boolean;
  /** Check the job counters of the projects (nb_open_jobs, ...; see project-counters.ts). Default true. */
  counters?: boolean;
};

/** Reports one problem: the check id in brackets, where, what. */
type Report = (check: string, where: string, message: string) => void;
type Row = { id: string };
type Coded = Row & { code: string };

/** What every check reads: the data, its tables indexed by key, and where problems go. */
type InvariantContext = {
  data: DataSet;
  strict: boolean;
  counters: boolean;
  /** Always reported. */
  problem: Report;
  /** Reported only with `strict`. */
  strictProblem: Report;
  jobs: ReturnType<typeof indexJobsData>;
  nextgen: ReturnType<typeof indexNextGen>;
};

type Invariant = {
  /** Stable name of the check. */
  id: string;
  /** The source document, rule id or assumption it holds. */
  cites: string;
  check(c: InvariantContext): void;
};

/** Every integrity problem of the data set; [] when there is none. */
export function validateDataSet(data: DataSet, options: ValidateOptions = {}): string[] {
  const list: string[] = [];
  const problem: Report = (check, where, message) => list.push(`[${check}] ${where}: ${message}`);
  const strict = options.strict ?? false;
  const c: InvariantContext = {
    data,
    strict,
    counters: options.counters ?? true,
    problem,
    strictProblem: strict ? problem : () => {},
    jobs: indexJobsData(data.jobs, problem),
    nextgen: indexNextGen(data.nextgen, problem),
  };
  for (const invariant of INVARIANTS) invariant.check(c);
  return list;
}

// ---- Helpers the checks share ----

/** A Map by id of a table, reporting duplicate and empty ids. */
function indexById<T extends Row>(table: string, rows: readonly T[], problem: Report): Map<string, T> {
  const map = new Map<string, T>();
  for (const r of rows) {
    if (typeof r.id !== 'string' || r.id === '' || r.id === ZERO_GUID)
      problem('ID', `${table}/${r.id}`, 'missing id');
    else if (map.has(r.id)) problem('ID-UNIQUE', `${table}/${r.id}`, 'duplicate id');
    else map.set(r.id, r);
  }
  return map;
}

function indexJobsData(d: JobsData, problem: Report) {
  const index = <T extends Row>(table: string, rows: readonly T[]) => indexById(table, rows, problem);
  const maps = {
    countries: index('countries', d.countries),
    salesOrgs: index('salesOrganizations', d.salesOrganizations),
    companies: index('companies', d.companies),
    contacts: index('contacts', d.contacts),
    addresses: index('addresses', d.addresses),
    users: index('users', d.users),
    skills: index('skills', d.skills),
    jobTypes: index('jobTypes', d.jobTypes),
    priorities: index('jobPriorities', d.jobPriorities),
    statuses: index('jobStatuses', d.jobStatuses),
    projectStatuses: index('projectStatuses', d.projectStatuses),
    brands: index('equipmentBrands', d.equipmentBrands),
    families: index('equipmentFamilies', d.equipmentFamilies),
    models: index('equipmentModels', d.equipmentModels),
    projects: index('projects', d.projects),
    jobs: index('jobs', d.jobs),
    articles: index('articles', d.articles),
  };
  index('jobPlannings', d.jobPlannings);
  index('jobPartUsages', d.jobPartUsages);
  return maps;
}

function indexNextGen(n: NextGenData, problem: Report) {
  const index = <T extends { id: number; code: string }>(table: string, rows: readonly T[]) => {
    const map = new Map<number, T>();
    for (const r of rows) {
      if (!Number.isInteger(r.id) || r.id < 1)
        problem('NG-ID', `${table}/${r.id}`, 'id is not an integer >= 1');
      if (map.has(r.id)) problem('NG-ID', `${table}/${r.id}`, 'duplicate id');
      map.set(r.id, r);
    }
    unique(
      table,
      rows.map((r) => ({ ...r, id: String(r.id) })),
      'code',
      problem,
      true,
    );
    return map;
  };
  return {
    requestTypes: index('requestTypes', n.requestTypes),
    serviceTypes: index('serviceTypes', n.serviceTypes),
    technicalObjectTypes: index('technicalObjectTypes', n.technicalObjectTypes),
    structures: index('structures', n.structures),
    mobileAccountingTypes: index('mobileAccountingTypes', n.mobileAccountingTypes),
    workOrderTypes: index('workOrderTypes', n.workOrderTypes),
    workOrders: index('workOrders', n.workOrders),
  };
}

/** Reports duplicates of a field among rows (empty values are allowed to repeat unless `required`). */
function unique<T extends Row>(
  table: string,
  rows: readonly T[],
  field: keyof T & string,
  problem: Report,
  required = false,
) {
  const seen = new Map<unknown, string>();
  for (const r of rows) {
    const v = r[field];
    if (v === '' || v === undefined) {
      if (required) problem('REQUIRED', `${table}/${r.id}`, `${field} is empty`);
      continue;
    }
    const other = seen.get(v);
    if (other !== undefined)
      problem('UNIQUE', `${table}/${r.id}`, `${field} '${String(v)}' also used by ${other}`);
    else seen.set(v, r.id);
  }
}

/** No null or undefined anywhere (ASSUMPTIONS.md A3), nested arrays and objects included. */
function noNulls(table: string, rows: readonly object[], problem: Report): void {
  for (const r of rows) {
    const rec = r as Record<string, unknown>;
    for (const k in rec) {
      const v = rec[k];
      if (v === null || v === undefined) problem('NO-NULLS', `${table}/${String(rec.id)}`, `${k} is ${v}`);
      else if (typeof v === 'object')
        noNulls(`${table}/${String(rec.id)}.${k}`, Array.isArray(v) ? v : [v], problem);
    }
  }
}

/** A key to another table: must exist, or be ZERO_GUID when optional. */
function ref(
  c: InvariantContext,
  where: string,
  field: string,
  value: string,
  target: Map<string, unknown>,
  table: string,
  optional = true,
): void {
  if (value === ZERO_GUID) {
    if (!optional) c.problem('FK', where, `${field} is not set`);
  } else if (!target.has(value)) c.problem('FK', where, `${field} ${value} names no record of ${table}`);
}

/** A key and the code copied next to it must name the same record (or both be unset). */
function refCode<T extends Coded>(
  c: InvariantContext,
  where: string,
  [idField, id]: [string, string],
  [codeField, code]: [string, string],
  target: Map<string, T>,
  table: string,
  optional = true,
): void {
  ref(c, where, idField, id, target, table, optional);
  if (id === ZERO_GUID) {
    if (code !== '') c.problem('CODE', where, `${codeField} '${code}' while ${idField} is not set`);
    return;
  }
  const rec = target.get(id);
  if (rec && rec.code !== code)
    c.problem('CODE', where, `${codeField} '${code}' but ${table} ${id} has code '${rec.code}'`);
}

/** The sales organisation of a record, by key alone or by key and copied code. */
function salesOrgRef(
  c: InvariantContext,
  table: string,
  r: Row & { sales_organization_id: string; sales_organization_code?: string },
): void {
  const where = `${table}/${r.id}`;
  const { salesOrgs } = c.jobs;
  if (r.sales_organization_code === undefined)
    ref(c, where, 'sales_organization_id', r.sales_organization_id, salesOrgs, 'salesOrganizations');
  else
    refCode(
      c,
      where,
      ['sales_organization_id', r.sales_organization_id],
      ['sales_organization_code', r.sales_organization_code],
      salesOrgs,
      'salesOrganizations',
    );
}

/**
 * Reports parent cycles of a self-referencing table, in linear time; answers the topmost ancestor
 * of every row that has a parent (rows on or under a cycle are left out).
 */
function checkAcyclic<T extends Row>(
  table: string,
  rows: readonly T[],
  parentOf: (r: T) => string,
  problem: Report,
): Map<string, string> {
  const byId = new Map<string, T>();
  for (const r of rows) byId.set(r.id, r);
  const root = new Map<string, string>();
  const state = new Map<string, 1 | 2>(); // 1 = on the current path, 2 = done
  for (const start of rows) {
    if (state.has(start.id)) continue;
    const path: T[] = [];
    let cur: T | undefined = start;
    let cycle = false;
    while (cur && !state.has(cur.id)) {
      state.set(cur.id, 1);
      path.push(cur);
      const parentId = parentOf(cur);
      cur = parentId === ZERO_GUID ? undefined : byId.get(parentId);
    }
    if (cur && state.get(cur.id) === 1) {
      cycle = true;
      problem('CYCLE', `${table}/${cur.id}`, 'parent chain loops back to this record');
    }
    // Resolve roots from the top of the path down.
    let top: string | undefined = cycle ? undefined : cur ? (root.get(cur.id) ?? cur.id) : undefined;
    for (let i = path.length - 1; i >= 0; i--) {
      const r = path[i] as T;
      state.set(r.id, 2);
      if (cycle) continue;
      if (top === undefined) {
        top = r.id; // r has no (existing) parent: it is the root of those below it
        continue;
      }
      root.set(r.id, top);
    }
  }
  return root;
}

// ---- The checks of the jobs API's data (documents 000-003) ----

const jobsTables = (d: JobsData): [string, readonly object[]][] => [
  ['countries', d.countries],
  ['salesOrganizations', d.salesOrganizations],
  ['companies', d.companies],
  ['contacts', d.contacts],
  ['addresses', d.addresses],
  ['users', d.users],
  ['skills', d.skills],
  ['jobTypes', d.jobTypes],
  ['jobPriorities', d.jobPriorities],
  ['jobStatuses', d.jobStatuses],
  ['projectStatuses', d.projectStatuses],
  ['equipmentBrands', d.equipmentBrands],
  ['equipmentFamilies', d.equipmentFamilies],
  ['equipmentModels', d.equipmentModels],
  ['projects', d.projects],
  ['jobs', d.jobs],
  ['jobPlannings', d.jobPlannings],
  ['articles', d.articles],
  ['jobPartUsages', d.jobPartUsages],
];

function tenant(c: InvariantContext): void {
  if (!c.data.jobs.tenantDomain) c.problem('TENANT', 'jobs', 'tenantDomain is empty');
}

function noNullsAnywhere(c: InvariantContext): void {
  for (const [name, rows] of jobsTables(c.data.jobs)) noNulls(name, rows, c.problem);
}

function countriesAndAddresses(c: InvariantContext): void {
  const d = c.data.jobs;
  unique('countries', d.countries, 'code', c.problem, true);
  for (const a of d.addresses)
    ref(c, `addresses/${a.id}`, 'db_country_id', a.db_country_id, c.jobs.countries, 'countries', false);
}

function salesOrganizations(c: InvariantContext): void {
  const d = c.data.jobs;
  unique('salesOrganizations', d.salesOrganizations, 'code', c.problem, true);
  for (const s of d.salesOrganizations) {
    const where = `salesOrganizations/${s.id}`;
    ref(c, where, 'db_country_id', s.db_country_id, c.jobs.countries, 'countries');
    if (s.db_currency_id !== ZERO_GUID)
      c.strictProblem('FK', where, 'db_currency_id names a table the data set does not hold');
    if (s.db_language_id !== ZERO_GUID)
      c.strictProblem('FK', where, 'db_language_id names a table the data set does not hold');
  }
}

function companiesAndContacts(c: InvariantContext): void {
  const d = c.data.jobs;
  unique('companies', d.companies, 'code', c.problem, true);
  for (const co of d.companies) {
    const where = `companies/${co.id}`;
    ref(c, where, 'sales_organization_id', co.sales_organization_id, c.jobs.salesOrgs, 'salesOrganizations');
    ref(c, where, 'db_address_id', co.db_address_id, c.jobs.addresses, 'addresses');
  }
  unique('contacts', d.contacts, 'e_login', c.problem);
  for (const ct of d.contacts)
    ref(c, `contacts/${ct.id}`, 'company_id', ct.company_id, c.jobs.companies, 'companies', false);
}

function users(c: InvariantContext): void {
  const d = c.data.jobs;
  unique('users', d.users, 'username', c.problem, true);
  unique('users', d.users, 'code', c.problem);
  for (const u of d.users) {
    const where = `users/${u.id}`;
    salesOrgRef(c, 'users', u);
    ref(c, where, 'team_leader_user_id', u.team_leader_user_id, c.jobs.users, 'users');
    if (u.team_leader_user_id === u.id) c.problem('FK', where, 'team_leader_user_id is the user itself');
    refCode(
      c,
      where,
      ['private_db_country_id', u.private_db_country_id],
      ['private_db_country_code', u.private_db_country_code],
      c.jobs.countries,
      'countries',
    );
    if (u.db_language_id !== ZERO_GUID)
      c.strictProblem('FK', where, 'db_language_id names a table the data set does not hold');
    if (u.user_group_id !== ZERO_GUID)
      c.strictProblem('FK', where, 'user_group_id names a table the data set does not hold');
  }
}

function codedTables(c: InvariantContext): void {
  const d = c.data.jobs;
  for (const [table, rows] of [
    ['skills', d.skills],
    ['jobPriorities', d.jobPriorities],
    ['projectStatuses', d.projectStatuses],
    ['equipmentBrands', d.equipmentBrands],
    ['equipmentFamilies', d.equipmentFamilies],
    ['equipmentModels', d.equipmentModels],
  ] as const) {
    unique(table, rows as readonly Coded[], 'code', c.problem, true);
    for (const r of rows) salesOrgRef(c, table, r);
  }
  unique('jobTypes', d.jobTypes, 'code', c.problem, true);
  for (const t of d.jobTypes) salesOrgRef(c, 'jobTypes', t);
}

function articles(c: InvariantContext): void {
  const d = c.data.jobs;
  unique('articles', d.articles, 'code', c.problem, true);
  for (const a of d.articles) {
    if (!(a.price >= 0)) c.problem('ARTICLE-PRICE', `articles/${a.id}`, `price ${a.price} is negative`);
  }
}

function jobStatuses(c: InvariantContext): void {
  const d = c.data.jobs;
  if (d.jobStatuses.length !== JOB_STATUS_CODES.length)
    c.problem(
      'JOB-STATUSES',
      'jobStatuses',
      `${d.jobStatuses.length} statuses instead of ${JOB_STATUS_CODES.length}`,
    );
  unique('jobStatuses', d.jobStatuses, 'code', c.problem, true);
  for (const s of d.jobStatuses) {
    if (JOB_STATUS_IDS[s.code] !== s.id)
      c.problem(
        'JOB-STATUSES',
        `jobStatuses/${s.id}`,
        `code ${s.code} must have key ${JOB_STATUS_IDS[s.code]}`,
      );
    if (s.name !== s.code)
      c.problem('JOB-STATUSES', `jobStatuses/${s.id}`, `name '${s.name}' is not the code`);
  }
}

function equipment(c: InvariantContext): void {
  const d = c.data.jobs;
  const { families, brands } = c.jobs;
  for (const f of d.equipmentFamilies) {
    refCode(
      c,
      `equipmentFamilies/${f.id}`,
      ['_parent_id', f._parent_id],
      ['_parent_code', f._parent_code],
      families,
      'equipmentFamilies',
    );
  }
  checkAcyclic('equipmentFamilies', d.equipmentFamilies, (f) => f._parent_id, c.problem);
  for (const m of d.equipmentModels) {
    const where = `equipmentModels/${m.id}`;
    refCode(
      c,
      where,
      ['equipment_brand_id', m.equipment_brand_id],
      ['equipment_brand_code', m.equipment_brand_code],
      brands,
      'equipmentBrands',
    );
    refCode(
      c,
      where,
      ['equipment_family_id', m.equipment_family_id],
      ['equipment_family_code', m.equipment_family_code],
      families,
      'equipmentFamilies',
    );
    const langs = new Set<string>();
    for (const t of m.translations) {
      if (!t.field_name || !t.language_code)
        c.problem('TRANSLATION', where, 'translation without field_name or language_code');
      const key = `${t.field_name}/${t.language_code}`;
      if (langs.has(key)) c.problem('TRANSLATION', where, `two translations of ${key}`);
      langs.add(key);
    }
  }
}

function projects(c: InvariantContext): void {
  const d = c.data.jobs;
  const m = c.jobs;
  unique('projects', d.projects, 'reference_back_office', c.problem);
  unique('projects', d.projects, 'id2', c.problem);
  for (const pr of d.projects) {
    const where = `projects/${pr.id}`;
    const parent = pr._parent_id === ZERO_GUID ? undefined : m.projects.get(pr._parent_id);
    ref(c, where, '_parent_id', pr._parent_id, m.projects, 'projects');
    if (pr._parent_id === pr.id) c.problem('PROJECT-PARENT', where, 'is its own parent');
    const parentRef = parent?.reference_back_office ?? '';
    if (pr._parent_reference_back_office !== parentRef)
      c.problem(
        'CODE',
        where,
        `_parent_reference_back_office '${pr._parent_reference_back_office}' but the parent's is '${parentRef}'`,
      );
    ref(c, where, 'root_parent_id', pr.root_parent_id, m.projects, 'projects');
    const family: [string, string] = ['equipment_family_id', pr.equipment_family_id];
    refCode(
      c,
      where,
      family,
      ['equipment_family_code', pr.equipment_family_code],
      m.families,
      'equipmentFamilies',
    );
    const model: [string, string] = ['equipment_model_id', pr.equipment_model_id];
    refCode(c, where, model, ['equipment_model_code', pr.equipment_model_code], m.models, 'equipmentModels');
    const status: [string, string] = ['project_status_id', pr.project_status_id];
    refCode(
      c,
      where,
      status,
      ['project_status_code', pr.project_status_code],
      m.projectStatuses,
      'projectStatuses',
    );
    refCode(
      c,
      where,
      ['company_id', pr.company_id],
      ['company_code', pr.company_code],
      m.companies,
      'companies',
    );
    ref(c, where, 'db_address_id', pr.db_address_id, m.addresses, 'addresses');
    ref(c, where, 'contact_id', pr.contact_id, m.contacts, 'contacts');
    ref(c, where, 'owner_user_id', pr.owner_user_id, m.users, 'users');
    ref(c, where, 'updated_by_user_id', pr.updated_by_user_id, m.users, 'users');
  }
}

/** root_parent_id is the topmost project of the tree (A24); parent chains end (no cycle). */
function projectTree(c: InvariantContext): void {
  const d = c.data.jobs;
  const rootOf = checkAcyclic('projects', d.projects, (pr) => pr._parent_id, c.problem);
  for (const pr of d.projects) {
    const root = pr._parent_id === ZERO_GUID ? ZERO_GUID : rootOf.get(pr.id);
    if (root !== undefined && pr.root_parent_id !== root)
      c.strictProblem(
        'PROJECT-ROOT',
        `projects/${pr.id}`,
        `root_parent_id ${pr.root_parent_id} but the topmost parent is ${root}`,
      );
  }
}

/** One check over every job: each job's own checks, in the order a reader follows a job. */
function jobsEach(check: (c: InvariantContext, j: Job, where: string) => void) {
  return (c: InvariantContext): void => {
    for (const j of c.data.jobs.jobs) check(c, j, `jobs/${j.id}`);
  };
}

function jobKeysUnique(c: InvariantContext): void {
  unique('jobs', c.data.jobs.jobs, 'id2', c.problem);
  unique('jobs', c.data.jobs.jobs, 'reference_back_office', c.strictProblem);
}

const jobProjectAndCompany = jobsEach((c, j, where) => {
  const m = c.jobs;
  const project = m.projects.get(j.project_id);
  ref(c, where, 'project_id', j.project_id, m.projects, 'projects', false);
  if (project && j.project_reference_back_office !== project.reference_back_office)
    c.problem(
      'CODE',
      where,
      `project_reference_back_office '${j.project_reference_back_office}' but the project's is '${project.reference_back_office}'`,
    );
  refCode(
    c,
    where,
    ['company_id', j.company_id],
    ['company_code', j.company_code],
    m.companies,
    'companies',
    false,
  );
  if (project && j.company_id !== project.company_id)
    c.problem(
      'JOB-COMPANY-FROM-PROJECT',
      where,
      `company_id ${j.company_id} but the project's company is ${project.company_id}`,
    );
});

const jobCodedKeys = jobsEach((c, j, where) => {
  const m = c.jobs;
  refCode(
    c,
    where,
    ['job_type_id', j.job_type_id],
    ['job_type_code', j.job_type_code],
    m.jobTypes,
    'jobTypes',
    false,
  );
  const priority: [string, string] = ['job_priority_id', j.job_priority_id];
  refCode(c, where, priority, ['job_priority_code', j.job_priority_code], m.priorities, 'jobPriorities');
  const status: [string, string] = ['job_status_id', j.job_status_id];
  refCode(c, where, status, ['job_status_code', j.job_status_code], m.statuses, 'jobStatuses', false);
});

const jobParent = jobsEach((c, j, where) => {
  if (j._parent_id === ZERO_GUID) {
    if (j._parent_jobs_reference_back_office !== '')
      c.problem(
        'CODE',
        where,
        `_parent_jobs_reference_back_office '${j._parent_jobs_reference_back_office}' without _parent_id`,
      );
  } else {
    const parent = c.jobs.jobs.get(j._parent_id);
    ref(c, where, '_parent_id', j._parent_id, c.jobs.jobs, 'jobs');
    if (j._parent_id === j.id) c.problem('JOB-PARENT', where, 'is its own parent');
    if (parent) {
      if (parent.reference_back_office !== j._parent_jobs_reference_back_office)
        c.problem(
          'CODE',
          where,
          `_parent_jobs_reference_back_office '${j._parent_jobs_reference_back_office}' but the parent's is '${parent.reference_back_office}'`,
        );
      if (parent.project_id !== j.project_id)
        c.strictProblem(
          'JOB-PARENT-PROJECT',
          where,
          `parent ${parent.id} is a work order of another project`,
        );
    }
    if (j.working_sequence < 1)
      c.strictProblem(
        'JOB-WORKING-SEQUENCE',
        where,
        `child work order with working_sequence ${j.working_sequence}`,
      );
  }
  if (j.working_sequence < 0)
    c.strictProblem('JOB-WORKING-SEQUENCE', where, `working_sequence ${j.working_sequence} is negative`);
});

function jobTree(c: InvariantContext): void {
  checkAcyclic('jobs', c.data.jobs.jobs, (j) => j._parent_id, c.problem);
}

const jobAddress = jobsEach((c, j, where) => {
  const m = c.jobs;
  const project = m.projects.get(j.project_id);
  ref(c, where, 'db_address_id', j.db_address_id, m.addresses, 'addresses');
  if (
    c.strict &&
    project &&
    j.db_address_id !== ZERO_GUID &&
    !addressOfProjectOrParents(c, j.db_address_id, project.id)
  )
    c.problem(
      'JOB-ADDRESS-OF-PROJECT',
      where,
      `db_address_id ${j.db_address_id} is not the address of the project or of a parent`,
    );
  if (
    project?.is_mobile_installation &&
    j.db_address_id === ZERO_GUID &&
    (!j.db_address_street || !j.db_address_city || !j.db_address_zip)
  )
    c.strictProblem(
      'JOB-MOBILE-ADDRESS',
      where,
      'mobile installation without db_address_id nor street, city and zip',
    );
  const country: [string, string] = ['db_address_db_country_id', j.db_address_db_country_id];
  refCode(
    c,
    where,
    country,
    ['db_address_db_country_code', j.db_address_db_country_code],
    m.countries,
    'countries',
  );
});

function addressOfProjectOrParents(c: InvariantContext, addressId: string, projectId: string): boolean {
  let id = projectId;
  for (let depth = 0; depth < 64 && id !== ZERO_GUID; depth++) {
    const pr = c.jobs.projects.get(id);
    if (!pr) return false;
    if (pr.db_address_id === addressId) return true;
    id = pr._parent_id;
  }
  return false;
}

const jobPeople = jobsEach((c, j, where) => {
  const m = c.jobs;
  ref(c, where, 'contact_id', j.contact_id, m.contacts, 'contacts');
  ref(c, where, 'requested_by_company_id', j.requested_by_company_id, m.companies, 'companies');
  ref(c, where, 'requested_by_contact_id', j.requested_by_contact_id, m.contacts, 'contacts');
  const suggested: [string, string] = ['suggested_user_id', j.suggested_user_id];
  refCode(c, where, suggested, ['suggested_user_code', j.suggested_user_code], m.users, 'users');
  refCode(c, where, ['skill_id', j.skill_id], ['skill_code', j.skill_code], m.skills, 'skills');
  ref(c, where, 'approval_responsible_user_id', j.approval_responsible_user_id, m.users, 'users');
  ref(c, where, 'created_by_user_id', j.created_by_user_id, m.users, 'users');
  ref(c, where, 'updated_by_user_id', j.updated_by_user_id, m.users, 'users');
});

const jobSource = jobsEach((c, j, where) => {
  if (j.source_db_table_name === '') {
    if (j.source_db_table_id !== ZERO_GUID || j.source_id_in_table !== ZERO_GUID)
      c.problem('JOB-SOURCE', where, 'source keys set without source_db_table_name');
    return;
  }
  const tableId = SOURCE_TABLE_IDS[j.source_db_table_name];
  if (tableId === undefined)
    c.problem('JOB-SOURCE', where, `unknown source_db_table_name '${j.source_db_table_name}'`);
  else if (j.source_db_table_id !== tableId)
    c.problem('JOB-SOURCE', where, `source_db_table_id is not the key of table ${j.source_db_table_name}`);
  if (j.source_db_table_name === 'project')
    ref(c, where, 'source_id_in_table', j.source_id_in_table, c.jobs.projects, 'projects', false);
});

const jobNumbers = jobsEach((c, j, where) => {
  if (j.estimated_time < 0)
    c.strictProblem('JOB-NUMBERS', where, `estimated_time ${j.estimated_time} is negative`);
  if (j.nb_notes < 0) c.strictProblem('JOB-NUMBERS', where, `nb_notes ${j.nb_notes} is negative`);
});

function jobClosing(c: InvariantContext): void {
  const closedStatus = new Set<string>();
  for (const s of c.data.jobs.jobStatuses) if (s.is_closed) closedStatus.add(s.id);
  for (const j of c.data.jobs.jobs) {
    const where = `jobs/${j.id}`;
    const isClosed = closedStatus.has(j.job_status_id);
    if (!isClosed && j.date_closed !== NO_DATE)
      c.strictProblem(
        'JOB-DATE-CLOSED',
        where,
        `date_closed ${j.date_closed} on a work order that is not closed`,
      );
    if (isClosed && j.date_closed === NO_DATE)
      c.strictProblem('JOB-DATE-CLOSED', where, 'closed work order without date_closed');
  }
}

const jobDates = jobsEach((c, j, where) => {
  const created = Date.parse(j.date_create);
  const updated = Date.parse(j.date_update);
  const modified = Date.parse(j.modified_dateutc);
  if (Number.isNaN(created) || Number.isNaN(updated) || Number.isNaN(modified)) {
    c.problem('JOB-DATES', where, 'date_create, date_update or modified_dateutc is not a date');
    return;
  }
  if (!(created <= updated && updated <= modified))
    c.problem(
      'JOB-DATES',
      where,
      `not date_create (${j.date_create}) <= date_update (${j.date_update}) <= modified_dateutc (${j.modified_dateutc})`,
    );
  if (Date.parse(j.dateutc_create) !== created)
    c.problem('JOB-DATES', where, 'dateutc_create differs from date_create');
  if (Date.parse(j.dateutc_closed) !== Date.parse(j.date_closed))
    c.strictProblem('JOB-DATES', where, 'dateutc_closed differs from date_closed');
  if (j.date_closed !== NO_DATE && Date.parse(j.date_closed) < created)
    c.strictProblem('JOB-DATES', where, 'date_closed before date_create');
});

/** Plannings; and rule JOB-SUGGESTED-PLANNING: a Suggested job with user and start has that planning. */
function plannings(c: InvariantContext): void {
  const d = c.data.jobs;
  const planned = new Set<string>();
  for (const pl of d.jobPlannings) {
    const where = `jobPlannings/${pl.id}`;
    const job = c.jobs.jobs.get(pl.jobs_id);
    ref(c, where, 'jobs_id', pl.jobs_id, c.jobs.jobs, 'jobs', false);
    ref(c, where, 'user_id', pl.user_id, c.jobs.users, 'users', false);
    if (!(pl.duration_minutes > 0))
      c.strictProblem('PLANNING-DURATION', where, `duration_minutes ${pl.duration_minutes}`);
    const start = Date.parse(pl.date_start);
    if (Number.isNaN(start)) c.problem('PLANNING-DATE', where, `date_start '${pl.date_start}' is not a date`);
    else if (c.strict && job && start < Date.parse(job.date_create))
      c.problem(
        'PLANNING-DATE',
        where,
        `date_start ${pl.date_start} before the job's date_create ${job.date_create}`,
      );
    planned.add(`${pl.jobs_id}|${pl.user_id}|${start}`);
  }
  for (const j of d.jobs) {
    if (
      j.job_status_code !== 'Suggested' ||
      j.suggested_user_id === ZERO_GUID ||
      j.suggested_date_start === NO_DATE
    )
      continue;
    if (!planned.has(`${j.id}|${j.suggested_user_id}|${Date.parse(j.suggested_date_start)}`))
      c.problem(
        'JOB-SUGGESTED-PLANNING',
        `jobs/${j.id}`,
        'Suggested with user and start but no planning for them',
      );
  }
}

// Keys of job part usages that name tables the data set does not hold: only ZERO_GUID can be valid.
const JPU_UNBACKED_KEYS = [
  'job_approval_id',
  'article_stock_location_id',
  'purchase_order_details_id',
  'db_unit_of_measure_id',
  'company_vat_id',
  'invoice_id',
  'invoice_details_id',
] as const;

function partUsages(c: InvariantContext): void {
  for (const u of c.data.jobs.jobPartUsages) {
    const where = `jobPartUsages/${u.id}`;
    ref(c, where, 'jobs_id', u.jobs_id, c.jobs.jobs, 'jobs', false);
    ref(c, where, 'article_id', u.article_id, c.jobs.articles, 'articles');
    const article = c.jobs.articles.get(u.article_id);
    if (article) {
      if (u.article_code !== article.code)
        c.strictProblem(
          'JPU-ARTICLE',
          where,
          `article_code '${u.article_code}' but the article's is '${article.code}'`,
        );
      if (!u.is_customized) {
        if (u.article_name !== article.name)
          c.strictProblem(
            'JPU-ARTICLE',
            where,
            `article_name '${u.article_name}' differs from the article's`,
          );
        if (u.article_description !== article.description)
          c.strictProblem('JPU-ARTICLE', where, "article_description differs from the article's");
        if (u.price !== article.price)
          c.strictProblem(
            'JPU-ARTICLE',
            where,
            `price ${u.price} but the article's is ${article.price} (not is_customized)`,
          );
      }
    }
    ref(c, where, 'user_id', u.user_id, c.jobs.users, 'users');
    for (const k of JPU_UNBACKED_KEYS)
      if (u[k] !== ZERO_GUID) c.strictProblem('FK', where, `${k} names a table the data set does not hold`);
    if (!(u.quantity > 0)) c.strictProblem('JPU-QUANTITY', where, `quantity ${u.quantity} is not positive`);
  }
}

function warrantyDiscount(c: InvariantContext): void {
  for (const u of c.data.jobs.jobPartUsages) {
    const where = `jobPartUsages/${u.id}`;
    if (u.is_under_warranty && u.discount !== u.price)
      c.problem(
        'JPU-WARRANTY-DISCOUNT',
        where,
        `under warranty but discount ${u.discount} is not the price ${u.price}`,
      );
    if (u.discount < 0 || u.discount > u.price)
      c.strictProblem('JPU-DISCOUNT', where, `discount ${u.discount} outside 0..price ${u.price}`);
  }
}

function projectCounters(c: InvariantContext): void {
  if (!c.counters) return;
  const d = c.data.jobs;
  const counters = computeProjectCounters(d.jobs, d.jobPlannings, d.jobStatuses);
  const fields = Object.keys(EMPTY_COUNTERS) as (keyof ProjectCounters)[];
  for (const pr of d.projects) {
    const expected = counters.get(pr.id) ?? EMPTY_COUNTERS;
    for (const f of fields) {
      const actual = pr[f];
      const want = expected[f];
      const same =
        typeof want === 'string' ? Date.parse(actual as string) === Date.parse(want) : actual === want;
      if (!same)
        c.problem('PROJECT-COUNTERS', `projects/${pr.id}`, `${f} is ${actual}, its jobs give ${want}`);
    }
  }
}

// ---- The checks of the NextGen data (document 004) ----

function nextGenUsers(c: InvariantContext): void {
  const rows = c.data.nextgen.users.map((u) => ({ id: u.username, username: u.username }));
  unique('nextgen.users', rows, 'username', c.problem, true);
}

function workOrderTypeReferences(c: InvariantContext): void {
  const m = c.nextgen;
  const exists = (
    where: string,
    field: string,
    value: number | null | undefined,
    target: Map<number, unknown>,
  ) => {
    if (value !== null && value !== undefined && !target.has(value))
      c.problem('NG-FK', where, `${field} ${value} names no record`);
  };
  for (const t of c.data.nextgen.workOrderTypes) {
    const where = `workOrderTypes/${t.id}`;
    if (!t.description.EN) c.problem('NG-DESCRIPTION', where, 'no EN description');
    exists(where, 'requestTypeId', t.requestTypeId, m.requestTypes);
    exists(where, 'serviceTypeId', t.serviceTypeId, m.serviceTypes);
    exists(where, 'technicalObjectTypeId', t.technicalObjectTypeId, m.technicalObjectTypes);
    exists(where, 'structureId', t.structureId, m.structures);
    exists(where, 'mobileAccountingTypeId', t.mobileAccountingTypeId, m.mobileAccountingTypes);
  }
}

function workOrderTypeTriplets(c: InvariantContext): void {
  const triplets = new Map<string, number>();
  for (const t of c.data.nextgen.workOrderTypes) {
    if (t.requestTypeId === null || t.serviceTypeId === null || t.technicalObjectTypeId === null) continue;
    const key = `${t.requestTypeId}/${t.serviceTypeId}/${t.technicalObjectTypeId}`;
    const other = triplets.get(key);
    if (other !== undefined)
      c.problem(
        'NG-TRIPLET-UNIQUE',
        `workOrderTypes/${t.id}`,
        `same request/service/technical object type as type ${other}`,
      );
    else triplets.set(key, t.id);
  }
}

const SPECIFIC_FIELDS = Object.values(SPECIFIC_TYPE_FIELD);

/**
 * A technical object type id, at most one specific id, of the right kind and equal to
 * technicalObjectTypeId (N11). technicalObjectTypeId alone satisfies rule 1.
 */
function technicalObjectTypes(c: InvariantContext): void {
  for (const t of c.data.nextgen.workOrderTypes) {
    const where = `workOrderTypes/${t.id}`;
    const set = SPECIFIC_FIELDS.filter((f) => t[f] !== null && t[f] !== undefined);
    if (t.technicalObjectTypeId === null || t.technicalObjectTypeId === undefined)
      c.problem('NG-TECHNICAL-OBJECT', where, 'no technical object type id');
    if (set.length > 1)
      c.problem('NG-TECHNICAL-OBJECT', where, `${set.length} specific type ids set; at most 1`);
    for (const f of set) {
      const tot = c.nextgen.technicalObjectTypes.get(t[f] as number);
      if (!tot) c.problem('NG-FK', where, `${f} ${t[f]} names no technical object type`);
      else if (SPECIFIC_TYPE_FIELD[tot.kind] !== f)
        c.problem('NG-TECHNICAL-OBJECT', where, `${f} ${t[f]} is of kind ${tot.kind}`);
      if (t[f] !== t.technicalObjectTypeId)
        c.problem('NG-TECHNICAL-OBJECT', where, `${f} ${t[f]} differs from technicalObjectTypeId`);
    }
  }
}

const INACTIVE_WORK_ORDER: ReadonlySet<WorkOrderStatus> = new Set(INACTIVE_WORK_ORDER_STATUSES);

function workOrders(c: InvariantContext): void {
  for (const w of c.data.nextgen.workOrders) {
    const where = `workOrders/${w.id}`;
    const type = c.nextgen.workOrderTypes.get(w.typeId);
    if (!type) c.problem('NG-FK', where, `typeId ${w.typeId} names no work order type`);
    else if (!type.active && !INACTIVE_WORK_ORDER.has(w.status))
      c.problem(
        'NG-INACTIVE-TYPE-IN-USE',
        where,
        `active work order (${w.status}) of inactive type ${type.id}`,
      );
  }
}

/** The checks, in the order their problems are listed. */
export const INVARIANTS: readonly Invariant[] = [
  { id: 'tenant', cites: 'ASSUMPTIONS.md A18', check: tenant },
  { id: 'no-nulls', cites: 'ASSUMPTIONS.md A3', check: noNullsAnywhere },
  { id: 'countries-and-addresses', cites: 'documents 000, 001 (db_address_*)', check: countriesAndAddresses },
  { id: 'sales-organizations', cites: 'documents 000, 001 (sales_organization)', check: salesOrganizations },
  { id: 'companies-and-contacts', cites: 'document 002 (company_*, contact_*)', check: companiesAndContacts },
  { id: 'users', cites: 'documents 000, 001 (user)', check: users },
  { id: 'coded-tables', cites: 'documents 000, 001 (embedded entities by code, A11)', check: codedTables },
  { id: 'articles', cites: 'document 003 (article_*)', check: articles },
  { id: 'job-statuses', cites: 'document 000, ASSUMPTIONS.md A15', check: jobStatuses },
  { id: 'equipment', cites: 'documents 000, 001 (project equipment)', check: equipment },
  { id: 'projects', cites: 'documents 000, 001 (project)', check: projects },
  { id: 'project-tree', cites: 'ASSUMPTIONS.md A24 (root_parent_id)', check: projectTree },
  { id: 'job-keys-unique', cites: 'documents 000, 002 (id2, reference_back_office)', check: jobKeysUnique },
  { id: 'job-project-and-company', cites: 'rule JOB-COMPANY-FROM-PROJECT', check: jobProjectAndCompany },
  { id: 'job-coded-keys', cites: 'documents 000, 001; ASSUMPTIONS.md A11, A15', check: jobCodedKeys },
  { id: 'job-parent', cites: 'documents 000, 002 (multi-job)', check: jobParent },
  { id: 'job-tree', cites: 'document 002 (root_parent_id)', check: jobTree },
  {
    id: 'job-address',
    cites: 'rules JOB-ADDRESS-OF-PROJECT, JOB-MOBILE-ADDRESS (A16, A17)',
    check: jobAddress,
  },
  { id: 'job-people', cites: 'documents 000, 002', check: jobPeople },
  { id: 'job-source', cites: 'document 002 (source_db_table_*)', check: jobSource },
  { id: 'job-numbers', cites: 'documents 000, 002', check: jobNumbers },
  { id: 'job-closing', cites: 'ASSUMPTIONS.md A23', check: jobClosing },
  { id: 'job-dates', cites: 'ASSUMPTIONS.md A20', check: jobDates },
  { id: 'plannings', cites: 'rule JOB-SUGGESTED-PLANNING (A14)', check: plannings },
  { id: 'part-usages', cites: 'document 003, rule JPU-JOB-EXISTS', check: partUsages },
  { id: 'warranty-discount', cites: 'rule JPU-WARRANTY-DISCOUNT (document 003)', check: warrantyDiscount },
  { id: 'project-counters', cites: 'document 001 (project nb_*_jobs)', check: projectCounters },
  { id: 'nextgen-users', cites: 'ASSUMPTIONS.md N9', check: nextGenUsers },
  {
    id: 'work-order-type-references',
    cites: 'rule WOT-REFERENCES-EXIST (004)',
    check: workOrderTypeReferences,
  },
  { id: 'work-order-type-triplets', cites: 'rule WOT-TRIPLET-UNIQUE (004)', check: workOrderTypeTriplets },
  {
    id: 'technical-object-types',
    cites: 'rules WOT-TOT-* (004), ASSUMPTIONS.md N11',
    check: technicalObjectTypes,
  },
  { id: 'work-orders', cites: 'rule WOT-ACTIVE-IN-USE (004), ASSUMPTIONS.md N8', check: workOrders },
];
