import { afterAll, beforeAll, expect, test } from 'vitest';
import type { NextGenData, WorkOrderType } from '../../generators/fixtures/data-set.ts';
import {
  freeTriplet,
  type NextGenClient,
  type NextGenMock,
  type Reply,
  startNextGen,
  TYPES,
  technicalObjectTypeOfKind,
  typeUsedByActiveWorkOrder,
  typeUsedOnlyByInactiveWorkOrders,
  typeWithStructure,
} from './testing.ts';

let mock: NextGenMock;
let data: NextGenData;
beforeAll(async () => {
  mock = await startNextGen();
  data = mock.data;
});
afterAll(() => mock.close());

const first = (): WorkOrderType => data.workOrderTypes[0] as WorkOrderType;
const second = (): WorkOrderType => data.workOrderTypes[1] as WorkOrderType;
const patch = (c: NextGenClient, id: number, body: unknown) => c.as('PATCH', `${TYPES}/${id}`, { body });
const get = (c: NextGenClient, id: number) => c.as('GET', `${TYPES}/${id}`);

function expectError(reply: Reply, status: number, code: string, rule?: string, field?: string): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body.status).toBe(status);
  expect(reply.body.code).toBe(code);
  if (rule !== undefined) {
    expect(reply.body.errors).toContainEqual(
      expect.objectContaining({ code, rule, source: expect.any(String), ...(field ? { field } : {}) }),
    );
  }
}

/** A family technical object type that makes a free triplet with the type's request and service types. */
function freeFamilyFor(type: WorkOrderType): number {
  const family = data.technicalObjectTypes.find(
    (t) =>
      t.kind === 'family' &&
      !data.workOrderTypes.some(
        (w) =>
          w.requestTypeId === type.requestTypeId &&
          w.serviceTypeId === type.serviceTypeId &&
          w.technicalObjectTypeId === t.id,
      ),
  );
  if (!family) throw new Error('no free family type');
  return family.id;
}

type Refusal = {
  name: string;
  type: () => WorkOrderType;
  body: () => Record<string, unknown>;
  status: number;
  code: string;
  rule: string;
  field?: string;
};

