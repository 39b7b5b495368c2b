// What cases need from the discovered records, and how they put back what they changed.
import { expectStatus } from '../checks/expectations.ts';
import { jsonBody } from '../http/body.ts';
import type { KnownJob, Row, WorkOrderType } from '../runner/discovery.ts';
import type { CaseContext } from './case.ts';

export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
/** Keys that name nothing: random v4 GUIDs, and a NextGen id far beyond the ones in use. */
export const UNKNOWN_GUID = 'f0f0f0f0-0000-4000-8000-00000000dead';

/** Fields the server sets or assembles: a client does not send them back (x-rules JOB-COMPANY-FROM-PROJECT, JOB-MODIFIED-DATEUTC). */
const SERVER_FIELDS = new Set(['company_id', 'company_code', 'modified_dateutc']);

/** A job as GET answered it, turned into a PUT body: scalars only; embedded entities are named by their keys. */
export function writeBodyOf(job: Row): Row {
  const body: Row = {};
  for (const [k, v] of Object.entries(job)) {
    if (v !== null && typeof v === 'object') continue;
    if (SERVER_FIELDS.has(k)) continue;
    body[k] = v;
  }
  return body;
}

export function someJob(t: CaseContext, predicate: (j: KnownJob) => boolean = () => true): KnownJob {
  const job = t.fixtures.jobs.find(predicate);
  if (!job)
    t.skip(
      'no discovered work order fits this case (see the notes of the report; name one in fixtures.jobIds)',
    );
  return job;
}

/** A job a ServiceDesk contact sees, so that the view can be read after a change. */
export function visibleJob(t: CaseContext): KnownJob & { contact: number } {
  return someJob(t, (j) => j.contact !== undefined) as KnownJob & { contact: number };
}

export function contactCredential(t: CaseContext, index: number): string {
  const c = t.fixtures.contacts[index];
  if (!c) t.skip(`needs ServiceDesk contact #${index + 1} in credentials.servicedesk.contacts`);
  return c.credential;
}

/** Puts the job back as it was read, after the case. */
export function restoreJob(t: CaseContext, job: KnownJob): void {
  t.restore(`work order ${job.id}`, async () => {
    const x = await t.send({ op: 'Jobs_Put', params: { id: job.id }, json: writeBodyOf(job.job) });
    return expectStatus(x, [200], 'JOB-NOT-FOUND') === undefined;
  });
}

/** Reads a job again as the main API answers it now. */
export async function readJob(t: CaseContext, id: string, rule: string): Promise<Row> {
  const x = await t.send({ op: 'Jobs_Get', params: { id } });
  t.must(expectStatus(x, [200], rule, 'the work order could not be read back'));
  return jsonBody<Row>(x) ?? {};
}

/** Reads a job as the contact who sees it answers it in the view. */
export async function readViewRow(t: CaseContext, id: string, contact: number, rule: string): Promise<Row> {
  const x = await t.send({
    op: 'JobsView_Get',
    params: { id },
    as: { basic: contactCredential(t, contact) },
  });
  t.must(expectStatus(x, [200], rule, 'the view row could not be read'));
  return jsonBody<Row>(x) ?? {};
}

export function someTypes(t: CaseContext, count: number): WorkOrderType[] {
  if (t.fixtures.types.length < count) {
    t.skip(`needs ${count} work order types; discovery found ${t.fixtures.types.length}`);
  }
  return t.fixtures.types.slice(0, count);
}

/** A technician to plan (A14): the suggested user of a discovered work order; skips the case when none has one. */
export function suggestedTechnician(t: CaseContext): Row {
  const technician = t.fixtures.jobs
    .map((j) => j.job.suggested_user as Row | undefined)
    .find((u) => u && typeof u.id === 'string' && u.id !== ZERO_GUID);
  if (!technician) t.skip('no discovered work order has a suggested user to plan');
  return technician;
}

/** The fields of a type a PATCH can write back. */
const PATCHABLE = [
  'code',
  'description',
  'order',
  'active',
  'requestTypeId',
  'serviceTypeId',
  'technicalObjectTypeId',
  'serviceLevelDays',
  'color',
  'booking',
  'totalOutcomes',
  'preDistributedWorkOrder',
  'bookingForSLA',
  'autoGisPackage',
];

