// The admin API's own errors: a wrong method on a known route, bad JSON, a bad parameter: each says
// what and where, in the admin envelope, and only after the token was checked.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../server.ts';
import { client } from '../testing/client.ts';
import { jsonWhere } from './admin-routes.ts';

let mock: RunningMock;
let call: ReturnType<typeof client>;
let admin: Record<string, string>;

beforeAll(async () => {
  mock = await startMock({ seed: 3, jobs: 5 });
  call = client(mock);
  admin = { 'X-Admin-Token': mock.services.options.adminToken ?? '' };
});
afterAll(() => mock.close());

it('answers a wrong method on a known route 405 with Allow, an unknown route 404', async () => {
  const wrong = await call('DELETE', '/__admin/health', { headers: admin });
  expect(wrong.status).toBe(405);
  expect(wrong.headers.get('allow')).toBe('GET, HEAD');
  expect(wrong.json.error).toMatch(/\/health does not support DELETE/);
  const state = await call('POST', '/__admin/state', { headers: admin });
  expect(state.status).toBe(405);
  expect(state.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'HEAD', 'PUT']);
  const unknown = await call('GET', '/__admin/nothing-here', { headers: admin });
  expect(unknown.status).toBe(404);
  expect(unknown.headers.get('allow')).toBeNull();
  // The right method still works.
  expect((await call('GET', '/__admin/health', { headers: admin })).json.status).toBe('ok');
});

it('checks the token before it says which methods a route has', async () => {
  const res = await call('DELETE', '/__admin/health');
  expect(res.status).toBe(401);
  expect(res.headers.get('allow')).toBeNull();
});

it('says where the JSON body stops being JSON, without quoting it', async () => {
  const res = await call('POST', '/__admin/reseed', {
    headers: { ...admin, 'content-type': 'application/json' },
    raw: '{"seed": 4,\n "jobs": secret}',
  });
  expect(res.status).toBe(400);
  expect(res.json.error).toMatch(/not valid JSON: stopped at position 21 \(line 2 column 10\)/);
  expect(res.json.error).not.toContain('secret');
  // Refused: the seed is what it was.
  expect((await call('GET', '/__admin/health', { headers: admin })).json.seed).toBe(3);
});

it('finds where a body stops being JSON whatever the mistake', () => {
  expect(jsonWhere('{"a": 1,}')).toBe('stopped at position 8 (line 1 column 9)');
  expect(jsonWhere('{"a": 1} x')).toBe('stopped at position 9 (line 1 column 10)');
  expect(jsonWhere('[1, 2')).toBe('it ends too early');
  expect(jsonWhere('{"a": "\u0001"}')).toMatch(/^stopped at position 7 /);
});

it('names the parameter that is wrong', async () => {
  const limit = await call('GET', '/__admin/requests?limit=0', { headers: admin });
  expect(limit.status).toBe(400);
  expect(limit.json.error).toMatch(/^query parameter limit must be a whole number from 1 to 1000/);
  const session = await call('GET', '/__admin/summary?session=a%20b', { headers: admin });
  expect(session.json.error).toMatch(/^query parameter session must be/);
  const seed = await call('POST', '/__admin/reseed', { headers: admin, body: { seed: -1 } });
  expect(seed.status).toBe(400);
  expect(seed.json.error).toMatch(/^body field seed must be a whole number/);
  expect((await call('GET', '/__admin/health', { headers: admin })).json.seed).toBe(3);
});
