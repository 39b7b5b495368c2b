// The spec documents under Node: the modules under test read lib/spec-runtime.ts.
import '../../lib/spec.ts';
import { expect, test } from 'vitest';
import { DEFAULT_PAGE_SIZE, orderText, parseListQuery, parseViewQuery } from './list-query.ts';

test('an empty query gives the defaults: page 0 of 20, +order, the user language', () => {
  expect(parseListQuery({}, 23)).toEqual({
    ok: true,
    value: {
      language: { kind: 'user' },
      filter: {},
      page: { num: 0, size: DEFAULT_PAGE_SIZE },
      order: [{ field: 'order', descending: false }],
    },
  });
});

test('the simple parser literal keys and the extended parser objects give the same page', () => {
  const simple = parseListQuery({ '_page[num]': '2', '_page[size]': '5' }, 23);
  const extended = parseListQuery({ _page: { num: '2', size: '5' } }, 23);
  expect(simple).toMatchObject({ ok: true, value: { page: { num: 2, size: 5 } } });
  expect(extended).toEqual(simple);
});

test('repeated id and code parameters are lists; single ones too', () => {
  expect(parseListQuery({ id: ['1', '2'], code: 'A' }, 23)).toMatchObject({
    ok: true,
    value: { filter: { ids: [1, 2], codes: ['A'] } },
  });
});

test('every filter is read with its type', () => {
  const query = {
    description: 'Pre*',
    order: '10',
    active: 'true',
    booking: 'false',
    requestTypeId: '1',
    serviceTypeId: '2',
    technicalObjectTypeId: '3',
    structureId: '4',
  };
  expect(parseListQuery(query, 23)).toMatchObject({
    ok: true,
    value: {
      filter: {
        description: 'Pre*',
        order: 10,
        active: true,
        booking: false,
        requestTypeId: 1,
        serviceTypeId: 2,
        technicalObjectTypeId: 3,
        structureId: 4,
      },
    },
  });
});

test('_order reads +, - and a "+" decoded as a space, and echoes them signed', () => {
  const parsed = parseListQuery({ _order: ' code,-description,active' }, 23);
  if (!parsed.ok) throw new Error('refused');
  expect(parsed.value.order).toEqual([
    { field: 'code', descending: false },
    { field: 'description', descending: true },
    { field: 'active', descending: false },
  ]);
  expect(orderText(parsed.value.order)).toEqual(['+code', '-description', '+active']);
});

test('_fields takes repeated and comma-separated names', () => {
  expect(parseViewQuery({ _fields: ['code', 'order,color'] }, 23)).toEqual({
    ok: true,
    value: { language: { kind: 'user' }, fields: ['code', 'order', 'color'] },
  });
});

test.each([
  ['ALL', { kind: 'all' }],
  ['all', { kind: 'all' }],
  ['USER', { kind: 'user' }],
  ['it', { kind: 'code', code: 'IT' }],
])('_language=%s is read', (value, language) => {
  expect(parseViewQuery({ _language: value }, 23)).toEqual({ ok: true, value: { language } });
});

test.each([
  [{ '_page[size]': '10001' }, '_page[size]'],
  [{ '_page[size]': '-1' }, '_page[size]'],
  [{ '_page[num]': '1.5' }, '_page[num]'],
  [{ id: ['1', 'x'] }, 'id'],
  [{ order: ['1', '2'] }, 'order'],
  [{ booking: 'yes' }, 'booking'],
  [{ structureId: '' }, 'structureId'],
  [{ _order: 'code;drop' }, '_order'],
  [{ _order: '+unknown' }, '_order'],
  [{ _fields: 'nope' }, '_fields'],
  [{ _language: 'english' }, '_language'],
  [{ code: { nested: 'x' } }, 'code'],
])('%j is refused naming %s', (query, field) => {
  expect(parseListQuery(query, 23)).toMatchObject({ ok: false, issues: [{ code: 'BASE_0001', field }] });
});

test('FSM 23.0 fields are unknown to _fields and _order before 23.0', () => {
  expect(parseViewQuery({ _fields: 'assetTypeId' }, 22).ok).toBe(false);
  expect(parseListQuery({ _order: 'bookingForSLA' }, 22).ok).toBe(false);
  expect(parseListQuery({ _order: 'bookingForSLA' }, 23).ok).toBe(true);
});

test.each([
  [
    { order: '9223372036854775806' },
    'order',
    /'9223372036854775806' is outside 0 to 9999: order has at most 4 digits/,
  ],
  [{ order: '10000' }, 'order', /'10000' is outside 0 to 9999/],
  [{ order: '-1' }, 'order', /'-1' is outside 0 to 9999/],
  [{ order: 'x' }, 'order', /'x' is not an integer/],
  [{ '_page[num]': '9007199254740993' }, '_page[num]', /'9007199254740993' is outside 0 to 9007199254740991/],
])('%j names the range it leaves', (query, field, message) => {
  const parsed = parseListQuery(query, 23);
  expect(parsed).toMatchObject({ ok: false, issues: [{ code: 'BASE_0001', field }] });
  expect(parsed.ok ? '' : parsed.issues[0]?.message).toMatch(message);
});

test('order reads 0 and 9999, the ends of its range', () => {
  for (const order of ['0', '9999'])
    expect(parseListQuery({ order }, 23)).toMatchObject({
      ok: true,
      value: { filter: { order: Number(order) } },
    });
});
