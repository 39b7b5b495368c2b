import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isConnectionRefusal, send } from './client.ts';

let server: http.Server;
let base = '';
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ method: req.method, expect: req.headers.expect ?? null, body }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

it('records the status, lower-cased headers and body of the answer', async () => {
  const x = await send(
    { operationId: 'Jobs_Get', method: 'POST', url: `${base}/x`, headers: {}, body: 'hi' },
    2000,
  );
  expect(x.response?.status).toBe(200);
  expect(x.response?.headers['content-type']).toBe('application/json');
  expect(JSON.parse(x.response?.body ?? '')).toMatchObject({ method: 'POST', body: 'hi' });
});

it('sends headers fetch would refuse, such as Expect', async () => {
  const x = await send(
    { operationId: 'Jobs_Get', method: 'POST', url: `${base}/x`, headers: { expect: 'teapot' }, body: '' },
    2000,
  );
  // node:http answers an Expect it cannot meet with 417 itself, which proves the header went out.
  expect(x.response?.status).toBe(417);
});

it('records a refused connection as an error instead of throwing', async () => {
  const x = await send(
    { operationId: 'Jobs_Get', method: 'GET', url: 'http://127.0.0.1:1/', headers: {} },
    2000,
  );
  expect(x.response).toBeUndefined();
  expect(isConnectionRefusal(x.error)).toBe(true);
});
