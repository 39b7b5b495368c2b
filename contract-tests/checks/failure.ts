// What every check returns when it finds something: the check, the rule it enforces and a message
// of the form "<what>. Received: ... / Documented: ...".
import type { Exchange } from '../http/exchange.ts';

export type Failure = {
  check: string;
  rule: string;
  message: string;
  exchange?: Exchange;
};

const MAX_SHOWN = 300;

/** Shows a value in a message, short enough to read in a terminal. */
export function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}… (${text.length} chars)` : text;
}

export function mismatch(
  check: string,
  rule: string,
  what: string,
  received: string,
  documented: string,
  exchange?: Exchange,
): Failure {
  return {
    check,
    rule,
    message: `${what}. Received: ${received} / Documented: ${documented}`,
    ...(exchange ? { exchange } : {}),
  };
}
