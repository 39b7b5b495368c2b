// Rule ids and their source documents, read from the specs' x-rules (the one list of rules).
import { loadSpec, type RuleDefinition, type SpecName } from '../../lib/spec.ts';
import type { Violation } from './api-error.ts';

const byId = new Map<string, RuleDefinition>();
function rules(): Map<string, RuleDefinition> {
  if (byId.size === 0) {
    for (const spec of ['jobs', 'nextgen'] as SpecName[])
      for (const r of loadSpec(spec)['x-rules']) byId.set(r.id, r);
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
