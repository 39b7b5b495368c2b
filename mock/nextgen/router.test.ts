import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ApiError } from '../http/api-error.ts';
import { createNextGenRouter, isNextGenPath, sendNextGenError } from './router.ts';
import { type NextGenMock, startNextGen, TYPES } from './testing.ts';

let mock: NextGenMock;
beforeAll(async () => {
  mock = await startNextGen();
});
afterAll(() => mock.close());

test.each([
  ['/work-orders/r1/types', true],
  ['/work-orders/r1/types/12', true],
  ['/api/work-orders/r1/types', true],
  ['/configurations/identity/r1/tokens', true],
  ['/api/configurations/identity/r1/tokens', true],
  ['/work-orders', true],
  ['/api/Jobs', false],
  ['/api/JobsView', false],
  ['/work-ordersX', false],
  ['/apix/work-orders/r1/types', false],
  ['/', false],
])('isNextGenPath(%s) is %s', (path, expected) => {
  expect(isNextGenPath(path)).toBe(expected);
});

test('an unknown NextGen path answers 404 in the NextGen envelope', async () => {
  const reply = await mock.client().call('GET', '/api/work-orders/r1/nothing');
  expect(reply.status).toBe(404);
  expect(reply.body).toMatchObject({ status: 404, code: 'NOT_FOUND', path: '/api/work-orders/r1/nothing' });
});

test('an error body carries the request path with its prefix, without the query', async () => {
  const reply = await mock.client().call('GET', `/api${TYPES}?_page[size]=2`);
  expect(reply.body).toMatchObject({ status: 401, path: `/api${TYPES}` });
  expect(Date.parse(reply.body.timestamp)).not.toBeNaN();
});

async function listen(app: express.Express): Promise<{ url: string; close(): Promise<void> }> {
  const server = await new Promise<ReturnType<express.Express['listen']>>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

test('the router forwards errors that are not ApiErrors to the next error handler', async () => {
  const app = express();
  app.use(createNextGenRouter()); // no request context: the handler fails with a plain Error
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    res.status(599).send(err instanceof ApiError ? 'api' : 'plain');
  });
  const server = await listen(app);
  try {
    const res = await fetch(`${server.url}${TYPES}`);
    expect(res.status).toBe(599);
    expect(await res.text()).toBe('plain');
  } finally {
    await server.close();
  }
});

test('sendNextGenError answers errors the catalogue has no code for, with their headers', async () => {
  const app = express();
  app.get('/x', (req, res) =>
    sendNextGenError(req, res, new ApiError(413, 'Too large.', { headers: { 'Retry-After': '1' } })),
  );
  const server = await listen(app);
  try {
    const res = await fetch(`${server.url}/x`);
    expect(res.status).toBe(413);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toMatchObject({
      status: 413,
      code: 'BASE_0001',
      message: 'Too large.',
      path: '/x',
    });
  } finally {
    await server.close();
  }
});