/** Puts the given fields of a type back to what they were, after the case. */
export function restoreType(t: CaseContext, type: WorkOrderType, fields: string[]): void {
  const body: Row = {};
  for (const f of fields) {
    if (PATCHABLE.includes(f) && type[f] !== undefined && type[f] !== null) body[f] = type[f];
  }
  if (Object.keys(body).length === 0) return;
  t.restore(`work order type ${type.id} (${Object.keys(body).join(', ')})`, async () => {
    const x = await t.send({ op: 'WorkOrderTypes_Patch', params: { typeId: type.id }, json: body });
    return x.response?.status === 200;
  });
}

/** A text no earlier run used, for codes and names that must be new. */
export function uniqueText(prefix: string, max = 20): string {
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.toUpperCase();
  return `${prefix}${stamp}`.slice(0, max);
}

/**
 * Codes of the work order types this suite creates start with this, so that a later run against a
 * server nobody resets recognises its own leftovers (ASSUMPTIONS.md S21).
 */
export const SUITE_CODE_PREFIX = 'CT-';
export const SUITE_DESCRIPTION = 'contract test type';

/** The work order types as the server lists them now (not as discovery found them: earlier cases create some). */
export async function liveTypes(t: CaseContext): Promise<WorkOrderType[]> {
  const x = await t.send({ op: 'WorkOrderTypes_List', query: { '_page[size]': 0 } });
  t.must(expectStatus(x, [200], 'WOT-PERMISSION', 'the work order types could not be listed'));
  return jsonBody<{ content?: WorkOrderType[] }>(x)?.content ?? [];
}

/** Types an earlier run of this suite created: they may be changed freely, and are reused instead of new ones. */
export function ownLeftovers(types: WorkOrderType[]): WorkOrderType[] {
  return types.filter((x) => typeof x.code === 'string' && x.code.startsWith(SUITE_CODE_PREFIX));
}

/** A code of `length` characters that no type has now, with the suite's prefix. */
export function freeCode(types: WorkOrderType[], length = 12): string {
  const taken = new Set(types.map((x) => x.code));
  for (;;) {
    const code = uniqueText(SUITE_CODE_PREFIX, length).padEnd(length, '0');
    if (!taken.has(code)) return code;
  }
}

type Triplet = { requestTypeId: number; serviceTypeId: number; technicalObjectTypeId: number };

export const tripletKey = (x: Row) => `${x.requestTypeId}/${x.serviceTypeId}/${x.technicalObjectTypeId}`;

/**
 * Request, service and technical object type ids no type combines yet, from the ids the types use
 * (the only ids a client learns); undefined when every combination is taken (WOT-TRIPLET-UNIQUE).
 */
export function freeTriplets(types: WorkOrderType[], fixed: Partial<Triplet> = {}): Triplet[] {
  const used = new Set(types.map(tripletKey));
  const values = (f: keyof Triplet) =>
    fixed[f] !== undefined
      ? [fixed[f]]
      : [...new Set(types.map((x) => x[f]).filter((v): v is number => typeof v === 'number'))].sort(
          (a, b) => a - b,
        );
  const out: Triplet[] = [];
  for (const requestTypeId of values('requestTypeId'))
    for (const serviceTypeId of values('serviceTypeId'))
      for (const technicalObjectTypeId of values('technicalObjectTypeId')) {
        const triplet = { requestTypeId, serviceTypeId, technicalObjectTypeId };
        if (!used.has(tripletKey(triplet))) out.push(triplet);
      }
  return out;
}

/**
 * A type the case may change, as it is now: one an earlier run created when there is one (so the
 * customer's types are left alone), else a discovered type; its given fields are put back afterwards.
 */
export async function typeToChange(t: CaseContext, fields: string[]): Promise<WorkOrderType> {
  const types = await liveTypes(t);
  const [discovered] = someTypes(t, 1) as [WorkOrderType];
  const type = ownLeftovers(types)[0] ?? types.find((x) => x.id === discovered.id) ?? discovered;
  restoreType(t, type, fields);
  return type;
}
