// Runs cases one after the other (writes of one must not race another's reads) and collects results.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Case, CaseContext } from '../cases/case.ts';
import type { Failure } from '../checks/failure.ts';
import { ConfigError, type SuiteConfig } from '../config/suite-config.ts';
import type { Exchange } from '../http/exchange.ts';
import { coverageOf, MEDIA_TYPES_ID, replayInEveryMediaType } from './coverage.ts';
import { checkCredentials } from './credentials.ts';
import { discover, type Fixtures } from './discovery.ts';
import { Redactor } from './redact.ts';
import { type CaseResult, countOutcomes, type Outcome, type RunResult } from './result.ts';
import { NoCredentialsError, responseFailures, Session } from './session.ts';

class Stop extends Error {
  constructor(
    readonly outcome: Outcome,
    readonly why: string,
  ) {
    super(why);
  }
}

export type SuiteEvents = {
  onStart?: (total: number) => void;
  onCaseEnd?: (result: CaseResult, done: number, total: number, counts: Record<Outcome, number>) => void;
};

const PACKAGE = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8'),
) as {
  name: string;
  version: string;
};

/** Whether the config lets this case write. */
export function mayWrite(c: Case, config: SuiteConfig): boolean {
  if (!c.writes || config.writes === true) return true;
  if (config.writes === false) return false;
  return config.writes.some((w) => w === c.id || w === c.operationId || c.rules.includes(w));
}

const matches = (c: Case, o: string) =>
  c.id === o || c.id.startsWith(`${o}.`) || c.operationId === o || c.rules.includes(o);

