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
