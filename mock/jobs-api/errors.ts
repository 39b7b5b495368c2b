// The jobs API's error boundary: ApiError -> the ASP.NET Web API 2 error body (ASSUMPTIONS.md A1),
// in JSON or XML as the client accepts.
import type { Request, Response } from 'express';
import type { ApiError } from '../http/api-error.ts';
import { JOBS_MEDIA, negotiate, send } from '../http/content.ts';
import { recordViolations } from '../http/context.ts';

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

export function sendJobsError(req: Request, res: Response, error: ApiError): void {
  recordViolations(res, error.violations);
  for (const [k, v] of Object.entries(error.headers)) res.setHeader(k, v);
  // An error is still answered when the Accept header is what failed: then in JSON.
  const format = negotiate(req.headers.accept, JOBS_MEDIA) ?? {
    kind: 'json' as const,
    mediaType: 'application/json',
  };
  send(res, error.status, format, jobsErrorBody(req.path, error), 'jobs', {
    $ref: '#/components/schemas/Error',
  });
}
