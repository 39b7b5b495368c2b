// The spec documents under Node: the modules under test read lib/spec-runtime.ts.
import '../../lib/spec.ts';
import { expect, test } from 'vitest';
import type { WorkOrderType } from '../../generators/fixtures/data-set.ts';
import { generateDataSet } from '../../generators/fixtures/generate.ts';
import { MockState } from '../state/mock-state.ts';
import {
  createWorkOrderType,
  listWorkOrderTypes,
  patchWorkOrderType,
  type WorkOrderTypePatch,
} from './work-order-type-store.ts';

const fresh = () => new MockState(generateDataSet({ seed: 42, jobs: 0 }));
const ctx = { release: 23, language: 'EN' };
const en = (t: WorkOrderType) => t.description.EN ?? '';
const ofKind = (state: MockState, kind: string) =>
  [...state.nextgen.technicalObjectTypes.values()].filter((t) => t.kind === kind);
const typeWithSpecific = (state: MockState) => {
  const type = [...state.nextgen.workOrderTypes.values()].find(
    (t) => t.assetTypeId !== null || t.ownerTypeId !== null,
  );
  if (!type) throw new Error('no type with a specific id');
  return type;
};

test('a refused write changes nothing, not even the state version', () => {
  const state = fresh();
  const before = structuredClone(state.nextgen.workOrderTypes.get(1));
  const result = patchWorkOrderType(state, 1, { requestTypeId: 999, code: 'NEW' }, ctx);
  expect(result.ok).toBe(false);
  expect(state.nextgen.workOrderTypes.get(1)).toEqual(before);
  expect(state.version).toBe(0);
});

test('an accepted write replaces the type and bumps the state version', () => {
  const state = fresh();
  const result = patchWorkOrderType(state, 1, { color: '#FFFFFF' }, ctx);
  expect(result).toMatchObject({ ok: true, value: { id: 1, color: '#FFFFFF' } });
  expect(state.version).toBe(1);
});

test('the store refuses two specific ids itself, whatever the schema let through (rule 2)', () => {
  const state = fresh();
  const [asset] = ofKind(state, 'asset');
  const [owner] = ofKind(state, 'owner');
  const body = { assetTypeId: asset?.id, ownerTypeId: owner?.id } as WorkOrderTypePatch;
  const result = patchWorkOrderType(state, 1, body, ctx);
  expect(result).toMatchObject({
    ok: false,
    violations: [{ code: 'WORKORDERS_ORCHESTRATOR_027', rule: 'WOT-TOT-ONLY-ONE' }],
  });
});

test('a new technicalObjectTypeId alone clears the specific ids that no longer match it', () => {
  const state = fresh();
  const type = typeWithSpecific(state);
  const other = [...state.nextgen.technicalObjectTypes.values()].find(
    (t) =>
      t.id !== type.technicalObjectTypeId &&
      ![...state.nextgen.workOrderTypes.values()].some(
        (w) =>
          w.requestTypeId === type.requestTypeId &&
          w.serviceTypeId === type.serviceTypeId &&
          w.technicalObjectTypeId === t.id,
      ),
  );
  const result = patchWorkOrderType(
    state,
    type.id,
    { technicalObjectTypeId: other?.id ?? null } as WorkOrderTypePatch,
    ctx,
  );
  expect(result).toMatchObject({
    ok: true,
    value: {
      technicalObjectTypeId: other?.id,
      assetTypeId: null,
      accountTypeId: null,
      familyTypeId: null,
      ownerTypeId: null,
    },
  });
});

test('clearing technicalObjectTypeId while a specific id remains maps it back (rules 1 and 4 on the result)', () => {
  const state = fresh();
  const type = typeWithSpecific(state);
  const result = patchWorkOrderType(
    state,
    type.id,
    { technicalObjectTypeId: null } as unknown as WorkOrderTypePatch,
    ctx,
  );
  expect(result).toMatchObject({ ok: true, value: { technicalObjectTypeId: type.technicalObjectTypeId } });
});

test('a PATCH of an unknown id is NOT_FOUND', () => {
  expect(patchWorkOrderType(fresh(), 999, { color: '#000' }, ctx)).toMatchObject({
    ok: false,
    violations: [{ code: 'NOT_FOUND', rule: 'WOT-NOT-FOUND' }],
  });
});

test('setting active to false is refused only while a work order that is not closed, canceled or aligned uses the type', () => {
  const state = fresh();
  const orders = [...state.nextgen.workOrders.values()];
  const type = [...state.nextgen.workOrderTypes.values()].find((t) => !orders.some((w) => w.typeId === t.id));
  if (!type) throw new Error('no unused type');
  const order = orders[0];
  if (!order) throw new Error('no work order');
  for (const status of ['closed', 'canceled', 'aligned'] as const) {
    state.nextgen.workOrders.set(order.id, { ...order, typeId: type.id, status });
    expect(patchWorkOrderType(state, type.id, { active: false }, ctx).ok).toBe(true);
  }
  for (const status of ['new', 'assigned', 'in_progress', 'suspended'] as const) {
    state.nextgen.workOrders.set(order.id, { ...order, typeId: type.id, status });
    expect(patchWorkOrderType(state, type.id, { active: false }, ctx)).toMatchObject({
      ok: false,
      violations: [{ code: 'WORKORDERS_016' }],
    });
  }
});

test('a created type gets the next id, the writer language description and defaults for the rest', () => {
  const state = fresh();
  const max = Math.max(...state.nextgen.workOrderTypes.keys());
  const used = new Set(
    [...state.nextgen.workOrderTypes.values()].map(
      (t) => `${t.requestTypeId}/${t.serviceTypeId}/${t.technicalObjectTypeId}`,
    ),
  );
  const tot = [...state.nextgen.technicalObjectTypes.keys()].find((id) => !used.has(`1/1/${id}`));
  const result = createWorkOrderType(
    state,
    {
      code: 'NEW',
      description: 'Nuovo',
      requestTypeId: 1,
      serviceTypeId: 1,
      technicalObjectTypeId: tot ?? 0,
    },
    { release: 23, language: 'IT' },
  );
  expect(result).toMatchObject({
    ok: true,
    value: {
      id: max + 1,
      description: { IT: 'Nuovo' },
      active: true,
      booking: false,
      order: null,
      structureId: null,
      autoGisPackage: false,
    },
  });
});

test('unpaged lists have one page: page 1 of an unpaged list is empty', () => {
  const state = fresh();
  const query = { filter: {}, order: [{ field: 'order', descending: false }] };
  expect(listWorkOrderTypes(state, { ...query, page: { num: 0, size: 0 } }, en).items).toHaveLength(
    state.nextgen.workOrderTypes.size,
  );
  expect(listWorkOrderTypes(state, { ...query, page: { num: 1, size: 0 } }, en)).toEqual({
    items: [],
    hasMore: false,
  });
});

test('null values sort after every value ascending and before them descending', () => {
  const state = fresh();
  const type = state.nextgen.workOrderTypes.get(1) as WorkOrderType;
  state.nextgen.workOrderTypes.set(1, { ...type, order: null });
  const ids = (descending: boolean) =>
    listWorkOrderTypes(
      state,
      { filter: {}, order: [{ field: 'order', descending }], page: { num: 0, size: 0 } },
      en,
    ).items.map((t) => t.id);
  expect(ids(false).at(-1)).toBe(1);
  expect(ids(true)[0]).toBe(1);
});
