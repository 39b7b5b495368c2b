// Discovery against a fake server over real HTTP: each contact's list read through the server's own
// links (relative, unusually encoded) exactly as given, the jobs read in the order they were listed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildConfig } from '../config/suite-config.ts';
import type { Exchange } from '../http/exchange.ts';
import { discover } from './discovery.ts';
import { Session } from './session.ts';

let server: http.Server;
let base = '';
const seen: string[] = [];
const row = (n: number) => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, id2: n });
const who = (req: http.IncomingMessage) =>
  Buffer.from(String(req.headers.authorization).replace('Basic ', ''), 'base64').toString().split(':')[0];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '';
    seen.push(`${who(req)} ${req.method} ${url}`);
    res.setHeader('content-type', 'application/json');
    const offset = who(req) === 'contact2' ? 100 : 0;
    if (url === '/api/JobsView')
      return res.end(
        JSON.stringify({
          value: [row(offset + 1)],
          '@odata.nextLink': "JobsView?%24skiptoken=a%2Bb'c&x=%7E",
        }),
      );
    if (url === "/api/JobsView?%24skiptoken=a%2Bb'c&x=%7E")
      return res.end(JSON.stringify({ value: [row(offset + 2)] }));
    if (url.startsWith('/api/Jobs(')) return res.end(JSON.stringify({ id: url.slice(10, -1), name: 'n' }));
    if (url === '/configurations/identity/r1/tokens') return res.end('{"accessToken":"t"}');
    if (url.startsWith('/work-orders/r1/types'))
      return res.end(
        JSON.stringify({
          content: [
            { id: 1, code: 'A' },
            { id: 2, code: 'B' },
          ],
        }),
      );
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

it("reads each contact's list through the server's links as given, then the jobs in the listed order", async () => {
  const config = buildConfig({ baseUrl: base }, {});
  const recorded: Exchange[] = [];
  const fixtures = await discover(new Session(config), config, (x) => recorded.push(x));
  expect(fixtures.contacts.map((c) => c.rows.map((r) => r.id2))).toEqual([
    [1, 2],
    [101, 102],
  ]);
  for (const contact of ['contact1', 'contact2'])
    expect(seen).toContain(`${contact} GET /api/JobsView?%24skiptoken=a%2Bb'c&x=%7E`);
  expect(fixtures.jobs.map((j) => (j.job as { id: string }).id)).toEqual(
    [1, 2, 101, 102].map((n) => row(n).id),
  );
  expect(fixtures.jobs.map((j) => j.contact)).toEqual([0, 0, 1, 1]);
  expect(fixtures.types.map((t) => t.code)).toEqual(['A', 'B']);
  expect(fixtures.notes).toEqual([]);
  expect(recorded.some((x) => x.request.url === `${base}/api/JobsView?%24skiptoken=a%2Bb'c&x=%7E`)).toBe(
    true,
  );
});