const refusals: Refusal[] = [
  {
    name: 'a code longer than 20 characters',
    type: first,
    body: () => ({ code: 'C'.repeat(21) }),
    status: 400,
    code: 'BASE_0001',
    rule: 'WOT-MAX-LENGTH',
    field: 'code',
  },
  {
    name: 'a description longer than 80 characters',
    type: first,
    body: () => ({ description: 'd'.repeat(81) }),
    status: 400,
    code: 'BASE_0001',
    rule: 'WOT-MAX-LENGTH',
    field: 'description',
  },
  {
    name: 'a color longer than 10 characters',
    type: first,
    body: () => ({ color: '#'.repeat(11) }),
    status: 400,
    code: 'BASE_0001',
    rule: 'WOT-MAX-LENGTH',
    field: 'color',
  },
  {
    name: 'an order of more than 4 digits',
    type: first,
    body: () => ({ order: 10000 }),
    status: 400,
    code: 'BASE_0001',
    rule: 'WOT-MAX-LENGTH',
    field: 'order',
  },
  {
    name: 'serviceLevelDays of more than 10 digits',
    type: first,
    body: () => ({ serviceLevelDays: 10_000_000_000 }),
    status: 400,
    code: 'BASE_0001',
    rule: 'WOT-MAX-LENGTH',
    field: 'serviceLevelDays',
  },
  {
    name: 'a text for a flag',
    type: first,
    body: () => ({ active: 'yes' }),
    status: 400,
    code: 'BASE_0001',
    rule: 'WOT-FIELD-TYPES',
    field: 'active',
  },
  {
    name: 'a fraction for an id',
    type: first,
    body: () => ({ requestTypeId: 1.5 }),
    status: 400,
    code: 'BASE_0001',
    rule: 'WOT-FIELD-TYPES',
    field: 'requestTypeId',
  },
  {
    name: 'an id below 1',
    type: first,
    body: () => ({ structureId: 0 }),
    status: 400,
    code: 'BASE_0001',
    rule: 'WOT-FIELD-TYPES',
    field: 'structureId',
  },
  {
    name: 'an unknown field',
    type: first,
    body: () => ({ colour: 'red' }),
    status: 400,
    code: 'BASE_0001',
    rule: 'WOT-FIELD-TYPES',
    field: 'colour',
  },
  {
    name: 'an empty body object',
    type: first,
    body: () => ({}),
    status: 400,
    code: 'BASE_0001',
    rule: 'WOT-FIELD-TYPES',
  },
  {
    name: 'two specific technical object type ids',
    type: first,
    body: () => ({
      assetTypeId: technicalObjectTypeOfKind(data, 'asset'),
      accountTypeId: technicalObjectTypeOfKind(data, 'account'),
    }),
    status: 400,
    code: 'WORKORDERS_ORCHESTRATOR_027',
    rule: 'WOT-TOT-ONLY-ONE',
  },
  {
    name: 'a specific id that differs from technicalObjectTypeId',
    type: first,
    body: () => ({
      assetTypeId: technicalObjectTypeOfKind(data, 'asset'),
      technicalObjectTypeId: technicalObjectTypeOfKind(data, 'owner'),
    }),
    status: 400,
    code: 'WORKORDERS_ORCHESTRATOR_028',
    rule: 'WOT-TOT-CONSISTENT',
    field: 'technicalObjectTypeId',
  },
  {
    name: 'clearing every technical object type id',
    type: first,
    body: () => ({
      technicalObjectTypeId: null,
      assetTypeId: null,
      accountTypeId: null,
      familyTypeId: null,
      ownerTypeId: null,
    }),
    status: 400,
    code: 'WORKORDERS_ORCHESTRATOR_026',
    rule: 'WOT-TOT-AT-LEAST-ONE',
  },
  {
    name: 'an unknown request type',
    type: first,
    body: () => ({ requestTypeId: 9999 }),
    status: 422,
    code: 'BASE_0003',
    rule: 'WOT-REFERENCES-EXIST',
    field: 'requestTypeId',
  },
  {
    name: 'an unknown service type',
    type: first,
    body: () => ({ serviceTypeId: 9999 }),
    status: 422,
    code: 'BASE_0003',
    rule: 'WOT-REFERENCES-EXIST',
    field: 'serviceTypeId',
  },
  {
    name: 'an unknown technical object type',
    type: first,
    body: () => ({ technicalObjectTypeId: 9999 }),
    status: 422,
    code: 'BASE_0003',
    rule: 'WOT-REFERENCES-EXIST',
    field: 'technicalObjectTypeId',
  },
  {
    name: 'an unknown structure',
    type: first,
    body: () => ({ structureId: 9999 }),
    status: 422,
    code: 'BASE_0003',
    rule: 'WOT-REFERENCES-EXIST',
    field: 'structureId',
  },
  {
    name: 'an unknown mobile accounting type',
    type: first,
    body: () => ({ mobileAccountingTypeId: 9999 }),
    status: 422,
    code: 'BASE_0003',
    rule: 'WOT-REFERENCES-EXIST',
    field: 'mobileAccountingTypeId',
  },
  {
    name: 'an assetTypeId that names an account type',
    type: first,
    body: () => ({ assetTypeId: technicalObjectTypeOfKind(data, 'account') }),
    status: 422,
    code: 'BASE_0003',
    rule: 'WOT-REFERENCES-EXIST',
    field: 'assetTypeId',
  },
  {
    name: 'the code of another type',
    type: first,
    body: () => ({ code: second().code }),
    status: 409,
    code: 'BASE_0007',
    rule: 'WOT-CODE-UNIQUE',
    field: 'code',
  },
  {
    name: 'the triplet of another type',
    type: first,
    body: () => ({
      requestTypeId: second().requestTypeId,
      serviceTypeId: second().serviceTypeId,
      technicalObjectTypeId: second().technicalObjectTypeId,
    }),
    status: 409,
    code: 'WORKORDERS_015',
    rule: 'WOT-TRIPLET-UNIQUE',
  },
  {
    name: 'deactivating a type an active work order uses',
    type: () => typeUsedByActiveWorkOrder(data),
    body: () => ({ active: false }),
    status: 409,
    code: 'WORKORDERS_016',
    rule: 'WOT-ACTIVE-IN-USE',
    field: 'active',
  },
  {
    name: 'the structure the type already has',
    type: () => typeWithStructure(data),
    body: () => ({ structureId: typeWithStructure(data).structureId }),
    status: 409,
    code: 'BASE_0010',
    rule: 'WOT-STRUCTURE-SAME',
    field: 'structureId',
  },
];

