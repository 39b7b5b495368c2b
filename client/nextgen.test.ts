// The NextGen client against a started mock: it logs in by itself, PATCH answers the typed entity
// (read back), a refused login is an error naming the status.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../mock/server.ts';
import { createNextGenClient, loginNextGen, NextGenLoginError } from './nextgen.ts';
import { newSessionName } from './session.ts';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ seed: 5, jobs: 5 });
});
afterAll(() => mock.close());

it('logs in on the first call and patches a work-order type, read back in its session', async () => {
  const session = newSessionName('nextgen');
  const nextgen = createNextGenClient({
    baseUrl: mock.url,
    credentials: { username: 'admin@demo', password: 'demo' },
    session,
  });
  const patched = await nextgen.PATCH('/work-orders/r1/types/{typeId}', {
    params: { path: { typeId: 1 } },
    body: { color: '#43A047' },
  });
  expect(patched.response.status).toBe(200);
  expect(patched.data?.color).toBe('#43A047');
  const read = await nextgen.GET('/work-orders/r1/types/{typeId}', { params: { path: { typeId: 1 } } });
  expect(read.data?.color).toBe('#43A047');
  const other = createNextGenClient({
    baseUrl: mock.url,
    credentials: { username: 'admin@demo', password: 'demo' },
  });
  const elsewhere = await other.GET('/work-orders/r1/types/{typeId}', { params: { path: { typeId: 1 } } });
  expect(elsewhere.data?.color).not.toBe('#43A047');
});

it('a token given instead of credentials; a viewer is refused a PATCH with the API error', async () => {
  const token = await loginNextGen({
    baseUrl: mock.url,
    credentials: { username: 'viewer@demo', password: 'demo' },
  });
  const viewer = createNextGenClient({ baseUrl: mock.url, token: token.accessToken });
  const refused = await viewer.PATCH('/work-orders/r1/types/{typeId}', {
    params: { path: { typeId: 1 } },
    body: { color: '#000000' },
  });
  expect(refused.response.status).toBe(403);
  expect(refused.error?.code).toBe('FORBIDDEN');
});

it('a wrong password is a NextGenLoginError with the status', async () => {
  const nextgen = createNextGenClient({
    baseUrl: mock.url,
    credentials: { username: 'admin@demo', password: 'x' },
  });
  const call = nextgen.GET('/work-orders/r1/types', {});
  await expect(call).rejects.toBeInstanceOf(NextGenLoginError);
  await expect(call).rejects.toMatchObject({ status: 401 });
});
