// The spec documents under Node: the modules under test read lib/spec-runtime.ts.
import '../../lib/spec.ts';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { permissionOf } from './permissions.ts';
import { freeTriplet, type NextGenClient, type NextGenMock, startNextGen, TYPES } from './testing.ts';

let mock: NextGenMock;
beforeAll(async () => {
  mock = await startNextGen();
});
afterAll(() => mock.close());

type Call = {
  operation: string;
  send: (c: NextGenClient, token: string) => ReturnType<NextGenClient['call']>;
};
const firstId = () => mock.data.workOrderTypes[0]?.id ?? 1;
const calls: Call[] = [
  { operation: 'WorkOrderTypes_List', send: (c, token) => c.call('GET', TYPES, { token }) },
  { operation: 'WorkOrderTypes_Get', send: (c, token) => c.call('GET', `${TYPES}/${firstId()}`, { token }) },
  {
    operation: 'WorkOrderTypes_Create',
    send: (c, token) =>
      c.call('POST', TYPES, {
        token,
        body: { code: 'PERM', description: 'Perm', ...freeTriplet(mock.data) },
      }),
  },
  {
    operation: 'WorkOrderTypes_Patch',
    send: (c, token) => c.call('PATCH', `${TYPES}/${firstId()}`, { token, body: { color: '#ABCDEF' } }),
  },
];

// ASSUMPTIONS.md N9: admin views and edits, viewer views, editor edits only (edit does not imply view), nobody nothing.
const allowed: Record<string, string[]> = {
  'admin@demo': [
    'WorkOrderTypes_List',
    'WorkOrderTypes_Get',
    'WorkOrderTypes_Create',
    'WorkOrderTypes_Patch',
  ],
  'viewer@demo': ['WorkOrderTypes_List', 'WorkOrderTypes_Get'],
  'editor@demo': ['WorkOrderTypes_Create', 'WorkOrderTypes_Patch'],
  'nobody@demo': [],
};
const table = Object.entries(allowed).flatMap(([user, ops]) =>
  calls.map((call) => ({ user, operation: call.operation, call, ok: ops.includes(call.operation) })),
);

test.each(table)('$operation as $user is allowed: $ok', async ({ user, call, ok }) => {
  const c = mock.client();
  const reply = await call.send(c, await c.token(user));
  if (ok) expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(300);
  else {
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({
      code: 'FORBIDDEN',
      errors: [{ code: 'FORBIDDEN', rule: 'WOT-PERMISSION', source: '004' }],
    });
  }
});

test.each(calls)(
  '$operation answers 401 UNAUTHORIZED with a Bearer challenge for an unknown token',
  async ({ send }) => {
    const c = mock.client();
    const reply = await send(c, 'not-a-token');
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(reply.body).toMatchObject({ code: 'UNAUTHORIZED', errors: [{ rule: 'NEXTGEN-AUTH' }] });
  },
);

test('a request without an Authorization header answers 401 with a Bearer challenge', async () => {
  const reply = await mock.client().call('PATCH', `${TYPES}/1`, { body: { color: '#000' } });
  expect(reply.status).toBe(401);
  expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="NextGen"');
});

test('a token that is not a Bearer token answers 401', async () => {
  const reply = await mock
    .client()
    .call('GET', TYPES, { headers: { Authorization: 'Basic YWRtaW46ZGVtbw==' } });
  expect(reply.status).toBe(401);
});

test('an expired token answers 401 with error="invalid_token"', async () => {
  const shortLived = await startNextGen({ tokenTtlSec: 0 });
  try {
    const c = shortLived.client();
    const reply = await c.call('GET', TYPES, { token: await c.token() });
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(reply.body.message).toMatch(/expired/);
  } finally {
    await shortLived.close();
  }
});

test('permissionOf reads x-permission of each operation', () => {
  expect(permissionOf('WorkOrderTypes_List')).toBe('fsm.core.workorder.configuration.view');
  expect(permissionOf('WorkOrderTypes_Patch')).toBe('fsm.core.workorder.configuration.edit');
  expect(permissionOf('Tokens_Create')).toBeUndefined();
});
