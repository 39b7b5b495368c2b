// The command line as a user meets it: exit codes and the one line that says what to fix.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { main } from './cli.ts';
import { startProxy } from './faults/proxy.ts';
import { type RunningServer, startMock } from './support/start-mock.ts';

let mock: RunningServer;
const dir = mkdtempSync(join(tmpdir(), 'wo-cli-'));

beforeAll(async () => {
  mock = await startMock();
}, 60_000);
afterAll(async () => {
  await mock?.stop();
});

async function cli(
  args: string[],
  reportDir = join(dir, 'reports'),
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  try {
    const code = await main([...args, '--report-dir', reportDir]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

function configFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

it('refuses an --only that matches no case with exit 2 and the close ids, never "passed"', async () => {
  const r = await cli([
    '--base-url',
    mock.baseUrl,
    '--only',
    'JOB-NOT-FOUDN',
    '--only',
    'Jobs_Put.negative.maxLen',
  ]);
  expect(r.code).toBe(2);
  expect(r.err).toContain(
    '--only JOB-NOT-FOUDN matches no case id, rule id or operationId; close: JOB-NOT-FOUND',
  );
  expect(r.err).toMatch(
    /--only Jobs_Put\.negative\.maxLen matches no case.*close: Jobs_Put\.negative\.maxLength\./,
  );
  expect(r.out).not.toContain('passed');
});

it('runs what a valid --only selects', async () => {
  const r = await cli(['--base-url', mock.baseUrl, '--only', 'Jobs_Get.success']);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/total\s+3\s+0/); // discovery, the case, the media-type replay
});

/** The $filter requests of a case in a run's results.json. */
function filterUrls(reportDir: string, id: string): string[] {
  const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
  const found = results.cases.find((c: { id: string }) => c.id === id);
  return found.exchanges
    .map((x: { request: { url: string } }) => x.request.url)
    .filter((u: string) => u.includes('filter='));
}

it('--seed asks other generated queries, passes, and says which seed in the report', async () => {
  const only = ['--queries', '10', '--only', 'JobsView_List.oracle.eq'];
  const seeded = join(dir, 'seeded');
  const r = await cli(['--base-url', mock.baseUrl, '--seed', '4242', ...only], seeded);
  expect(r.code).toBe(0);
  expect(r.out).toContain('query oracle seed 4242 (--seed)');
  expect(JSON.parse(readFileSync(join(seeded, 'results.json'), 'utf8')).notes).toContain(
    'query oracle seed 4242 (--seed)',
  );
  const plain = join(dir, 'unseeded');
  expect((await cli(['--base-url', mock.baseUrl, ...only], plain)).code).toBe(0);
  const id = 'JobsView_List.oracle.eq';
  expect(filterUrls(seeded, id).length).toBeGreaterThan(0);
  expect(filterUrls(seeded, id)).not.toEqual(filterUrls(plain, id));
});

it('checks the config file against its schema before sending anything: file, key, found, expected', async () => {
  const file = configFile(
    'bad.yaml',
    'writes: maybe\ntimeout: soon\nbaseUrls: { nextgen: "ftp://x" }\ncredentials: { jobs: { writer: 12345 } }\nheaderz: {}\n',
  );
  const r = await cli(['--base-url', 'http://127.0.0.1:1', '--config', file]);
  expect(r.code).toBe(2);
  expect(r.err).toContain(`${file}: writes: found "maybe", expected true, false, or a list of case ids`);
  expect(r.err).toContain(`${file}: timeout: found "soon", expected a per-request timeout in ms`);
  expect(r.err).not.toContain('--timeout');
  expect(r.err).toContain(`${file}: baseUrls.nextgen: found "ftp://x", expected an http(s) URL`);
  expect(r.err).toContain(
    `${file}: credentials.jobs.writer: found a number, expected a login "user:password@domain"`,
  );
  expect(r.err).toContain(`${file}: headerz: found an unknown key, expected one of baseUrl, baseUrls`);
  expect(r.err).not.toContain('12345');
  expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
});

it('stops with exit 2 when a login is refused, naming the role and host but not the password', async () => {
  const jobs = configFile('jobs.yaml', 'credentials: { jobs: { writer: "admin:wrong-pw-1@demo" } }\n');
  const r = await cli(['--base-url', mock.baseUrl, '--config', jobs]);
  expect(r.code).toBe(2);
  expect(r.err).toContain(
    `credentials for credentials.jobs.writer (user "admin") refused by ${mock.baseUrl}`,
  );
  expect(r.err + r.out).not.toContain('wrong-pw-1');

  const nextgen = configFile(
    'nextgen.yaml',
    'credentials: { nextgen: { admin: { username: "admin@demo", password: "wrong-pw-2" } } }\n',
  );
  const n = await cli(['--base-url', mock.baseUrl, '--config', nextgen]);
  expect(n.code).toBe(2);
  expect(n.err).toContain(
    `credentials for credentials.nextgen.admin (user "admin@demo") refused by ${mock.baseUrl}`,
  );

  const contact = configFile(
    'contact.yaml',
    'credentials: { servicedesk: { contacts: ["contact1:nope@demo"] } }\n',
  );
  const c = await cli(['--base-url', mock.baseUrl, '--config', contact]);
  expect(c.code).toBe(2);
  expect(c.err).toContain('credentials for credentials.servicedesk.contacts[0] (user "contact1") refused by');
}, 30_000);

it('--redact leaves no password, login, Basic credential or token in any output', async () => {
  // The proxy sees every token the server issues, so the test knows exactly what must not appear.
  const tokens = new Set<string>();
  const proxy = await startProxy(mock.baseUrl, {
    response: (res) => {
      for (const m of res.body.matchAll(/"(?:access|refresh)Token"\s*:\s*"([^"]+)"/g))
        if (m[1]) tokens.add(m[1]);
      return res;
    },
  });
  const reportDir = join(dir, 'redacted');
  try {
    const r = await cli(['--base-url', proxy.baseUrl, '--redact'], reportDir);
    // Whether every check passes is the suite's own test; here only what the outputs show matters.
    expect([0, 1]).toContain(r.code);
    expect(tokens.size).toBeGreaterThan(0);
    // The same run covers every documented answer a client can provoke, and counts agree.
    const json = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8'));
    expect(json.coverageTotals.covered).toBe(json.coverageTotals.provokable);
    expect(json.coverageTotals.unprovokable).toBeGreaterThan(0);
    expect(r.out).toContain(`${json.cases.length} cases, ${json.exchangeCount} exchanges`);
    expect(r.out).toContain(`running ${json.cases.length} cases`);
    expect(r.out).toMatch(new RegExp(`\\[${json.cases.length}/${json.cases.length}\\]`));
    const junit = readFileSync(join(reportDir, 'junit.xml'), 'utf8');
    expect(junit).toContain(`tests="${json.cases.length}"`);
    const html = readFileSync(join(reportDir, 'report.html'), 'utf8');
    expect(html).toContain(`of ${json.cases.length} cases · ${json.exchangeCount} exchanges`);
    const totals = Object.values(json.totals as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(totals).toBe(json.cases.length);
    const outputs: [string, string][] = [
      ['stdout', r.out],
      ['stderr', r.err],
      ...readdirSync(reportDir).map((f) => [f, readFileSync(join(reportDir, f), 'utf8')] as [string, string]),
    ];
    expect(outputs.map(([name]) => name).sort()).toEqual([
      'junit.xml',
      'report.html',
      'results.json',
      'stderr',
      'stdout',
    ]);
    const logins = ['admin:demo@demo', 'viewer:demo@demo', 'contact1:demo@demo', 'contact2:demo@demo'];
    const secrets = [...tokens, ...logins, ...logins.map((l) => Buffer.from(l).toString('base64')), ':demo@'];
    for (const [name, text] of outputs) {
      for (const secret of secrets) expect(text.includes(secret), `${name} shows ${secret}`).toBe(false);
      expect(text, name).not.toMatch(/"password\\?"\s*:\s*\\?"(?!<redacted>)/);
      expect(text, name).not.toMatch(/(Basic|Bearer) (?!<redacted>|realm|[a-z]+\b)[A-Za-z0-9+/=._-]{8,}/);
    }
  } finally {
    await proxy.close();
  }
}, 60_000);