/** --only: a case id (or its prefix up to a dot), a rule id or an operationId. */
export function selectCases(cases: Case[], only: string[]): Case[] {
  if (only.length === 0) return cases;
  return cases.filter((c) => only.some((o) => matches(c, o)));
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/** Ids that a mistyped --only value probably meant: those it begins, then the nearest by edit distance. */
export function closeIds(cases: Case[], value: string, max = 8): string[] {
  const ids = [...new Set(cases.flatMap((c) => [c.id, c.operationId, ...c.rules]))];
  const v = value.toLowerCase();
  const prefixed = ids.filter((id) => id.toLowerCase().startsWith(v)).sort();
  const limit = Math.max(2, Math.floor(value.length / 3));
  const near = ids
    .filter((id) => !prefixed.includes(id))
    .map((id) => ({ id, d: editDistance(v, id.toLowerCase()) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
    .map((x) => x.id);
  return [...prefixed, ...near].slice(0, max);
}

/** Refuses --only values that match no case (a typo would otherwise run nothing and pass). */
export function checkOnly(cases: Case[], only: string[]): void {
  const problems = only
    .filter((o) => !cases.some((c) => matches(c, o)))
    .map((o) => {
      const close = closeIds(cases, o);
      return `--only ${o} matches no case id, rule id or operationId${close.length ? `; close: ${close.join(', ')}` : ''}`;
    });
  if (problems.length) throw new ConfigError(problems.join('\n'));
}

async function runCase(
  c: Case,
  session: Session,
  fixtures: Fixtures,
  config: SuiteConfig,
): Promise<CaseResult> {
  const started = performance.now();
  const failures: Failure[] = [];
  const exchanges: Exchange[] = [];
  const unrestored: string[] = [];
  const restores: { what: string; step: () => Promise<boolean> }[] = [];
  const record = (x: Exchange) => {
    exchanges.push(x);
    failures.push(...responseFailures(x));
  };
  const t: CaseContext = {
    config,
    fixtures,
    async send(request) {
      const x = await session.exchange(request, record);
      if (!x.response)
        throw new Stop('error', `no answer from ${x.request.method} ${x.request.url}: ${x.error}`);
      return x;
    },
    check(...results) {
      const found = results.filter((r): r is Failure => r !== undefined);
      failures.push(...found);
      return found.length === 0;
    },
    must(result) {
      if (result) {
        failures.push(result);
        throw new Stop('failed', result.message);
      }
    },
    skip(reason) {
      throw new Stop('skipped', reason);
    },
    notApplicable(reason) {
      throw new Stop('not-applicable', reason);
    },
    restore(what, step) {
      restores.push({ what, step });
    },
    unrestorable(what) {
      unrestored.push(what);
    },
  };
  let outcome: Outcome = 'passed';
  let reason: string | undefined;
  try {
    await c.run(t);
  } catch (e) {
    if (e instanceof Stop) {
      outcome = e.outcome;
      if (e.outcome !== 'failed') reason = e.why;
    } else if (e instanceof NoCredentialsError) {
      outcome = 'skipped';
      reason = e.message;
    } else {
      outcome = 'error';
      reason = e instanceof Error ? (e.stack ?? e.message) : String(e);
    }
  }
  for (const r of restores.reverse()) {
    let ok = false;
    try {
      ok = await r.step();
    } catch {
      ok = false;
    }
    if (!ok) unrestored.push(`could not restore: ${r.what}`);
  }
  // A conformance failure in a skipped case is still a failure of the system.
  if (failures.length > 0 && outcome !== 'error') outcome = 'failed';
  return {
    id: c.id,
    title: c.title,
    family: c.family,
    operationId: c.operationId,
    rules: c.rules,
    outcome,
    ...(reason === undefined ? {} : { reason }),
    failures,
    exchanges,
    unrestored,
    durationMs: Math.round(performance.now() - started),
  };
}

/** Discovery's own requests are checked like any other and reported as the first result. */
async function runDiscovery(
  session: Session,
  config: SuiteConfig,
): Promise<{ fixtures: Fixtures; result: CaseResult }> {
  const started = performance.now();
  const exchanges: Exchange[] = [];
  await checkCredentials(session, config, (x) => exchanges.push(x));
  const fixtures = await discover(session, config, (x) => exchanges.push(x));
  const failures = exchanges.flatMap(responseFailures);
  return {
    fixtures,
    result: {
      id: DISCOVERY_ID,
      title: 'every configured login is accepted, and the list endpoints lead to records to test with',
      family: 'jobs',
      operationId: 'JobsView_List',
      rules: ['OAS-STATUS', 'OAS-CONTENT-TYPE', 'OAS-SCHEMA', 'OAS-HEADERS', 'HTTP-NO-5XX'],
      outcome: failures.length ? 'failed' : 'passed',
      failures,
      exchanges,
      unrestored: [],
      durationMs: Math.round(performance.now() - started),
    },
  };
}

const DISCOVERY_ID = 'discovery';

export { coverageOf, MEDIA_TYPES_ID };

export async function runSuite(
  config: SuiteConfig,
  cases: Case[],
  events: SuiteEvents = {},
): Promise<RunResult> {
  const startedAt = new Date();
  const started = performance.now();
  checkOnly(cases, config.only);
  const selected = selectCases(cases, config.only);
  const session = new Session(config);
  // --redact: results are stored without secrets, so no output can show one (redact.ts).
  const redactor = config.redact ? new Redactor(config) : undefined;
  // Refusals as sent (before redaction), for the media-type replay at the end.
  const refusals: Exchange[] = [];
  const stored = (r: CaseResult): CaseResult => {
    refusals.push(...r.exchanges.filter((x) => (x.response?.status ?? 0) >= 400));
    if (!redactor) return r;
    for (const x of r.exchanges) redactor.learn(x);
    return redactor.value(r);
  };
  const discovery = await runDiscovery(session, config);
  discovery.result = stored(discovery.result);
  const { fixtures } = discovery;
  // Discovery and the media-type replay are results like the cases: every counter includes them.
  const total = selected.length + 2;
  events.onStart?.(total);
  const results: CaseResult[] = [discovery.result];
  events.onCaseEnd?.(discovery.result, 1, total, countOutcomes(results));
  for (const c of selected) {
    const result = mayWrite(c, config)
      ? stored(await runCase(c, session, fixtures, config))
      : ({
          id: c.id,
          title: c.title,
          family: c.family,
          operationId: c.operationId,
          rules: c.rules,
          outcome: 'skipped',
          reason: 'this case writes and the run is read-only (--read-only or writes in --config)',
          failures: [],
          exchanges: [],
          unrestored: [],
          durationMs: 0,
        } satisfies CaseResult);
    results.push(result);
    events.onCaseEnd?.(result, results.length, total, countOutcomes(results));
  }
  const replay = stored(await replayInEveryMediaType(refusals, config));
  results.push(replay);
  events.onCaseEnd?.(replay, results.length, total, countOutcomes(results));
  const all = results.flatMap((r) => r.exchanges);
  const first = all.find((x) => x.response)?.response?.headers;
  return {
    suite: { name: PACKAGE.name, version: PACKAGE.version },
    systemUnderTest: {
      baseUrls: config.baseUrls,
      ...(first?.server ? { server: first.server } : {}),
      ...(first?.['x-version'] ? { version: first['x-version'] } : {}),
    },
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    cases: results,
    coverage: coverageOf(all),
    notes: [
      ...(redactor ? redactor.value(fixtures.notes) : fixtures.notes),
      // Another seed asks other queries (S32): the report says which one to ask the same again.
      ...(config.seed === undefined ? [] : [`query oracle seed ${config.seed} (--seed)`]),
    ],
  };
}
