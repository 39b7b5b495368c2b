// The floor we measure the mock against: Express 5 with one GET route that sends a job body read
// once at start, so a request costs routing and writing only (no auth, no lookup, no JSON.stringify).
// Run as its own process by the bench: `node --import tsx bench/bare-express.ts --body-file <f>`.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import express from 'express';

const { values } = parseArgs({
  options: { 'body-file': { type: 'string' }, port: { type: 'string', default: '0' } },
});
const file = values['body-file'];
if (!file) {
  console.error('bare-express: --body-file <path of the JSON body to send> is required');
  process.exit(2);
}
const body = readFileSync(file);

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.get(/^\/api\/Jobs\(([^)]+)\)$/i, (_req, res) => {
  res.type('application/json; charset=utf-8').send(body);
});

const server = app.listen(Number(values.port), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`bare-express listening on http://127.0.0.1:${port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
