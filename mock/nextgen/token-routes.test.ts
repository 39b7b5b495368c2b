import { afterAll, beforeAll, expect, test } from 'vitest';
import { type NextGenMock, startNextGen, TOKENS } from './testing.ts';

let mock: NextGenMock;
beforeAll(async () => {
  mock = await startNextGen({ tokenTtlSec: 100 });
});
afterAll(() => mock.close());

test('the token endpoint answers a Bearer token with expiry and refresh instants', async () => {
  const reply = await mock
    .client()
    .call('POST', TOKENS, { body: { username: 'admin@demo', password: 'demo' } });
  expect(reply.status).toBe(200);
  expect(reply.headers.get('cache-control')).toBe('no-store');
  const { accessToken, tokenType, expiresIn, expires, refreshAfter } = reply.body;
  expect(tokenType).toBe('Bearer');
  expect(accessToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  expect(expiresIn).toBe(100);
  expect(Date.parse(expires) - Date.parse(refreshAfter)).toBe(20_000);
});

test('the token endpoint takes the username in any case', async () => {
  const reply = await mock
    .client()
    .call('POST', TOKENS, { body: { username: 'Viewer@DEMO', password: 'demo' } });
  expect(reply.status).toBe(200);
});

test('the token endpoint gives a new token on every call', async () => {
  const c = mock.client();
  const [a, b] = await Promise.all(
    [1, 2].map(() => c.call('POST', TOKENS, { body: { username: 'admin@demo', password: 'demo' } })),
  );
  expect(a?.body.accessToken).not.toBe(b?.body.accessToken);
});

test.each([
  ['a wrong password', { username: 'admin@demo', password: 'nope' }],
  ['an unknown user', { username: 'ghost@demo', password: 'demo' }],
])('the token endpoint answers 401 UNAUTHORIZED for %s', async (_name, body) => {
  const reply = await mock.client().call('POST', TOKENS, { body });
  expect(reply.status).toBe(401);
  expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
  expect(reply.body).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
});

test.each([
  ['a missing password', { username: 'admin@demo' }, 'password'],
  ['an empty username', { username: '', password: 'demo' }, 'username'],
  ['an unknown field', { username: 'admin@demo', password: 'demo', realm: 'x' }, 'realm'],
  ['a number for a username', { username: 5, password: 'demo' }, 'username'],
])('the token endpoint answers 400 BASE_0001 for %s', async (_name, body, field) => {
  const reply = await mock.client().call('POST', TOKENS, { body });
  expect(reply.status).toBe(400);
  expect(reply.body).toMatchObject({
    code: 'BASE_0001',
    errors: [expect.objectContaining({ code: 'BASE_0001', field })],
  });
});

test('the token endpoint answers 400 BASE_0001 for malformed JSON', async () => {
  const reply = await mock.client().call('POST', TOKENS, { raw: '{"username":' });
  expect(reply.status).toBe(400);
  expect(reply.body.code).toBe('BASE_0001');
});

test('the token endpoint answers 415 UNSUPPORTED_MEDIA_TYPE for a form body', async () => {
  const reply = await mock.client().call('POST', TOKENS, {
    raw: 'username=admin%40demo&password=demo',
    contentType: 'application/x-www-form-urlencoded',
  });
  expect(reply.status).toBe(415);
  expect(reply.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
});

test('Prefer code=401 on the token endpoint answers 401 with a challenge', async () => {
  const reply = await mock.client().call('POST', TOKENS, {
    body: { username: 'admin@demo', password: 'demo' },
    headers: { Prefer: 'code=401' },
  });
  expect(reply.status).toBe(401);
  expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
  expect(reply.body.code).toBe('UNAUTHORIZED');
});
