// Who may do what: credentials of the wrong kind, read-only users, NextGen permissions, and the
// ServiceDesk promise that a contact sees only its own company's work orders.
import { expectErrorCode, expectStatus, expectThat, expectValue } from '../checks/expectations.ts';
import type { NextGenRole } from '../config/suite-config.ts';
import { jsonBody } from '../http/body.ts';
import type { Row } from '../runner/discovery.ts';
import type { ApiRequest } from '../runner/session.ts';
import { apiCatalog, type OperationId } from '../spec/api-catalog.ts';
import type { Case, CaseContext } from './case.ts';
import {
  contactCredential,
  restoreJob,
  someJob,
  someTypes,
  typeToChange,
  visibleJob,
  writeBodyOf,
} from './fixtures.ts';
import { refusalProof } from './write-targets.ts';

const VIEW = 'fsm.core.workorder.configuration.view';
const EDIT = 'fsm.core.workorder.configuration.edit';
/** What each NextGen demo role may do (ASSUMPTIONS.md N9); edit does not imply view. */
const PERMISSIONS: Record<NextGenRole, string[]> = {
  admin: [VIEW, EDIT],
  viewer: [VIEW],
  editor: [EDIT],
  nobody: [],
};

const NEXTGEN_REQUEST: Partial<Record<OperationId, (t: CaseContext) => ApiRequest>> = {
  WorkOrderTypes_List: () => ({ op: 'WorkOrderTypes_List' }),
  WorkOrderTypes_Get: (t) => ({ op: 'WorkOrderTypes_Get', params: { typeId: someTypes(t, 1)[0]?.id ?? 0 } }),
  WorkOrderTypes_Patch: (t) => {
    const [type] = someTypes(t, 1);
    return {
      op: 'WorkOrderTypes_Patch',
      params: { typeId: type?.id ?? 0 },
      json: { order: type?.order ?? 0 },
    };
  },
  // An invalid body: permission is checked first, and a wrongly accepted request creates nothing.
  WorkOrderTypes_Create: () => ({ op: 'WorkOrderTypes_Create', json: { code: 'CT-FORBIDDEN' } }),
};

function permissionCases(): Case[] {
  const cases: Case[] = [];
  for (const op of apiCatalog().operations.values()) {
    const request = NEXTGEN_REQUEST[op.id];
    if (!op.permission || !request) continue;
    for (const role of Object.keys(PERMISSIONS) as NextGenRole[]) {
      if (PERMISSIONS[role].includes(op.permission)) continue;
      cases.push({
        id: `${op.id}.403.${role}`,
        title: `${op.id} answers 403 FORBIDDEN to a ${role} token without ${op.permission}`,
        family: 'nextgen',
        operationId: op.id,
        rules: ['WOT-PERMISSION'],
        writes: op.method !== 'GET',
        run: async (t: CaseContext) => {
          const sent = { ...request(t), as: { nextgen: role } };
          // Read back as admin: the refused write changed nothing (S23).
          const unchanged = await refusalProof(t, { ...sent, as: { nextgen: 'admin' } }, 'WOT-PERMISSION');
          const x = await t.send(sent);
          t.check(expectErrorCode(x, 'FORBIDDEN', 'WOT-PERMISSION'));
          await unchanged();
        },
      });
    }
  }
  return cases;
}

/** Every id and company code a contact sees, over all pages (bounded). */
async function everythingSeenBy(t: CaseContext, contact: number): Promise<Row[]> {
  const rows: Row[] = [];
  for (let page = 0, skip = 0; page < 25; page++) {
    const x = await t.send({
      op: 'JobsView_List',
      as: { basic: contactCredential(t, contact) },
      query: { $select: 'id,company_code', ...(skip ? { $skip: skip } : {}) },
      partialItems: true,
    });
    t.must(expectStatus(x, [200], 'JOBSVIEW-CONTACT-SCOPE', 'the contact could not list its work orders'));
    const body = jsonBody<{ value?: Row[]; '@odata.nextLink'?: string }>(x);
    const value = body?.value ?? [];
    rows.push(...value);
    if (!body?.['@odata.nextLink'] || value.length === 0) break;
    skip += value.length;
  }
  return rows;
}