test.each(refusals)(
  'PATCH refuses $name with $status $code',
  async ({ type, body, status, code, rule, field }) => {
    const c = mock.client();
    const id = type().id;
    const before = await get(c, id);
    expectError(await patch(c, id, body()), status, code, rule, field);
    expect(await get(c, id)).toMatchObject({ status: 200, body: before.body });
  },
);

test('PATCH answers 404 NOT_FOUND for a type that does not exist', async () => {
  expectError(await patch(mock.client(), 99_999, { color: '#000000' }), 404, 'NOT_FOUND', 'WOT-NOT-FOUND');
});

test('PATCH treats a typeId that is not an integer as 400 BASE_0001', async () => {
  const reply = await mock.client().as('PATCH', `${TYPES}/abc`, { body: { color: '#000' } });
  expectError(reply, 400, 'BASE_0001');
  expect(reply.body.errors[0].field).toBe('typeId');
});

test('PATCH answers 200 with the whole updated type and GET shows the change', async () => {
  const c = mock.client();
  const type = first();
  const reply = await patch(c, type.id, { color: '#43A047', order: 77, booking: !type.booking });
  expect(reply.status).toBe(200);
  expect(reply.body).toMatchObject({
    id: type.id,
    code: type.code,
    color: '#43A047',
    order: 77,
    booking: !type.booking,
  });
  expect(Object.keys(reply.body)).toContain('autoGisPackage');
  expect((await get(c, type.id)).body).toEqual(reply.body);
});

test('PATCH of description sets the user language and keeps the other translations', async () => {
  const c = mock.client();
  const type = first();
  expect((await patch(c, type.id, { description: 'Renamed' })).body.description).toBe('Renamed');
  const all = await c.as('GET', `${TYPES}/${type.id}?_language=ALL`);
  expect(all.body.description).toEqual(
    expect.arrayContaining([
      { lang: 'EN', value: 'Renamed' },
      { lang: 'IT', value: type.description.IT },
    ]),
  );
});

test('PATCH maps a single specific id to technicalObjectTypeId and clears the other specific ids', async () => {
  const c = mock.client();
  const type = first();
  const family = freeFamilyFor(type);
  const reply = await patch(c, type.id, { familyTypeId: family });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  expect(reply.body).toMatchObject({
    technicalObjectTypeId: family,
    familyTypeId: family,
    assetTypeId: null,
    accountTypeId: null,
    ownerTypeId: null,
  });
});

test('PATCH accepts a specific id equal to technicalObjectTypeId', async () => {
  const c = mock.client();
  const type = first();
  const family = freeFamilyFor(type);
  const reply = await patch(c, type.id, { familyTypeId: family, technicalObjectTypeId: family });
  expect(reply.status).toBe(200);
  expect(reply.body.technicalObjectTypeId).toBe(family);
});

test('PATCH may clear a specific id while technicalObjectTypeId remains', async () => {
  const c = mock.client();
  const type = first();
  const specific = (['assetTypeId', 'accountTypeId', 'familyTypeId', 'ownerTypeId'] as const).find(
    (f) => type[f] !== null,
  );
  if (!specific) throw new Error('the first type has no specific id');
  const reply = await patch(c, type.id, { [specific]: null });
  expect(reply.status).toBe(200);
  expect(reply.body).toMatchObject({ [specific]: null, technicalObjectTypeId: type.technicalObjectTypeId });
});

test('PATCH deactivates a type that only closed, canceled or aligned work orders use', async () => {
  const type = typeUsedOnlyByInactiveWorkOrders(data);
  const reply = await patch(mock.client(), type.id, { active: false });
  expect(reply.status).toBe(200);
  expect(reply.body.active).toBe(false);
});

test('PATCH associates another existing structure', async () => {
  const type = typeWithStructure(data);
  const other = data.structures.find((s) => s.id !== type.structureId);
  const reply = await patch(mock.client(), type.id, { structureId: other?.id });
  expect(reply.status).toBe(200);
  expect(reply.body.structureId).toBe(other?.id);
});

test('PATCH keeps the code of a type unique after another PATCH renamed it', async () => {
  const c = mock.client();
  const [a, b] = [first(), second()];
  expect((await patch(c, a.id, { code: 'RENAMED-A' })).status).toBe(200);
  expectError(await patch(c, b.id, { code: 'RENAMED-A' }), 409, 'BASE_0007', 'WOT-CODE-UNIQUE');
  expect((await patch(c, b.id, { code: a.code })).status).toBe(200);
  expect((await patch(c, a.id, { code: 'RENAMED-A' })).status).toBe(200);
});

