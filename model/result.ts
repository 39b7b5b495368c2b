// What a store answers (INTERFACES.md, Store results): the value, or the documented rules the
// request broke. Stores know no HTTP: the status and the NextGen code of a violation are the
// rule's, in the spec's x-rules, looked up by the pipeline.

/** One broken rule: its x-rules id, the field (a JSON pointer such as "/jobs_id") and what was wrong. */
export type RuleViolation = { rule: string; field?: string; message: string };

/**
 * A refusal may say in one sentence what was wrong as a whole (the error's message). `V` lets a
 * family's store keep more per violation (NextGen: the rule's code, read from x-rules).
 */
export type Result<T, V extends RuleViolation = RuleViolation> =
  | { ok: true; value: T }
  | { ok: false; violations: V[]; message?: string };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const refused = <T = never, V extends RuleViolation = RuleViolation>(
  violations: V[],
  message?: string,
): Result<T, V> => (message === undefined ? { ok: false, violations } : { ok: false, violations, message });
