// What a store answers (INTERFACES.md, Store results): the value, or the documented rules the
// request broke. Stores know no HTTP: the status and the NextGen code of a violation are the
// rule's, in the spec's x-rules, looked up by the pipeline.

/** One broken rule: its x-rules id, the field (a JSON pointer such as "/jobs_id") and what was wrong. */
export type RuleViolation = { rule: string; field?: string; message: string };

export type Result<T> = { ok: true; value: T } | { ok: false; violations: RuleViolation[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const refused = <T = never>(violations: RuleViolation[]): Result<T> => ({ ok: false, violations });