test('PATCH lets a type keep its own code and triplet', async () => {
  const type = first();
  const reply = await patch(mock.client(), type.id, {
    code: type.code,
    requestTypeId: type.requestTypeId,
    serviceTypeId: type.serviceTypeId,
    technicalObjectTypeId: type.technicalObjectTypeId,
  });
  expect(reply.status).toBe(200);
});

test('PATCH reports every conflict of one request, the first one deciding the code', async () => {
  const reply = await patch(mock.client(), first().id, {
    code: second().code,
    requestTypeId: second().requestTypeId,
    serviceTypeId: second().serviceTypeId,
    technicalObjectTypeId: second().technicalObjectTypeId,
  });
  expectError(reply, 409, 'WORKORDERS_015', 'WOT-TRIPLET-UNIQUE');
  expect(reply.body.errors.map((e: { code: string }) => e.code)).toEqual(['WORKORDERS_015', 'BASE_0007']);
});

test('PATCH answers 415 UNSUPPORTED_MEDIA_TYPE for a body that is not JSON', async () => {
  const reply = await mock
    .client()
    .as('PATCH', `${TYPES}/${first().id}`, { raw: '<x/>', contentType: 'application/xml' });
  expectError(reply, 415, 'UNSUPPORTED_MEDIA_TYPE');
});

test('PATCH answers 400 BASE_0001 for malformed JSON', async () => {
  expectError(
    await mock.client().as('PATCH', `${TYPES}/${first().id}`, { raw: '{"code":' }),
    400,
    'BASE_0001',
  );
});

test('GET answers 406 NOT_ACCEPTABLE when Accept names no JSON type', async () => {
  const reply = await mock
    .client()
    .as('GET', `${TYPES}/${first().id}`, { headers: { Accept: 'application/xml' } });
  expectError(reply, 406, 'NOT_ACCEPTABLE');
});

test('GET one answers every field, null for unset ids', async () => {
  const type = data.workOrderTypes.find((t) => t.structureId === null);
  if (!type) throw new Error('no type without structure');
  const reply = await get(mock.client(), type.id);
  expect(reply.status).toBe(200);
  expect(reply.body.structureId).toBeNull();
  expect(reply.body.description).toBe(type.description.EN);
  expect(Object.keys(reply.body)).toHaveLength(21);
});

test('GET one answers 404 NOT_FOUND for an unknown id and 400 BASE_0001 for a non-integer id', async () => {
  const c = mock.client();
  expectError(await get(c, 99_999), 404, 'NOT_FOUND', 'WOT-NOT-FOUND');
  const reply = await c.as('GET', `${TYPES}/1.5`);
  expectError(reply, 400, 'BASE_0001');
  expect(reply.body.errors[0].field).toBe('typeId');
});

test('GET one limits the fields to _fields, keeping id', async () => {
  const reply = await mock.client().as('GET', `${TYPES}/${first().id}?_fields=code&_fields=color`);
  expect(Object.keys(reply.body).sort()).toEqual(['code', 'color', 'id']);
});

test.each([
  ['USER', (t: WorkOrderType) => t.description.EN],
  ['IT', (t: WorkOrderType) => t.description.IT],
  ['it', (t: WorkOrderType) => t.description.IT],
  ['DE', (t: WorkOrderType) => t.description.EN],
])('GET one with _language=%s answers the description as one string', async (language, expected) => {
  const reply = await mock.client().as('GET', `${TYPES}/${first().id}?_language=${language}`);
  expect(reply.body.description).toBe(expected(first()));
});