const scope: Case[] = [
  {
    id: 'JobsView_List.contact-scope',
    title: 'two contacts of different companies see disjoint work orders, each of one company only',
    family: 'jobs',
    operationId: 'JobsView_List',
    rules: ['JOBSVIEW-CONTACT-SCOPE'],
    writes: false,
    run: async (t: CaseContext) => {
      contactCredential(t, 1);
      const [a, b] = [await everythingSeenBy(t, 0), await everythingSeenBy(t, 1)];
      const companiesA = new Set(a.map((r) => r.company_code));
      const companiesB = new Set(b.map((r) => r.company_code));
      const idsB = new Set(b.map((r) => r.id));
      const shared = a.filter((r) => idsB.has(r.id)).map((r) => r.id);
      t.check(
        expectThat(
          companiesA.size <= 1,
          'contact 1 sees work orders of several companies',
          [...companiesA].join(', '),
          'one company',
          'JOBSVIEW-CONTACT-SCOPE',
        ),
        expectThat(
          companiesB.size <= 1,
          'contact 2 sees work orders of several companies',
          [...companiesB].join(', '),
          'one company',
          'JOBSVIEW-CONTACT-SCOPE',
        ),
        expectThat(
          shared.length === 0,
          'both contacts see the same work orders',
          shared.slice(0, 5).join(', '),
          'no work order in common',
          'JOBSVIEW-CONTACT-SCOPE',
        ),
      );
      if (a.length === 0 || b.length === 0)
        t.notApplicable('a contact sees no work order at all, so scoping cannot be compared');
    },
  },
  {
    id: 'JobsView_Get.contact-scope',
    title: "a contact reading another company's work order by key gets 404",
    family: 'jobs',
    operationId: 'JobsView_Get',
    rules: ['JOBSVIEW-CONTACT-SCOPE', 'JOB-NOT-FOUND'],
    writes: false,
    run: async (t: CaseContext) => {
      const theirs = t.fixtures.contacts[1]?.rows[0];
      if (!theirs) t.skip('needs a second contact who sees at least one work order');
      const x = await t.send({
        op: 'JobsView_Get',
        params: { id: String(theirs.id) },
        as: { basic: contactCredential(t, 0) },
      });
      t.check(
        expectStatus(x, [404], 'JOBSVIEW-CONTACT-SCOPE', "contact 1 could read contact 2's work order"),
      );
    },
  },
];

const wrongKind: Case[] = [
  {
    id: 'Jobs_Get.401.contact',
    title: 'the main API answers 401 to a ServiceDesk contact',
    family: 'jobs',
    operationId: 'Jobs_Get',
    rules: ['JOBS-AUTH'],
    writes: false,
    run: async (t: CaseContext) => {
      const x = await t.send({
        op: 'Jobs_Get',
        params: { id: someJob(t).id },
        as: { basic: contactCredential(t, 0) },
      });
      t.check(expectStatus(x, [401], 'JOBS-AUTH'));
    },
  },
  {
    id: 'Jobs_Put.401.contact',
    title:
      'a ServiceDesk contact cannot write a work order through the main API (401), and it stays as it was',
    family: 'jobs',
    operationId: 'Jobs_Put',
    rules: ['JOBS-AUTH'],
    writes: true,
    run: async (t: CaseContext) => {
      const job = visibleJob(t);
      restoreJob(t, job);
      const request: ApiRequest = {
        op: 'Jobs_Put',
        params: { id: job.id },
        json: { ...writeBodyOf(job.job), name: 'changed by a contact' },
      };
      const unchanged = await refusalProof(t, request, 'JOBS-AUTH');
      const x = await t.send({ ...request, as: { basic: contactCredential(t, job.contact) } });
      t.check(expectStatus(x, [401], 'JOBS-AUTH'));
      await unchanged();
    },
  },
  {
    id: 'JobsView_List.401.user',
    title: 'the ServiceDesk API answers 401 to a main API user',
    family: 'jobs',
    operationId: 'JobsView_List',
    rules: ['JOBS-AUTH'],
    writes: false,
    run: async (t: CaseContext) => {
      const writer = t.config.credentials.jobsWriter;
      if (!writer) t.skip('no jobs API user in the config');
      const x = await t.send({ op: 'JobsView_List', as: { basic: writer } });
      t.check(expectStatus(x, [401], 'JOBS-AUTH'));
    },
  },
  {
    id: 'Jobs_Get.401.wrong-domain',
    title: 'the main API answers 401 to the right user of another domain',
    family: 'jobs',
    operationId: 'Jobs_Get',
    rules: ['JOBS-AUTH'],
    writes: false,
    run: async (t: CaseContext) => {
      const writer = t.config.credentials.jobsWriter;
      if (!writer?.includes('@')) t.skip('the jobs user has no @domain');
      const other = `${writer.slice(0, writer.lastIndexOf('@'))}@not-the-tenant`;
      const x = await t.send({ op: 'Jobs_Get', params: { id: someJob(t).id }, as: { basic: other } });
      t.check(expectStatus(x, [401], 'JOBS-AUTH'));
    },
  },
  {
    id: 'Jobs_Put.403.read-only',
    title: 'a read-only user gets 403 on PUT and the work order stays as it was',
    family: 'jobs',
    operationId: 'Jobs_Put',
    rules: ['JOBS-AUTH'],
    writes: true,
    run: async (t: CaseContext) => {
      const reader = t.config.credentials.jobsReadOnly;
      if (!reader) t.skip('no read-only user in the config (credentials.jobs.readOnly)');
      const job = someJob(t);
      restoreJob(t, job);
      const request: ApiRequest = {
        op: 'Jobs_Put',
        params: { id: job.id },
        json: { ...writeBodyOf(job.job), name: 'changed by a read-only user' },
      };
      const unchanged = await refusalProof(t, request, 'JOBS-AUTH');
      const x = await t.send({ ...request, as: { basic: reader } });
      t.check(expectStatus(x, [403], 'JOBS-AUTH'));
      await unchanged();
    },
  },
  {
    id: 'JobPartUsage_Save.403.read-only',
    title: 'a read-only user gets 403 on Save',
    family: 'jobs',
    operationId: 'JobPartUsage_Save',
    rules: ['JOBS-AUTH'],
    writes: true,
    run: async (t: CaseContext) => {
      const reader = t.config.credentials.jobsReadOnly;
      if (!reader) t.skip('no read-only user in the config (credentials.jobs.readOnly)');
      const id = crypto.randomUUID();
      const request: ApiRequest = { op: 'JobPartUsage_Save', json: { id, jobs_id: someJob(t).id } };
      const unchanged = await refusalProof(t, request, 'JOBS-AUTH');
      const x = await t.send({ ...request, as: { basic: reader } });
      if ((x.response?.status ?? 500) < 300) t.unrestorable(`part usage ${id}`);
      t.check(expectStatus(x, [403], 'JOBS-AUTH'));
      await unchanged();
    },
  },
  {
    id: 'Jobs_Get.read-only-reads',
    title: 'a read-only user may read a work order',
    family: 'jobs',
    operationId: 'Jobs_Get',
    rules: ['JOBS-AUTH'],
    writes: false,
    run: async (t: CaseContext) => {
      const reader = t.config.credentials.jobsReadOnly;
      if (!reader) t.skip('no read-only user in the config (credentials.jobs.readOnly)');
      const x = await t.send({ op: 'Jobs_Get', params: { id: visibleJob(t).id }, as: { basic: reader } });
      t.check(expectStatus(x, [200], 'JOBS-AUTH'));
    },
  },
];

