// Checks of what a case expects from one exchange: the documented status, NextGen error code or value.
import { jsonBody } from '../http/body.ts';
import type { Exchange } from '../http/exchange.ts';
import { apiCatalog } from '../spec/api-catalog.ts';
import { type Failure, mismatch, show } from './failure.ts';

/** The status must be one of those the rule documents. A missing response is reported by the runner. */
export function expectStatus(
  exchange: Exchange,
  statuses: number[],
  rule: string,
  what?: string,
): Failure | undefined {
  const status = exchange.response?.status;
  if (status === undefined || statuses.includes(status)) return undefined;
  return mismatch(
    'expected-status',
    rule,
    what ?? `${exchange.operationId} answered another status than the rule documents`,
    String(status),
    statuses.join(' or '),
    exchange,
  );
}

/** A NextGen error: the status of the code (x-error-codes) and the code itself, at the top or in errors[]. */
export function expectErrorCode(exchange: Exchange, code: string, rule: string): Failure | undefined {
  const def = apiCatalog().errorCodes.get(code);
  if (!def) throw new Error(`error code ${code} is not in x-error-codes`);
  const wrongStatus = expectStatus(
    exchange,
    [def.status],
    rule,
    `${exchange.operationId} should refuse with ${code}`,
  );
  if (wrongStatus) return wrongStatus;
  const body = jsonBody<{ code?: unknown; errors?: { code?: unknown }[] }>(exchange);
  const codes = [body?.code, ...(Array.isArray(body?.errors) ? body.errors.map((e) => e?.code) : [])];
  if (codes.includes(code)) return undefined;
  return mismatch(
    'expected-error-code',
    rule,
    `${exchange.operationId} answered another error code`,
    show(codes.filter((c) => c !== undefined)),
    code,
    exchange,
  );
}

/** A value the rule determines (a derived field, a side effect). */
export function expectValue(
  what: string,
  received: unknown,
  documented: unknown,
  rule: string,
  exchange?: Exchange,
): Failure | undefined {
  if (JSON.stringify(received) === JSON.stringify(documented)) return undefined;
  return mismatch('expected-value', rule, what, show(received), show(documented), exchange);
}

/** A condition the rule states, with what was seen and what the rule says. */
export function expectThat(
  ok: boolean,
  what: string,
  received: string,
  documented: string,
  rule: string,
  exchange?: Exchange,
): Failure | undefined {
  return ok ? undefined : mismatch('expected-behaviour', rule, what, received, documented, exchange);
}

/** Where an error body names a field: ModelState keys `<entity>.<field>` and RuleViolations `/field` (A1), NextGen errors[].field (N1). */
function namedFields(exchange: Exchange): string[] {
  const body = jsonBody<{
    ModelState?: Record<string, unknown>;
    RuleViolations?: { field?: unknown }[];
    errors?: { field?: unknown }[];
  }>(exchange);
  const out: string[] = [];
  for (const key of Object.keys(body?.ModelState ?? {})) out.push(key.slice(key.indexOf('.') + 1));
  for (const e of [...(body?.RuleViolations ?? []), ...(body?.errors ?? [])])
    if (typeof e?.field === 'string') out.push(e.field.replace(/^\//, ''));
  return out;
}

/**
 * A refusal as the rule documents it: its NextGen code (with the code's status) or its status, and an
 * error body that names the field that broke it (ASSUMPTIONS.md A1, N1).
 */
export function expectRefusal(exchange: Exchange, rule: string, field?: string): Failure | undefined {
  const def = apiCatalog().rules.get(rule);
  const answer = def?.errorCode
    ? expectErrorCode(exchange, def.errorCode, rule)
    : expectStatus(
        exchange,
        [def?.status ?? 400],
        rule,
        `${exchange.operationId} did not refuse as ${rule} documents`,
      );
  if (answer || field === undefined) return answer;
  const named = namedFields(exchange);
  return expectThat(
    named.includes(field),
    'the error body does not name the field that broke the rule',
    named.length ? named.join(', ') : '(no field named)',
    field,
    rule,
    exchange,
  );
}
