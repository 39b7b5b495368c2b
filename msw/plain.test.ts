// The conversions between Fetch API values and the pipeline's plain values.
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { BodyTooLarge } from '../mock/pipeline/types.ts';
import { toPlainRequest, toResponse } from './plain.ts';

it('keeps the path and query as sent, takes off the base path, lower-cases header names', async () => {
  const request = new Request(
    'https://fsm.example.com/api/work-orders/r1/types?_page%5Bsize%5D=5&_order=%2Bcode',
    {
      headers: { Authorization: 'Bearer x', 'X-Mock-Session': 's1' },
    },
  );
  const plain = toPlainRequest(request, '/api');
  expect(plain).toMatchObject({
    method: 'GET',
    path: '/work-orders/r1/types',
    query: '_page%5Bsize%5D=5&_order=%2Bcode',
    headers: { authorization: 'Bearer x', 'x-mock-session': 's1' },
  });
  expect(await plain.body.read(10)).toHaveLength(0);
  expect(toPlainRequest(new Request("https://api.example.com/api/Jobs('a')"), '').path).toBe(
    "/api/Jobs('a')",
  );
});

it('reads a body within the limit, refuses one past it, and undoes gzip before counting', async () => {
  const body = JSON.stringify({ color: '#43A047' });
  const post = () => new Request('https://x.test/a', { method: 'POST', body });
  expect(new TextDecoder().decode(await toPlainRequest(post(), '').body.read(1000))).toBe(body);
  await expect(toPlainRequest(post(), '').body.read(5)).rejects.toBeInstanceOf(BodyTooLarge);
  const zipped = new Request('https://x.test/a', {
    method: 'POST',
    body: gzipSync(Buffer.from('x'.repeat(5000))),
    headers: { 'Content-Encoding': 'gzip' },
  });
  await expect(toPlainRequest(zipped, '').body.read(1000)).rejects.toBeInstanceOf(BodyTooLarge);
});

it('turns a plain response into a Response with its status, headers and body', async () => {
  const res = toResponse({
    status: 201,
    headers: { 'content-type': 'application/json', etag: '"1"' },
    body: '{"id":"a"}',
  });
  expect(res.status).toBe(201);
  expect(res.headers.get('etag')).toBe('"1"');
  expect(await res.json()).toEqual({ id: 'a' });
  expect(toResponse({ status: 204, headers: {}, body: '' }).body).toBeNull();
});
