// The jobs API's error body: ApiError -> the ASP.NET Web API 2 error body (ASSUMPTIONS.md A1); the
// one boundary (mock/pipeline/errors.ts) writes it in JSON or XML as the client accepts.
import type { ApiError } from '../http/api-error.ts';

// ASP.NET names ModelState keys after the action's parameter.
const modelOf = (path: string) => (/jobpartusage/i.test(path) ? 'job_part_usage' : 'job');

export function jobsErrorBody(path: string, error: ApiError): Record<string, unknown> {
  const body: Record<string, unknown> = { Message: error.message };
  const model = modelOf(path);
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
