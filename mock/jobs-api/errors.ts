// The jobs API's error body: ApiError -> the ASP.NET Web API 2 error body (ASSUMPTIONS.md A1); the
// one boundary (mock/pipeline/errors.ts) writes it in JSON or XML as the client accepts.
import type { OperationId } from '../../lib/catalog.ts';
import type { ApiError } from '../http/api-error.ts';

// ASP.NET names ModelState keys after the action's body parameter: `job.name` (vendor-apis.md), and
// for document 003's Save its `job_part_usage`. Errors outside an operation (404, 405) use `job`.
const MODEL_OF: Partial<Record<OperationId, string>> = { JobPartUsage_Save: 'job_part_usage' };

/** The error body of an exchange of the operation (undefined: the path matched none). */
export function jobsErrorBody(
  operationId: OperationId | undefined,
  error: ApiError,
): Record<string, unknown> {
  const body: Record<string, unknown> = { Message: error.message };
  const model = (operationId && MODEL_OF[operationId]) ?? 'job';
  const modelState: Record<string, string[]> = {};
  for (const v of error.violations) {
    if (v.field === undefined) continue;
    const key =
      v.field.startsWith('/') || v.field === '' ? `${model}${v.field.replace(/\//g, '.')}` : v.field;
    const messages = modelState[key] ?? [];
    messages.push(v.message);
    modelState[key] = messages;
  }
  if (Object.keys(modelState).length > 0) body.ModelState = modelState;
  const ruled = error.violations.filter((v) => v.rule);
  if (ruled.length > 0) {
    body.RuleViolations = ruled.map((v) => ({
      rule: v.rule,
      source: v.source,
      ...(v.field !== undefined ? { field: v.field } : {}),
      message: v.message,
    }));
  }
  return body;
}
