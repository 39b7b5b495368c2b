// Which documented answers (operation, status, media type) the run saw, which a client cannot
// provoke at all (with why), and the replay that asks for each refusal in every media type the
// operation documents for it, so that error bodies are also checked in XML and text/json.
import { expectThat } from '../checks/expectations.ts';
import type { Failure } from '../checks/failure.ts';
import type { SuiteConfig } from '../config/suite-config.ts';
import { send } from '../http/client.ts';
import { type Exchange, mediaType } from '../http/exchange.ts';
import { apiCatalog, type Operation, responseTypes } from '../spec/api-catalog.ts';
import type { CaseResult, CoverageRow } from './result.ts';
import { responseFailures } from './session.ts';

/** Why no client request can make this documented answer, or undefined when one can. */
function unprovokable(op: Operation, status: string, contentType: string): string | undefined {
  const code = Number(status);
  if (code >= 500)
    return `a server failure (${status}): no request should cause it, and HTTP-NO-5XX fails any that does`;
  const first = responseTypes(op, status)[0];
  if (code === 406 && contentType !== first)
    return `a 406 answers an Accept that names none of the served types, so it is written in the default ${first} (ASSUMPTIONS.md A19)`;
  if (code === 403 && op.method === 'GET' && op.family === 'jobs')
    return 'no documented account is refused a read: 403 is a read-only user on a write (ASSUMPTIONS.md A5)';
  return undefined;
}

export function coverageOf(exchanges: Exchange[]): CoverageRow[] {
  const seen = new Set(
    exchanges.map((x) => `${x.operationId} ${x.response?.status} ${mediaType(x.response)}`),
  );
  const seenStatus = new Set(exchanges.map((x) => `${x.operationId} ${x.response?.status}`));
  const rows: CoverageRow[] = [];
  for (const op of apiCatalog().operations.values()) {
    for (const status of Object.keys(op.responses)) {
      const types = responseTypes(op, status).length ? responseTypes(op, status) : ['-'];
      for (const contentType of types) {
        const covered =
          contentType === '-'
            ? seenStatus.has(`${op.id} ${status}`)
            : seen.has(`${op.id} ${status} ${contentType}`);
        const reason = unprovokable(op, status, contentType);
        rows.push({
          operationId: op.id,
          status,
          contentType,
          covered,
          provokable: reason === undefined,
          ...(reason ? { reason } : {}),
        });
      }
    }
  }
  return rows;
}

type CoverageCounts = {
  provokable: number;
  covered: number;
  unprovokable: number;
  missing: CoverageRow[];
};

/** The figures every report gives: provokable rows seen of all provokable rows, and the rest. */
export function coverageCounts(rows: CoverageRow[]): CoverageCounts {
  const provokable = rows.filter((r) => r.provokable);
  return {
    provokable: provokable.length,
    covered: provokable.filter((r) => r.covered).length,
    unprovokable: rows.length - provokable.length,
    missing: provokable.filter((r) => !r.covered),
  };
}

export const MEDIA_TYPES_ID = 'media-types';

/**
 * Sends again, once per missing media type, one refused request of each (operation, 4xx status) the
 * cases provoked: a refusal changed nothing, so asking for it again in XML is safe, and the answer must
 * be the same refusal in the type asked for (A19). Successes are not replayed (a write would repeat).
 */
export async function replayInEveryMediaType(raw: Exchange[], config: SuiteConfig): Promise<CaseResult> {
  const started = performance.now();
  const seen = new Set(raw.map((x) => `${x.operationId} ${x.response?.status} ${mediaType(x.response)}`));
  const exchanges: Exchange[] = [];
  const failures: Failure[] = [];
  const done = new Set<string>();
  for (const x of raw) {
    const status = x.response?.status;
    if (status === undefined || status < 400 || status >= 500 || status === 406) continue;
    if (config.writes === false && x.request.method !== 'GET') continue;
    const op = apiCatalog().operations.get(x.operationId);
    const types = op ? responseTypes(op, status) : [];
    for (const type of types) {
      const key = `${x.operationId} ${status} ${type}`;
      if (seen.has(key) || done.has(key)) continue;
      done.add(key);
      const headers = Object.fromEntries(
        Object.entries(x.request.headers).filter(([k]) => k.toLowerCase() !== 'accept'),
      );
      const again = await send(
        {
          operationId: x.operationId,
          method: x.request.method,
          url: x.request.url,
          headers: { ...headers, accept: type },
          ...(x.request.body === undefined ? {} : { body: x.request.body }),
        },
        config.timeoutMs,
      );
      exchanges.push(again);
      failures.push(...responseFailures(again));
      const got = again.response;
      const failure = expectThat(
        got?.status === status && mediaType(got) === type,
        `${x.request.method} ${new URL(x.request.url).pathname} asked again with Accept: ${type} should be the same refusal in that type`,
        `${got?.status ?? again.error} ${mediaType(got) || '(no content type)'}`,
        `${status} ${type}`,
        'HTTP-CONTENT-NEGOTIATION',
        again,
      );
      if (failure) failures.push(failure);
    }
  }
  return {
    id: MEDIA_TYPES_ID,
    title:
      'every refusal the cases provoked answers the same in each media type the operation documents for it',
    family: 'jobs',
    operationId: 'all',
    rules: ['HTTP-CONTENT-NEGOTIATION', 'OAS-CONTENT-TYPE', 'OAS-SCHEMA'],
    outcome: failures.length ? 'failed' : exchanges.length ? 'passed' : 'not-applicable',
    ...(exchanges.length ? {} : { reason: 'every refusal was already seen in every documented media type' }),
    failures,
    exchanges,
    unrestored: [],
    durationMs: Math.round(performance.now() - started),
  };
}