test('POST creates a type, answers 201 with it and the list finds it by code', async () => {
  const c = mock.client();
  const triplet = freeTriplet(data);
  const reply = await c.as('POST', TYPES, {
    body: { code: 'NEW-TYPE', description: 'A new type', ...triplet },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  expect(reply.body).toMatchObject({
    code: 'NEW-TYPE',
    description: 'A new type',
    active: true,
    structureId: null,
    ...triplet,
  });
  expect(reply.headers.get('location')).toBe(`${TYPES}/${reply.body.id}`);
  const list = await c.as('GET', `${TYPES}?code=NEW-TYPE`);
  expect(list.body.content).toEqual([reply.body]);
  expect((await get(c, reply.body.id)).body).toEqual(reply.body);
});

test('POST maps a single specific id to technicalObjectTypeId', async () => {
  const triplet = freeTriplet(data);
  const kind = data.technicalObjectTypes.find((t) => t.id === triplet.technicalObjectTypeId)?.kind;
  const field = `${kind}TypeId`;
  const reply = await mock.client().as('POST', TYPES, {
    body: {
      code: 'MAPPED',
      description: 'Mapped',
      requestTypeId: triplet.requestTypeId,
      serviceTypeId: triplet.serviceTypeId,
      [field]: triplet.technicalObjectTypeId,
    },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  expect(reply.body).toMatchObject({
    technicalObjectTypeId: triplet.technicalObjectTypeId,
    [field]: triplet.technicalObjectTypeId,
  });
});

const create = () => ({ code: 'CREATED', description: 'Created', ...freeTriplet(data) });
test.each([
  {
    name: 'a missing required field',
    body: () => ({ code: 'X', description: 'x', requestTypeId: 1 }),
    status: 400,
    code: 'BASE_0001',
    rule: 'WOT-FIELD-TYPES',
  },
  {
    name: 'no technical object type id',
    body: () => ({ ...create(), technicalObjectTypeId: undefined }),
    status: 400,
    code: 'WORKORDERS_ORCHESTRATOR_026',
    rule: 'WOT-TOT-AT-LEAST-ONE',
  },
  {
    name: 'a null technical object type id',
    body: () => ({ ...create(), technicalObjectTypeId: null }),
    status: 400,
    code: 'WORKORDERS_ORCHESTRATOR_026',
    rule: 'WOT-TOT-AT-LEAST-ONE',
  },
  {
    name: 'two specific ids',
    body: () => ({
      ...create(),
      assetTypeId: technicalObjectTypeOfKind(data, 'asset'),
      ownerTypeId: technicalObjectTypeOfKind(data, 'owner'),
    }),
    status: 400,
    code: 'WORKORDERS_ORCHESTRATOR_027',
    rule: 'WOT-TOT-ONLY-ONE',
  },
  {
    name: 'a mismatching specific id',
    body: () => ({
      ...create(),
      ownerTypeId: technicalObjectTypeOfKind(data, 'owner', create().technicalObjectTypeId),
    }),
    status: 400,
    code: 'WORKORDERS_ORCHESTRATOR_028',
    rule: 'WOT-TOT-CONSISTENT',
  },
  {
    name: 'an unknown service type',
    body: () => ({ ...create(), serviceTypeId: 9999 }),
    status: 422,
    code: 'BASE_0003',
    rule: 'WOT-REFERENCES-EXIST',
  },
  {
    name: 'a code already used',
    body: () => ({ ...create(), code: first().code }),
    status: 409,
    code: 'BASE_0007',
    rule: 'WOT-CODE-UNIQUE',
  },
  {
    name: 'a triplet already used',
    body: () => ({
      ...create(),
      requestTypeId: first().requestTypeId,
      serviceTypeId: first().serviceTypeId,
      technicalObjectTypeId: first().technicalObjectTypeId,
    }),
    status: 409,
    code: 'WORKORDERS_015',
    rule: 'WOT-TRIPLET-UNIQUE',
  },
])('POST refuses $name with $status $code and creates nothing', async ({ body, status, code, rule }) => {
  const c = mock.client();
  expectError(await c.as('POST', TYPES, { body: body() }), status, code, rule);
  const list = await c.as('GET', `${TYPES}?_page[size]=0`);
  expect(list.body.content).toHaveLength(data.workOrderTypes.length);
});

test('the list answers the first page of 20 in ascending order by default', async () => {
  const reply = await mock.client().as('GET', TYPES);
  expect(reply.status).toBe(200);
  const orders = reply.body.content.map((t: { order: number }) => t.order);
  expect(orders).toEqual([...orders].sort((a, b) => a - b));
  expect(reply.body._page).toEqual({ num: 0, size: 20, hasMore: false });
  expect(reply.body._order).toEqual(['+order']);
});

test('the list pages with _page[num] from 0 and _page[size]', async () => {
  const c = mock.client();
  const total = data.workOrderTypes.length;
  const pages = await Promise.all(
    [0, 1, 2].map((n) => c.as('GET', `${TYPES}?_page[num]=${n}&_page[size]=5`)),
  );
  expect(pages.map((p) => p.body.content.length)).toEqual([5, 5, total - 10]);
  expect(pages.map((p) => p.body._page.hasMore)).toEqual([true, true, false]);
  const ids = pages.flatMap((p) => p.body.content.map((t: { id: number }) => t.id));
  expect(new Set(ids).size).toBe(total);
  const unpaged = await c.as('GET', `${TYPES}?_page%5Bsize%5D=0`);
  expect(unpaged.body.content).toHaveLength(total);
  expect(unpaged.body._page.hasMore).toBe(false);
});

test('the list orders by _order fields, + or - each', async () => {
  const c = mock.client();
  const byCode = await c.as('GET', `${TYPES}?_order=-code`);
  const codes = byCode.body.content.map((t: { code: string }) => t.code);
  expect(codes).toEqual([...codes].sort().reverse());
  const twoKeys = await c.as('GET', `${TYPES}?_order=%2Bactive,-order`);
  expect(twoKeys.body._order).toEqual(['+active', '-order']);
  const rows = twoKeys.body.content as { active: boolean; order: number }[];
  const expected = [...rows].sort((a, b) => Number(a.active) - Number(b.active) || b.order - a.order);
  expect(rows).toEqual(expected);
});

test('the list filters by repeated code and id parameters (any of them)', async () => {
  const c = mock.client();
  const [a, b] = [first(), second()];
  const byCode = await c.as('GET', `${TYPES}?code=${a.code}&code=${b.code}`);
  expect(byCode.body.content.map((t: { id: number }) => t.id).sort()).toEqual([a.id, b.id].sort());
  const byId = await c.as('GET', `${TYPES}?id=${a.id}&id=${b.id}&id=99999`);
  expect(byId.body.content).toHaveLength(2);
});

test('the list filters description with * wildcards, case-insensitively', async () => {
  const word = (first().description.EN as string).split(',')[0] as string;
  const reply = await mock
    .client()
    .as('GET', `${TYPES}?description=${encodeURIComponent(`${word.toUpperCase()}*`)}`);
  const expected = data.workOrderTypes.filter((t) =>
    t.description.EN?.toLowerCase().startsWith(word.toLowerCase()),
  );
  expect(reply.body.content.map((t: { id: number }) => t.id).sort()).toEqual(
    expected.map((t) => t.id).sort(),
  );
  expect(expected.length).toBeGreaterThan(0);
});

test.each([
  ['active=false', (t: WorkOrderType) => !t.active],
  ['booking=true', (t: WorkOrderType) => t.booking],
  ['requestTypeId=1', (t: WorkOrderType) => t.requestTypeId === 1],
  ['serviceTypeId=2', (t: WorkOrderType) => t.serviceTypeId === 2],
  ['technicalObjectTypeId=4', (t: WorkOrderType) => t.technicalObjectTypeId === 4],
  ['structureId=1', (t: WorkOrderType) => t.structureId === 1],
  ['order=20', (t: WorkOrderType) => t.order === 20],
])('the list filters by %s', async (query, predicate) => {
  const reply = await mock.client().as('GET', `${TYPES}?${query}&_page[size]=0`);
  const ids = reply.body.content.map((t: { id: number }) => t.id).sort((a: number, b: number) => a - b);
  expect(ids).toEqual(data.workOrderTypes.filter(predicate).map((t) => t.id));
});

test('the list answers only the _fields asked for, and descriptions in every language with _language=ALL', async () => {
  const c = mock.client();
  const fields = await c.as('GET', `${TYPES}?_fields=code&_fields=order`);
  for (const row of fields.body.content) expect(Object.keys(row).sort()).toEqual(['code', 'id', 'order']);
  const all = await c.as('GET', `${TYPES}?_language=ALL&_fields=description`);
  expect(all.body.content[0].description).toEqual(
    expect.arrayContaining([expect.objectContaining({ lang: 'IT' })]),
  );
});

test.each([
  ['_page[size]', '_page[size]=10001'],
  ['_page[num]', '_page[num]=-1'],
  ['_page[size]', '_page[size]=ten'],
  ['active', 'active=maybe'],
  ['id', 'id=abc'],
  ['order', 'order=1&order=2'],
  ['_order', '_order=%2Bnope'],
  ['_fields', '_fields=nope'],
  ['_language', '_language=xyz'],
])('the list refuses a bad %s with 400 BASE_0001 naming it', async (parameter, query) => {
  const reply = await mock.client().as('GET', `${TYPES}?${query}`);
  expectError(reply, 400, 'BASE_0001');
  expect(reply.body.errors[0].field).toBe(parameter);
});

test('every route answers under the /api prefix too, with the same token', async () => {
  const c = mock.client();
  const token = await c.token();
  const list = await c.call('GET', `/api${TYPES}`, { token });
  expect(list.status).toBe(200);
  const one = await c.call('PATCH', `/api${TYPES}/${first().id}`, { token, body: { color: '#123456' } });
  expect(one.body.color).toBe('#123456');
  expect((await c.call('GET', `${TYPES}/${first().id}`, { token })).body.color).toBe('#123456');
  const tokenViaApi = await c.call('POST', '/api/configurations/identity/r1/tokens', {
    body: { username: 'viewer@demo', password: 'demo' },
  });
  expect((await c.call('GET', TYPES, { token: tokenViaApi.body.accessToken })).status).toBe(200);
});

test('Prefer code=404 answers the documented 404 with NOT_FOUND', async () => {
  const reply = await mock.client().as('GET', `${TYPES}/${first().id}`, { headers: { Prefer: 'code=404' } });
  expectError(reply, 404, 'NOT_FOUND');
});

test.each([
  [400, 'BASE_0001'],
  [409, 'BASE_0007'],
  [422, 'BASE_0003'],
])('Prefer code=%i on PATCH answers the NextGen envelope with %s', async (status, code) => {
  const c = mock.client();
  const reply = await c.as('PATCH', `${TYPES}/${first().id}`, {
    body: { color: '#000' },
    headers: { Prefer: `code=${status}` },
  });
  expectError(reply, status, code);
  expect((await get(c, first().id)).body.color).toBe(first().color);
});

test('Prefer example=sample answers the documented example', async () => {
  const reply = await mock
    .client()
    .as('GET', `${TYPES}/${first().id}`, { headers: { Prefer: 'example=sample' } });
  expect(reply.status).toBe(200);
  expect(reply.body.code).toBe('MAINT-PREV');
});

test('Prefer code=200 on the list answers a page made from the schema', async () => {
  const reply = await mock.client().as('GET', TYPES, { headers: { Prefer: 'code=200' } });
  expect(reply.status).toBe(200);
  expect(Array.isArray(reply.body.content)).toBe(true);
});

test('an invalid request wins over Prefer code=', async () => {
  const reply = await mock
    .client()
    .as('PATCH', `${TYPES}/${first().id}`, { body: { colour: 'x' }, headers: { Prefer: 'code=200' } });
  expectError(reply, 400, 'BASE_0001', 'WOT-FIELD-TYPES');
});

test('a missing token wins over Prefer code=', async () => {
  const reply = await mock.client().call('GET', TYPES, { headers: { Prefer: 'code=200' } });
  expectError(reply, 401, 'UNAUTHORIZED');
});

test.each([
  ['GET', TYPES],
  ['GET', `${TYPES}/1`],
  ['POST', TYPES],
  ['PATCH', `${TYPES}/1`],
])(
  '%s %s answers 406 NOT_ACCEPTABLE for Accept: text/html after checking the token',
  async (method, path) => {
    const c = mock.client();
    const body = method === 'GET' ? {} : { body: { color: '#000' } };
    expectError(
      await c.call(method, path, { ...body, headers: { Accept: 'text/html' } }),
      401,
      'UNAUTHORIZED',
    );
    expectError(
      await c.as(method, path, { ...body, headers: { Accept: 'text/html' } }),
      406,
      'NOT_ACCEPTABLE',
    );
    expect(
      (await c.as(method, path, { ...body, headers: { Accept: 'application/*;q=0.5, text/html' } })).status,
    ).not.toBe(406);
  },
);

test.each([
  ['POST', TYPES],
  ['PATCH', `${TYPES}/1`],
])(
  '%s %s answers 415 UNSUPPORTED_MEDIA_TYPE for text/plain and 400 BASE_0001 for an empty body',
  async (method, path) => {
    const c = mock.client();
    expectError(
      await c.as(method, path, { raw: '{}', contentType: 'text/plain' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectError(await c.as(method, path, { raw: '' }), 400, 'BASE_0001');
    expect(
      (await c.as(method, path, { raw: '{"color":"#000"}', contentType: 'application/json; charset=utf-8' }))
        .status,
    ).not.toBe(415);
  },
);
