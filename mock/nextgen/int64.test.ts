// int64 ids above 2^53 (issue 11; ASSUMPTIONS.md N19-N21): read exactly, never rounded; an id no
// type can have is a 404 or an empty page, a body value that cannot be kept is refused by name.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type NextGenMock, startNextGen, TYPES } from './testing.ts';

let mock: NextGenMock;
beforeAll(async () => {
  mock = await startNextGen();
});
afterAll(() => mock.close());

const BIG = '9223372036854775806';

test('GET and PATCH of an int64 id above 2^53 answer the documented 404, not 400', async () => {
  const c = mock.client();
  for (const reply of [
    await c.as('GET', `${TYPES}/${BIG}`),
    await c.as('PATCH', `${TYPES}/${BIG}`, { body: { description: 'x' } }),
    await c.as('GET', `/api${TYPES}/9007199254740993`),
  ]) {
    expect(reply.status, JSON.stringify(reply.body)).toBe(404);
    expect(reply.body.code).toBe('NOT_FOUND');
  }
  // Read exactly: the message names the id as sent, not a rounded one.
  expect((await c.as('GET', `${TYPES}/${BIG}`)).body.message).toContain(BIG);
});

test('an id beyond int64 or not a whole number stays a 400 BASE_0001 naming typeId', async () => {
  for (const id of ['9223372036854775808', '1.5', '0']) {
    const reply = await mock.client().as('GET', `${TYPES}/${id}`);
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('BASE_0001');
    expect(reply.body.errors[0].field).toBe('typeId');
  }
});

test('an id past int64 is named as above the int64 range, not as "not a positive integer"', async () => {
  for (const id of ['9223372036854775808', '00099999999999999999999']) {
    const reply = await mock.client().as('GET', `${TYPES}/${id}`);
    expect(reply.status).toBe(400);
    expect(reply.body.message).toBe(`typeId '${id}' is above the int64 range (at most 9223372036854775807).`);
  }
  // Zero and numbers below int64 are not positive integers, whatever their size.
  for (const [id, why] of [
    ['0', /not a positive integer/],
    ['-9223372036854775809', /not a positive integer/],
  ] as const)
    expect((await mock.client().as('GET', `${TYPES}/${id}`)).body.message).toMatch(why);
});

test('list filters on int64 ids above 2^53 match nothing instead of failing', async () => {
  const c = mock.client();
  for (const query of [`id=${BIG}`, `requestTypeId=${BIG}`, `structureId=${BIG}`]) {
    const reply = await c.as('GET', `${TYPES}?${query}`);
    expect(reply.status, query).toBe(200);
    expect(reply.body.content).toEqual([]);
  }
  // A safe id next to a big one still matches.
  const first = mock.data.workOrderTypes[0]?.id;
  const both = await c.as('GET', `${TYPES}?id=${BIG}&id=${first}`);
  expect(both.body.content.map((t: { id: number }) => t.id)).toEqual([first]);
  expect((await c.as('GET', `${TYPES}?id=99999999999999999999`)).status).toBe(400);
});

test('a body number above 2^53 is refused 400 BASE_0001 naming the field, never rounded', async () => {
  const c = mock.client();
  const reply = await c.as('PATCH', `${TYPES}/${mock.data.workOrderTypes[0]?.id}`, {
    raw: `{"requestTypeId": ${BIG}}`,
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(400);
  expect(reply.body.code).toBe('BASE_0001');
  expect(reply.body.errors[0].field).toBe('requestTypeId');
  expect(reply.body.message).toMatch(/2\^53/);
});
