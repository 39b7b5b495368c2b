// The state scenarios of issue 12, same run as the rest: JobsView at 100k jobs with one repeated
// query against a different $filter per request (and the memory after), kill -9 during writes with
// --state-file (acknowledged writes lost), reads on two instances sharing Redis against one, and
// the cost of a write with the file journal and with Redis against memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { startRedis } from '../mock/state/redis-test-server.ts';
import { asPutBody } from '../mock/testing/client.ts';
import { stopAllChildren } from './child-server.ts';
import { basic, CONTACT, JOBS_USER } from './fixtures.ts';
import { type LoadFigures, runLoad } from './load.ts';
import { statusKb, toMb } from './peak-memory.ts';
import { startMockServer } from './servers.ts';
import { variedViewPath } from './view-mix.ts';

type StateSettings = {
  viewJobs: number;
  jobs: number;
  seed: number;
  durationSec: number;
  connections: number;
  killCycles: number;
};

export type StateResult = {
  viewMix?:
    | {
        jobs: number;
        startMs: number;
        repeated: LoadFigures;
        varied: LoadFigures;
        /** varied req/s divided by repeated req/s. */
        ratio: number;
        rssAfterMb?: number;
      }
    | { error: string };
  killWrites?: { cycles: number; acknowledged: number; lost: number } | { error: string };
  redisReads?: { oneMemory: LoadFigures; oneRedis: LoadFigures; twoRedis: LoadFigures } | { error: string };
  writeCost?: { memory: LoadFigures; file: LoadFigures; redis: LoadFigures } | { error: string };
};

const contact = { authorization: basic(CONTACT), accept: 'application/json' };
const admin = { authorization: basic(JOBS_USER), accept: 'application/json' };
const failure = (e: unknown) => ({ error: (e as Error).message.split('\n')[0] ?? String(e) });

async function json(url: string, headers: Record<string, string>): Promise<unknown> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

/** A job of contact1's company and its body as a PUT sends it. */
async function aJob(url: string): Promise<{ id: string; body: Record<string, unknown> }> {
  const list = (await json(`${url}/api/JobsView?$top=1&$select=id`, contact)) as { value: { id: string }[] };
  const id = list.value[0]?.id;
  if (!id) throw new Error('JobsView of contact1 is empty');
  return { id, body: await bodyOf(url, id) };
}

