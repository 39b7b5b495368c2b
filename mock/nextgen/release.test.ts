// The spec documents under Node: the modules under test read lib/spec-runtime.ts.
import '../../lib/spec.ts';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { availableSince, fsmReleaseOf, isAvailable, releaseViolations } from './release.ts';
import { type NextGenMock, startNextGen, TYPES } from './testing.ts';

const FSM_23_FIELDS = [
  'assetTypeId',
  'accountTypeId',
  'familyTypeId',
  'ownerTypeId',
  'totalOutcomes',
  'mobileAccountingTypeId',
  'preDistributedWorkOrder',
  'bookingForSLA',
  'autoGisPackage',
];

test('fsmReleaseOf reads the FSM release of an x-available-since text', () => {
  expect(fsmReleaseOf('2026 W2 (FSM 23.0)')).toBe(23);
  expect(fsmReleaseOf('2024 W1 (FSM 16.5)')).toBe(16.5);
  expect(() => fsmReleaseOf('2026 W2')).toThrow();
});

test('the FSM 23.0 fields of document 004 are available from 23.0 on', () => {
  for (const field of FSM_23_FIELDS) {
    expect(availableSince(field)).toBe(23);
    expect(isAvailable(field, 22.9)).toBe(false);
    expect(isAvailable(field, 23)).toBe(true);
  }
  expect(availableSince('code')).toBeUndefined();
  expect(isAvailable('technicalObjectTypeId', 16)).toBe(true);
});

test('releaseViolations names each field the release lacks, with rule WOT-RELEASE-GATING', () => {
  expect(releaseViolations({ code: 'x', totalOutcomes: true }, 22)).toEqual([
    expect.objectContaining({
      code: 'BASE_0001',
      rule: 'WOT-RELEASE-GATING',
      source: '004',
      field: '/totalOutcomes',
    }),
  ]);
  expect(releaseViolations({ totalOutcomes: true }, 23)).toEqual([]);
  expect(releaseViolations('not an object', 22)).toEqual([]);
});

let old: NextGenMock;
beforeAll(async () => {
  old = await startNextGen({ fsmRelease: 22 });
});
afterAll(() => old.close());

test.each(FSM_23_FIELDS)(
  'FSM 22.0 refuses %s in a PATCH with 400 BASE_0001 WOT-RELEASE-GATING',
  async (field) => {
    const c = old.client();
    const value = field.endsWith('Id') ? 1 : true;
    const reply = await c.as('PATCH', `${TYPES}/1`, { body: { [field]: value } });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      code: 'BASE_0001',
      errors: [{ code: 'BASE_0001', rule: 'WOT-RELEASE-GATING', field }],
    });
  },
);

test('FSM 22.0 refuses an FSM 23.0 field in a POST', async () => {
  const reply = await old.client().as('POST', TYPES, {
    body: {
      code: 'OLD',
      description: 'Old',
      requestTypeId: 1,
      serviceTypeId: 1,
      technicalObjectTypeId: 1,
      autoGisPackage: true,
    },
  });
  expect(reply.status).toBe(400);
  expect(reply.body.errors[0]).toMatchObject({ rule: 'WOT-RELEASE-GATING', field: 'autoGisPackage' });
});

test('FSM 22.0 leaves the FSM 23.0 fields out of every answer', async () => {
  const c = old.client();
  const one = await c.as('GET', `${TYPES}/1`);
  const list = await c.as('GET', TYPES);
  const patched = await c.as('PATCH', `${TYPES}/1`, { body: { color: '#010101' } });
  for (const body of [one.body, list.body.content[0], patched.body]) {
    expect(Object.keys(body)).toHaveLength(12);
    for (const field of FSM_23_FIELDS) expect(body).not.toHaveProperty(field);
  }
});

test('FSM 22.0 refuses FSM 23.0 fields in _fields and _order', async () => {
  const c = old.client();
  expect((await c.as('GET', `${TYPES}?_fields=assetTypeId`)).body.errors[0].field).toBe('_fields');
  expect((await c.as('GET', `${TYPES}?_order=-totalOutcomes`)).body.errors[0].field).toBe('_order');
});

test('FSM 22.0 still requires a technicalObjectTypeId, whatever specific ids are stored', async () => {
  const reply = await old.client().as('PATCH', `${TYPES}/1`, { body: { technicalObjectTypeId: null } });
  expect(reply.status).toBe(400);
  expect(reply.body.code).toBe('WORKORDERS_ORCHESTRATOR_026');
});
