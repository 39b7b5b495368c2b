// A server's link is sent exactly as given: a real HTTP server records the raw request line.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildConfig } from '../config/suite-config.ts';
import { curlCommand } from '../http/curl.ts';
import type { Exchange } from '../http/exchange.ts';
import { ForeignLinkError, Session } from './session.ts';

let server: http.Server;
let base = '';
const seen: string[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    res.end('{"value":[]}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const session = () => new Session(buildConfig({ baseUrl: base }, {}));

it('sends a link of unusual but valid encoding byte for byte, and curl shows that URL', async () => {
  const query = "?%24filter=name%20eq%20'a+b'%20and%20id2%20ge%201&$skip=20&_x[y]=%7e%2F&$count=true";
  const recorded: Exchange[] = [];
  const x = await session().exchange(
    { op: 'JobsView_List', as: { basic: 'c:x@d' }, url: `${base}/api/JobsView${query}` },
    (e) => recorded.push(e),
  );
  expect(seen.at(-1)).toBe(`/api/JobsView${query}`);
  expect(x.request.url).toBe(`${base}/api/JobsView${query}`);
  expect(recorded).toEqual([x]);
  expect(curlCommand(x.request)).toContain(
    `curl -i -g -X GET '${base}/api/JobsView${query.replace(/'/g, `'\\''`)}'`,
  );
});

it('resolves a relative link against the operation and keeps its query as written', async () => {
  const x = await session().exchange(
    { op: 'JobsView_List', as: { basic: 'c:x@d' }, url: '/api/JobsView?$skip=20&a=%41' },
    () => {},
  );
  expect(seen.at(-1)).toBe('/api/JobsView?$skip=20&a=%41');
  expect(x.request.url).toBe(`${base}/api/JobsView?$skip=20&a=%41`);
});

it('never sends credentials to another origin or endpoint', async () => {
  const before = seen.length;
  for (const url of [
    'http://127.0.0.2:1/api/JobsView?$skip=20',
    `${base.replace('http:', 'https:')}/api/JobsView`,
    `${base}/api/Jobs?$skip=20`,
  ]) {
    await expect(
      session().exchange({ op: 'JobsView_List', as: { basic: 'c:x@d' }, url }, () => {}),
    ).rejects.toThrow(ForeignLinkError);
  }
  expect(seen.length).toBe(before);
});
