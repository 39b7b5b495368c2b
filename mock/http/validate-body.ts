// Request bodies are judged by the spec's own schema, compiled once with ajv (lib/spec.ts); each
// failure names the field and, through the schema's x-rule annotations, the documented rule.
import type { BodyValidator, ErrorObject } from '../../lib/spec-runtime.ts';
import { ApiError, type Violation } from './api-error.ts';
import { ruleDefinition } from './rules.ts';

function describe(e: ErrorObject): { field: string; message: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return {
        field: `${e.instancePath}/${String(p.missingProperty)}`,
        message: `The field ${String(p.missingProperty)} is required.`,
      };
    case 'maxLength':
      return {
        field: e.instancePath,
        message: `The field must be a string with a maximum length of ${String(p.limit)}.`,
      };
    case 'additionalProperties':
      return {
        field: `${e.instancePath}/${String(p.additionalProperty)}`,
        message: `The field ${String(p.additionalProperty)} is not known.`,
      };
    case 'format':
      return { field: e.instancePath, message: `The value is not a valid ${String(p.format)}.` };
    case 'type':
      return { field: e.instancePath, message: `The value must be of type ${String(p.type)}.` };
    case 'enum':
      return {
        field: e.instancePath,
        message: `The value must be one of: ${(p.allowedValues as unknown[]).join(', ')}.`,
      };
    default:
      return { field: e.instancePath, message: e.message ?? e.keyword };
  }
}

/** The violations of `body` against a request body schema; [] when it is valid. */
function bodyViolations({ validate, ruleOf }: BodyValidator, body: unknown): Violation[] {
  if (validate(body)) return [];
  const out: Violation[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    // anyOf groups report each branch; the group's own error says it once.
    if (/\/anyOf\/\d+\//.test(e.schemaPath)) continue;
    const ruleId = ruleOf(e);
    let { field, message } = describe(e);
    if (e.keyword === 'anyOf' && ruleId) message = ruleDefinition(ruleId).summary;
    const key = `${field}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const v: Violation = { field, message };
    if (ruleId) {
      const rule = ruleDefinition(ruleId);
      v.rule = rule.id;
      v.source = rule.source;
      if (rule.errorCode) v.code = rule.errorCode;
    }
    out.push(v);
  }
  return out;
}

export function assertBody(
  validator: BodyValidator,
  body: unknown,
  message = 'The request is invalid.',
): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, `${message} The body must be a JSON object.`, {
      violations: [{ field: '', message: 'Expected an object.' }],
    });
  }
  const violations = bodyViolations(validator, body);
  if (violations.length > 0) throw new ApiError(400, message, { violations });
}
