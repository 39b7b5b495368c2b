// Request bodies of the NextGen API, checked against the operation's schema (the pipeline has read
// and parsed them: JSON only). Each schema error names its rule: the
// nearest `x-rule` of the schema, or the body schema's `x-rules-by-keyword` (lib/spec.ts).
import type { BodyValidator, ErrorObject } from '../../lib/spec-runtime.ts';
import type { Violation } from '../http/api-error.ts';
import { ruleOf, ruleViolation } from './errors.ts';

const isBranchDetail = (e: ErrorObject) => /\/anyOf\/\d+\//.test(e.schemaPath);

function fieldOf(
  e: ErrorObject,
  body: unknown,
  ruleFields: readonly string[] | undefined,
): string | undefined {
  if (e.keyword === 'required') return String(e.params.missingProperty);
  if (e.keyword === 'additionalProperties') return String(e.params.additionalProperty);
  if (e.instancePath !== '') return e.instancePath.slice(1).replaceAll('/', '.');
  if (!ruleFields || ruleFields.length === 0) return undefined;
  const given = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  return ruleFields.find((f) => given[f] !== undefined && given[f] !== null) ?? ruleFields[0];
}

function messageOf(e: ErrorObject, field: string | undefined, ruleSummary: string | undefined): string {
  if ((e.keyword === 'not' || e.keyword === 'anyOf') && ruleSummary) return ruleSummary;
  if (e.keyword === 'additionalProperties') return `${field} is not a field of this resource.`;
  return `${field ?? 'The body'} ${e.message ?? 'is invalid'}.`;
}

/** Every schema error of a body, as violations of the documented rules (code BASE_0001 when no rule names one), field errors first. */
export function schemaViolations(
  { validate, ruleOf: ruleOfError }: BodyValidator,
  body: unknown,
): Violation[] {
  if (validate(body)) return [];
  const errors = validate.errors ?? [];
  // A body that is not an object: the object rules say nothing more about it.
  const rootType = errors.filter((e) => e.keyword === 'type' && e.instancePath === '');
  const violations = (rootType.length > 0 ? rootType : errors)
    .filter((e) => !isBranchDetail(e))
    .map((e): Violation => {
      const ruleId = ruleOfError(e);
      const rule = ruleId === undefined ? undefined : ruleOf(ruleId);
      const field = fieldOf(e, body, rule?.fields);
      const message = messageOf(e, field, rule?.summary);
      if (ruleId === undefined)
        return { code: 'BASE_0001', message, ...(field === undefined ? {} : { field: `/${field}` }) };
      return ruleViolation(ruleId, message, field);
    });
  // Field errors (BASE_0001) decide before the technical object type rules that span fields.
  return violations.sort((a, b) => Number(a.code !== 'BASE_0001') - Number(b.code !== 'BASE_0001'));
}