const put = (url: string, id: string, body: Record<string, unknown>) =>
  fetch(`${url}/api/Jobs(${id})`, {
    method: 'PUT',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function viewMix(
  s: StateSettings,
  log: (l: string) => void,
): Promise<NonNullable<StateResult['viewMix']>> {
  log(`state: JobsView with ${s.viewJobs} jobs, one repeated query against a different $filter per request`);
  const mock = await startMockServer(s.viewJobs, s.seed);
  try {
    // The first read builds the view; a client pays that once, so not in the figures.
    await json(`${mock.url}${variedViewPath(0)}`, contact);
    const repeated = await runLoad({
      url: mock.url,
      connections: s.connections,
      durationSec: s.durationSec,
      requests: [{ method: 'GET', path: variedViewPath(1), headers: contact }],
    });
    let n = 2;
    const varied = await runLoad({
      url: mock.url,
      connections: s.connections,
      durationSec: s.durationSec,
      requests: [
        {
          method: 'GET',
          headers: contact,
          setupRequest: (req: autocannon.Request) => ({ ...req, path: variedViewPath(n++) }),
        } as autocannon.Request,
      ],
    });
    const rss = toMb(statusKb(mock.pid, 'VmRSS'));
    return {
      jobs: s.viewJobs,
      startMs: Math.round(mock.startMs),
      repeated,
      varied,
      ratio: repeated.reqPerSec > 0 ? Math.round((varied.reqPerSec / repeated.reqPerSec) * 100) / 100 : 0,
      ...(rss !== undefined ? { rssAfterMb: rss } : {}),
    };
  } finally {
    await mock.stop();
  }
}

/** kill -9 while four clients rename jobs, `cycles` times; then every acknowledged name must be there. */
async function killWrites(
  s: StateSettings,
  log: (l: string) => void,
): Promise<NonNullable<StateResult['killWrites']>> {
  const dir = mkdtempSync(join(tmpdir(), 'wo-bench-kill-'));
  const path = join(dir, 'state');
  const lastAcked = new Map<string, number>();
  let acknowledged = 0;
  let lost = 0;
  let targets: { id: string; body: Record<string, unknown> }[] = [];
  let tried = 0;
  try {
    for (let cycle = 0; cycle < s.killCycles; cycle++) {
      log(`state: kill -9 during writes with --state-file, cycle ${cycle + 1} of ${s.killCycles}`);
      const mock = await startMockServer(s.jobs, s.seed, ['--state-file', path]);
      if (targets.length === 0) {
        const list = (await json(`${mock.url}/api/JobsView?$top=4&$select=id`, contact)) as {
          value: { id: string }[];
        };
        targets = await Promise.all(
          list.value.map(async ({ id }) => ({ id, body: await bodyOf(mock.url, id) })),
        );
      }
      for (const { id } of targets) {
        const job = (await json(`${mock.url}/api/Jobs(${id})`, admin)) as { name: string };
        const kept = Number(/^k(\d+)$/.exec(job.name)?.[1] ?? -1);
        if (kept < (lastAcked.get(id) ?? -1)) lost++;
      }
      let stop = false;
      const writers = targets.map(async ({ id, body }) => {
        while (!stop) {
          const n = tried++;
          const res = await put(mock.url, id, { ...body, name: `k${n}` }).catch(() => undefined);
          if (res?.status !== 200) break;
          await res.text();
          acknowledged++;
          lastAcked.set(id, Math.max(lastAcked.get(id) ?? -1, n));
        }
      });
      await new Promise((r) => setTimeout(r, 300 + ((cycle * 137) % 700)));
      process.kill(mock.pid, 'SIGKILL');
      stop = true;
      await Promise.all(writers);
      await mock.stop();
    }
    // The last kill too: start once more and read back.
    const mock = await startMockServer(s.jobs, s.seed, ['--state-file', path]);
    for (const { id } of targets) {
      const job = (await json(`${mock.url}/api/Jobs(${id})`, admin)) as { name: string };
      if (Number(/^k(\d+)$/.exec(job.name)?.[1] ?? -1) < (lastAcked.get(id) ?? -1)) lost++;
    }
    await mock.stop();
    return { cycles: s.killCycles, acknowledged, lost };
  } finally {
    await stopAllChildren();
    rmSync(dir, { recursive: true, force: true });
  }
}

const bodyOf = async (url: string, id: string) => asPutBody(await json(`${url}/api/Jobs(${id})`, admin));

async function redisReads(
  s: StateSettings,
  log: (l: string) => void,
): Promise<NonNullable<StateResult['redisReads']>> {
  const redis = await startRedis();
  try {
    const memory = await startMockServer(s.jobs, s.seed);
    const { id } = await aJob(memory.url);
    const read = (url: string, connections: number) =>
      runLoad({
        url,
        connections,
        durationSec: s.durationSec,
        requests: [{ method: 'GET', path: `/api/Jobs(${id})`, headers: admin }],
      });
    log('state: reads on one instance in memory');
    const oneMemory = await read(memory.url, s.connections);
    await memory.stop();
    const a = await startMockServer(s.jobs, s.seed, ['--redis', redis.url]);
    const b = await startMockServer(s.jobs, s.seed, ['--redis', redis.url]);
    log('state: reads on one instance with Redis');
    const oneRedis = await read(a.url, s.connections);
    log('state: reads on two instances sharing Redis');
    const half = Math.max(1, Math.floor(s.connections / 2));
    const [ra, rb] = await Promise.all([read(a.url, half), read(b.url, s.connections - half)]);
    const twoRedis: LoadFigures = {
      ...ra,
      requests: ra.requests + rb.requests,
      reqPerSec: ra.reqPerSec + rb.reqPerSec,
      p50Ms: Math.max(ra.p50Ms, rb.p50Ms),
      p99Ms: Math.max(ra.p99Ms, rb.p99Ms),
      non2xx: ra.non2xx + rb.non2xx,
      errors: ra.errors + rb.errors,
    };
    await a.stop();
    await b.stop();
    return { oneMemory, oneRedis, twoRedis };
  } finally {
    await stopAllChildren();
    await redis.stop();
  }
}

async function writeCost(
  s: StateSettings,
  log: (l: string) => void,
): Promise<NonNullable<StateResult['writeCost']>> {
  const redis = await startRedis();
  const dir = mkdtempSync(join(tmpdir(), 'wo-bench-write-'));
  try {
    const measure = async (label: string, args: string[]) => {
      const mock = await startMockServer(s.jobs, s.seed, args);
      try {
        const { id, body } = await aJob(mock.url);
        log(`state: PUT a job, ${label}`);
        return await runLoad({
          url: mock.url,
          connections: s.connections,
          durationSec: s.durationSec,
          requests: [
            {
              method: 'PUT',
              path: `/api/Jobs(${id})`,
              headers: { ...admin, 'content-type': 'application/json' },
              body: JSON.stringify(body),
            },
          ],
        });
      } finally {
        await mock.stop();
      }
    };
    return {
      memory: await measure('in memory', []),
      file: await measure('with the file journal', ['--state-file', join(dir, 'state')]),
      redis: await measure('with Redis', ['--redis', redis.url]),
    };
  } finally {
    await stopAllChildren();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measureState(s: StateSettings, log: (l: string) => void): Promise<StateResult> {
  const out: StateResult = {};
  out.viewMix = await viewMix(s, log).catch(failure).finally(stopAllChildren);
  out.killWrites = await killWrites(s, log).catch(failure);
  out.redisReads = await redisReads(s, log).catch(failure);
  out.writeCost = await writeCost(s, log).catch(failure);
  return out;
}
