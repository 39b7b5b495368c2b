// A longer run on demand (issue 6): hammers an in-process mock with mixed valid and invalid traffic
// over many sessions and prints requests, 5xx, hangs and memory over time. Ends with the state
// invariants of every session; exit code 1 when a 5xx, a hang or a broken invariant was seen.
//   npx tsx mock/reliability/soak.ts --minutes 5 [--clients 16] [--sessions 150] [--max-sessions 100]
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { DataSet } from '../../generators/fixtures/data-set.ts';
import { validateDataSet } from '../../generators/fixtures/generate.ts';
import { startMock } from '../server.ts';
import { ADMIN, asPutBody, basic, CONTACT1, CONTACT2, VIEWER } from '../testing/client.ts';
import { closeClients, HangError, nextGenToken, type RawRequest, send } from './harness.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '1' },
    clients: { type: 'string', default: '16' },
    sessions: { type: 'string', default: '150' },
    'max-sessions': { type: 'string', default: '100' },
    jobs: { type: 'string', default: '100' },
  },
});
const minutes = Number(values.minutes);
const clients = Number(values.clients);
const sessionPool = Number(values.sessions);

const mock = await startMock({
  jobs: Number(values.jobs),
  maxSessions: Number(values['max-sessions']),
  validateResponses: 'log',
});
const seed = mock.services.sessions.export('default') as DataSet;
const token = await nextGenToken(mock.url);
const jobs = seed.jobs.jobs.map((j) => j.id);
const usage = seed.jobs.jobPartUsages[0];
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;
const bodies = new Map<string, string>();

async function jobBody(id: string): Promise<string> {
  let body = bodies.get(id);
  if (!body) {
    const r = await send(mock.url, {
      method: 'GET',
      path: `/api/Jobs(${id})`,
      headers: { authorization: ADMIN },
    });
    const rest = asPutBody(JSON.parse(r.text));
    body = JSON.stringify(rest);
    bodies.set(id, body);
  }
  return body;
}

/** One request of the mix: mostly valid reads and writes, a share of broken ones. */
async function next(): Promise<RawRequest> {
  const session = `soak-${Math.floor(Math.random() * sessionPool)}`;
  const h = (extra: Record<string, string>) => ({ 'x-mock-session': session, ...extra });
  const id = pick(jobs);
  const json = { 'content-type': 'application/json' };
  switch (Math.floor(Math.random() * 12)) {
    case 0:
      return { method: 'GET', path: `/api/Jobs(${id})`, headers: h({ authorization: ADMIN }) };
    case 1: {
      const body = JSON.parse(await jobBody(id)) as Record<string, unknown>;
      body.name = `soak ${randomUUID()}`;
      return {
        method: 'PUT',
        path: `/api/Jobs(${id})`,
        headers: h({ authorization: ADMIN, ...json }),
        body: JSON.stringify(body),
      };
    }
    case 2:
      return {
        method: 'GET',
        path: `/api/JobsView?$filter=${encodeURIComponent(pick(["contains(name,'a')", "job_status_name eq 'Open'", 'bad ((', 'id eq null']))}&$count=true&$top=${pick([5, 20, 50])}`,
        headers: h({ authorization: pick([CONTACT1, CONTACT2]) }),
      };
    case 3:
      return {
        method: 'GET',
        path: `/api/JobsView(${id})`,
        headers: h({ authorization: CONTACT1, accept: pick(['application/json', 'application/xml']) }),
      };
    case 4:
      return {
        method: 'POST',
        path: '/api/JobPartUsage/Save',
        headers: h({ authorization: ADMIN, ...json }),
        body: JSON.stringify({ ...usage, id: randomUUID() }),
      };
    case 5:
      return {
        method: 'GET',
        path: `/work-orders/r1/types?_page[size]=${pick([0, 5, 20])}`,
        headers: h({ authorization: `Bearer ${token}` }),
      };
    case 6:
      return {
        method: 'PATCH',
        path: `/api/work-orders/r1/types/${pick(seed.nextgen.workOrderTypes).id}`,
        headers: h({ authorization: `Bearer ${token}`, ...json }),
        body: JSON.stringify({ description: `soak ${Math.random()}` }),
      };
    case 7:
      return {
        method: 'PUT',
        path: `/api/Jobs(${id})`,
        headers: h({ authorization: ADMIN, ...json }),
        body: '{"name": [1, 2',
      };
    case 8:
      return {
        method: 'PUT',
        path: `/api/Jobs(${id})`,
        headers: h({ authorization: VIEWER, ...json }),
        body: '{}',
      };
    case 9:
      return {
        method: 'GET',
        path: `/api/Jobs(${pick(['%ZZ', 'nope', randomUUID()])})`,
        headers: h({ authorization: pick([ADMIN, basic('x')]) }),
      };
    case 10:
      return {
        method: 'POST',
        path: '/work-orders/r1/types',
        headers: h({ authorization: `Bearer ${token}`, 'content-type': 'text/plain' }),
        body: 'x'.repeat(2000),
      };
    default:
      return {
        method: pick(['DELETE', 'GET']),
        path: pick(['/api/nothing', '/work-orders/r1/x', '/']),
        headers: h({}),
      };
  }
}

// `refused`: 503s naming a bound (ASSUMPTIONS.md M15, M16): with more sessions in the pool than
// --max-sessions, new sessions are refused once every place holds changes. Expected, not a failure.
const stats = { requests: 0, fiveXx: 0, refused: 0, hangs: 0, errors: 0 };
const started = Date.now();
const end = started + minutes * 60_000;
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const report = () => {
  const s = (Date.now() - started) / 1000;
  const m = process.memoryUsage();
  console.log(
    `${s.toFixed(0).padStart(5)} s  ${String(stats.requests).padStart(8)} requests (${Math.round(stats.requests / s)}/s)  5xx ${stats.fiveXx}  refused by a bound ${stats.refused}  hangs ${stats.hangs}  errors ${stats.errors}  rss ${mb(m.rss)}  heap ${mb(m.heapUsed)}  sessions ${mock.services.sessions.list().length}  log ${mock.services.log.recent(undefined, 1e9).length}`,
  );
};
const ticker = setInterval(report, 10_000);

await Promise.all(
  Array.from({ length: clients }, async () => {
    while (Date.now() < end) {
      const request = await next();
      try {
        const reply = await send(mock.url, { ...request, timeoutMs: 15_000 });
        stats.requests++;
        if (reply.status === 503 && /--max-sessions|--max-changes/.test(reply.text)) stats.refused++;
        else if (reply.status >= 500) {
          stats.fiveXx++;
          console.error(
            `5xx: ${request.method} ${request.path} -> ${reply.status} ${reply.text.slice(0, 300)}`,
          );
        }
      } catch (e) {
        if (e instanceof HangError) stats.hangs++;
        else stats.errors++;
        console.error(String(e));
      }
    }
  }),
);
clearInterval(ticker);
report();
let broken = 0;
for (const [name, data] of Object.entries(mock.services.sessions.exportAll())) {
  const problems = validateDataSet(data);
  if (problems.length > 0) {
    broken++;
    console.error(`session ${name}: ${problems.slice(0, 5).join('; ')}`);
  }
}
console.log(
  `soak done: ${stats.requests} requests, ${stats.fiveXx} 5xx, ${stats.refused} refused by a bound, ${stats.hangs} hangs, ${broken} inconsistent sessions`,
);
await mock.close();
closeClients();
process.exit(stats.fiveXx + stats.hangs + stats.errors + broken > 0 ? 1 : 0);
