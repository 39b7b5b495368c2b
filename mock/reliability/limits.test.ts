// The mock's limits answer with clear errors in the API's own format, and slow clients are cut
// without holding anyone else up (issue 6). Timeouts are shortened through MockOptions.
import { connect, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../admin/admin-routes.ts';
import { MAX_JSON_DEPTH } from '../http/content.ts';
import { DEFAULT_MAX_EXPRESSION_LENGTH } from '../odata/limits.ts';
import { type RunningMock, startMock } from '../server.ts';
import { ADMIN, CONTACT1 } from '../testing/client.ts';
import { closeClients, errorFormatProblem, nextGenToken, send } from './harness.ts';

let mock: RunningMock;
let jobId: string;
let bearer: string;

beforeAll(async () => {
  mock = await startMock({
    seed: 3,
    jobs: 60,
    maxBodyBytes: 64 * 1024,
    headersTimeoutMs: 1_000,
    requestTimeoutMs: 2_000,
  });
  jobId = [...mock.services.sessions.get().jobs.jobs.keys()][0] ?? '';
  bearer = `Bearer ${await nextGenToken(mock.url)}`;
});
afterAll(async () => {
  await mock.close();
  closeClients();
});

const put = (body: string, headers: Record<string, string> = {}) =>
  send(mock.url, {
    method: 'PUT',
    path: `/api/Jobs(${jobId})`,
    headers: { authorization: ADMIN, 'content-type': 'application/json', ...headers },
    body,
  });

it('answers a body over the limit with 413 in the jobs error format', async () => {
  const reply = await put(JSON.stringify({ name: 'x'.repeat(70 * 1024) }));
  expect(reply.status).toBe(413);
  expect(errorFormatProblem(`/api/Jobs(${jobId})`, reply)).toBeUndefined();
  expect(JSON.parse(reply.text).Message).toMatch(/larger than the limit of 65536 bytes/);
});

it('answers a body over the limit with 413 in the NextGen envelope', async () => {
  const path = '/work-orders/r1/types/1';
  const reply = await send(mock.url, {
    method: 'PATCH',
    path,
    headers: { authorization: bearer, 'content-type': 'application/json' },
    body: JSON.stringify({ description: 'x'.repeat(70 * 1024) }),
  });
  expect(reply.status).toBe(413);
  expect(errorFormatProblem(path, reply)).toBeUndefined();
});

it('answers headers over 16 KiB with 431 and a body that says why', async () => {
  const reply = await send(mock.url, {
    method: 'GET',
    path: `/api/Jobs(${jobId})`,
    headers: { authorization: ADMIN, 'x-padding': 'x'.repeat(20 * 1024) },
  });
  expect(reply.status).toBe(431);
  expect(JSON.parse(reply.text).Message).toMatch(/larger than 16 KiB/);
});

it('refuses JSON nested deeper than the limit with a 400 that names the limit', async () => {
  const deep = `{"name":${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}}`;
  const reply = await put(deep);
  expect(reply.status).toBe(400);
  expect(JSON.parse(reply.text).Message).toMatch(new RegExp(`at most ${MAX_JSON_DEPTH}`));
  const ok = await put(`{"name":${'['.repeat(5)}${']'.repeat(5)}}`);
  expect(JSON.parse(ok.text).Message ?? '').not.toMatch(/nested/);
});

it('refuses a 100 000 level deep JSON body without a stack overflow', async () => {
  const reply = await put('['.repeat(60_000));
  expect(reply.status).toBe(400);
});

it('refuses an over-long $filter and a too deeply nested one with 400', async () => {
  const long = `name eq '${'a'.repeat(DEFAULT_MAX_EXPRESSION_LENGTH)}'`;
  const a = await send(mock.url, {
    method: 'GET',
    path: `/api/JobsView?$filter=${encodeURIComponent(long)}`,
    headers: { authorization: CONTACT1 },
  });
  expect(a.status).toBe(400);
  expect(JSON.parse(a.text).Message).toMatch(/maximum is 2000/);
  const nested = `${'('.repeat(100)}id eq null${')'.repeat(100)}`;
  const b = await send(mock.url, {
    method: 'GET',
    path: `/api/JobsView?$filter=${encodeURIComponent(nested)}`,
    headers: { authorization: CONTACT1 },
  });
  expect(b.status).toBe(400);
  expect(JSON.parse(b.text).Message).toMatch(/nested too deeply/);
});

it('caps the JobsView page at 20 rows whatever $top asks and links the next page', async () => {
  const reply = await send(mock.url, {
    method: 'GET',
    path: '/api/JobsView?$top=100000',
    headers: { authorization: CONTACT1 },
  });
  expect(reply.status).toBe(200);
  const body = JSON.parse(reply.text);
  expect(body.value.length).toBeLessThanOrEqual(20);
});

it('refuses a NextGen page size above 10 000 with BASE_0001', async () => {
  const reply = await send(mock.url, {
    method: 'GET',
    path: '/work-orders/r1/types?_page[size]=10001',
    headers: { authorization: bearer },
  });
  expect(reply.status).toBe(400);
  expect(JSON.parse(reply.text).code).toBe('BASE_0001');
});

/** Resolves with what the server wrote once it closes the socket; the slow client never finishes. */
function slowClient(start: string, drip: string): { closed: Promise<string>; socket: Socket } {
  const url = new URL(mock.url);
  const socket = connect(Number(url.port), url.hostname);
  let received = '';
  let timer: NodeJS.Timeout | undefined;
  socket.on('connect', () => {
    socket.write(start);
    let i = 0;
    timer = setInterval(() => {
      if (!socket.destroyed && socket.writable) socket.write(drip[i++ % drip.length] ?? 'x');
    }, 100);
  });
  socket.on('data', (c: Buffer) => {
    received += c.toString();
  });
  socket.on('error', () => {});
  const closed = new Promise<string>((resolve) =>
    socket.on('close', () => {
      clearInterval(timer);
      resolve(received);
    }),
  );
  return { closed, socket };
}

const within = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} after ${ms} ms`)), ms)),
  ]);

it('cuts a client that sends its headers byte by byte and serves others meanwhile', async () => {
  const slow = slowClient(`GET /api/Jobs(${jobId}) HTTP/1.1\r\nHost: x\r\nX-Slow: `, 'abcdefgh');
  const others = await Promise.all(
    Array.from({ length: 5 }, () =>
      send(mock.url, { method: 'GET', path: `/api/Jobs(${jobId})`, headers: { authorization: ADMIN } }),
    ),
  );
  expect(others.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  const answer = await within(slow.closed, 8_000, 'the slow client was not cut');
  expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
});

it('cuts a client that never finishes its body', async () => {
  const head = `PUT /api/Jobs(${jobId}) HTTP/1.1\r\nHost: x\r\nAuthorization: ${ADMIN}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"name":"`;
  const slow = slowClient(head, 'a');
  const other = await send(mock.url, {
    method: 'GET',
    path: `/api/Jobs(${jobId})`,
    headers: { authorization: ADMIN },
  });
  expect(other.status).toBe(200);
  const answer = await within(slow.closed, 8_000, 'the slow body was not cut');
  // Cut by the request timeout (408), or at once when the declared length is over the limit (413).
  expect(answer === '' || /^HTTP\/1.1 (408|400|413)/.test(answer), answer).toBe(true);
});

it('cuts a client that opens a connection and sends nothing', async () => {
  const url = new URL(mock.url);
  const socket = connect(Number(url.port), url.hostname);
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  await within(closed, 8_000, 'the idle connection was not cut');
});

it('bounds an admin import after decompression: a gzip bomb is a 413 in JSON', async () => {
  // 70 MiB of spaces zip to well under 100 KiB; the import limit is counted on what unzips.
  const bomb = gzipSync(Buffer.alloc(MAX_IMPORT_BYTES + 6 * 1024 * 1024, 0x20));
  expect(bomb.length).toBeLessThan(200 * 1024);
  const reply = await send(mock.url, {
    method: 'PUT',
    path: '/__admin/state?session=bomb',
    headers: {
      'x-admin-token': mock.services.options.adminToken ?? '',
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    },
    body: bomb,
  });
  expect(reply.status).toBe(413);
  expect(JSON.parse(reply.text).error).toMatch(/larger than the limit of 67108864 bytes/);
  expect(mock.services.sessions.has('bomb')).toBe(false);
});
