// Rule ids and their source documents, read from the specs' x-rules (the one list of rules).
import { catalog, type RuleDefinition, SPEC_NAMES } from '../../lib/spec-runtime.ts';
import type { RuleViolation } from '../../model/result.ts';
import { ApiError, type Violation } from './api-error.ts';

const byId = new Map<string, RuleDefinition>();
function rules(): Map<string, RuleDefinition> {
  if (byId.size === 0) {
    for (const spec of SPEC_NAMES) for (const r of catalog().rules(spec)) byId.set(r.id, r);
  }
  return byId;
}

export function ruleDefinition(id: string): RuleDefinition {
  const rule = rules().get(id);
  if (!rule) throw new Error(`unknown rule id ${id}: add it to the spec's x-rules`);
  return rule;
}

/** A violation of a documented rule, with the rule's source document filled in. */
export function violation(ruleId: string, message: string, field?: string): Violation {
  const rule = ruleDefinition(ruleId);
  const v: Violation = { rule: rule.id, source: rule.source, message };
  if (field !== undefined) v.field = field;
  if (rule.errorCode) v.code = rule.errorCode;
  return v;
}

/**
 * The error for a store's refusal: the status of the first violation's rule (x-rules), every
 * violation with its rule's source and code. `message` defaults to the first violation's.
 */
export function refusal(violations: readonly RuleViolation[], message?: string): ApiError {
  const [first] = violations;
  if (!first) throw new Error('refusal needs at least one violation');
  const status = ruleDefinition(first.rule).status;
  if (status === undefined) throw new Error(`rule ${first.rule} has no status in x-rules`);
  return new ApiError(status, message ?? first.message, {
    violations: violations.map((v) => violation(v.rule, v.message, v.field)),
  });
}