/** What a role may do, it can do: a viewer reads, an editor writes (and the write sticks). */
const allowed: Case[] = [
  ...(['WorkOrderTypes_List', 'WorkOrderTypes_Get'] as const).map(
    (op): Case => ({
      id: `${op}.viewer-reads`,
      title: `${op} answers 200 to a viewer token (${VIEW})`,
      family: 'nextgen',
      operationId: op,
      rules: ['WOT-PERMISSION'],
      writes: false,
      run: async (t: CaseContext) => {
        const request = NEXTGEN_REQUEST[op]?.(t) ?? { op };
        const x = await t.send({ ...request, as: { nextgen: 'viewer' } });
        t.check(expectStatus(x, [200], 'WOT-PERMISSION', `a viewer could not use ${op}`));
      },
    }),
  ),
  {
    id: 'WorkOrderTypes_Patch.editor-writes',
    title: `a PATCH with an editor token (${EDIT} only) is accepted and the next read as admin shows it`,
    family: 'nextgen',
    operationId: 'WorkOrderTypes_Patch',
    rules: ['WOT-PERMISSION', 'HTTP-WRITE-PERSISTS'],
    writes: true,
    run: async (t: CaseContext) => {
      const type = await typeToChange(t, ['order']);
      const order = type.order === 4321 ? 1234 : 4321;
      const x = await t.send({
        op: 'WorkOrderTypes_Patch',
        params: { typeId: type.id },
        json: { order },
        as: { nextgen: 'editor' },
      });
      t.must(expectStatus(x, [200], 'WOT-PERMISSION', 'an editor could not PATCH'));
      const read = await t.send({ op: 'WorkOrderTypes_Get', params: { typeId: type.id } });
      t.check(
        expectValue('order read back as admin', jsonBody(read)?.order, order, 'HTTP-WRITE-PERSISTS', read),
      );
    },
  },
];

export function accessCases(): Case[] {
  return [...scope, ...wrongKind, ...permissionCases(), ...allowed];
}
