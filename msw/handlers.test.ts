// Which calls the handlers take, and what path the pipeline sees, in msw/node (no pipeline here:
// a recording stand-in answers).
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { PlainRequest } from '../mock/pipeline/types.ts';
import { handlersFor } from './handlers.ts';

const seen: PlainRequest[] = [];
const server = setupServer(
  ...handlersFor(
    {
      main: 'https://api.example.test',
      servicedesk: 'https://api.example.test',
      serviceapp: 'https://app.example.test/service',
      nextgen: 'https://api.example.test/api',
    },
    async (request) => {
      seen.push(request);
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ path: request.path }),
      };
    },
  ),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  seen.length = 0;
});

it('hands each host its own paths, without the base URL path', async () => {
  const paths = async (url: string) => ((await (await fetch(url)).json()) as { path: string }).path;
  expect(await paths("https://api.example.test/api/Jobs('a')")).toBe("/api/Jobs('a')");
  expect(await paths('https://api.example.test/api/work-orders/r1/types')).toBe('/work-orders/r1/types');
  expect(await paths('https://app.example.test/service/api/JobsView?$top=1')).toBe('/api/JobsView');
  expect(seen.map((r) => r.query)).toEqual(['', '', '$top=1']);
});

it('passes method, headers and body through', async () => {
  await fetch('https://api.example.test/api/configurations/identity/r1/tokens', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Mock-Session': 'a' },
    body: '{"username":"admin@demo"}',
  });
  const [request] = seen;
  expect(request?.method).toBe('POST');
  expect(request?.headers['x-mock-session']).toBe('a');
  expect(new TextDecoder().decode(await request?.body.read(1000))).toBe('{"username":"admin@demo"}');
});

it('leaves other calls alone', async () => {
  await expect(fetch('https://elsewhere.example.test/api/Jobs')).rejects.toThrow();
  expect(seen).toEqual([]);
  expect(() =>
    handlersFor({ main: '/relative' }, async () => ({ status: 200, headers: {}, body: '' })),
  ).toThrow(/not an absolute URL/);
});
