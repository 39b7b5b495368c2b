// The one error boundary: an ApiError becomes the error body of the route's family, the jobs
// API's ASP.NET body (ASSUMPTIONS.md A1, JSON or XML as accepted) or NextGen's envelope
// (ASSUMPTIONS.md N1). Client errors, Expect (417), 405, limits and refusals all pass here.
import type { OperationId } from '../../lib/catalog.ts';
import { catalog } from '../../lib/spec-runtime.ts';
import { ApiError } from '../http/api-error.ts';
import { contentTypeOf, JOBS_MEDIA, negotiate, serialize } from '../http/content.ts';
import { responseSchema } from '../http/respond.ts';
import { jobsErrorBody } from '../jobs-api/errors.ts';
import { errorBody } from '../nextgen/errors.ts';
import { BEARER_CHALLENGE } from '../nextgen/permissions.ts';
import type { Family, Operation } from './routes.ts';
import type { PlainResponse } from './types.ts';

const JSON_FORMAT = { kind: 'json', mediaType: 'application/json' } as const;

/**
 * Where the error happened: the path the client sent, the operation it matched (none for a 404 or
 * 405), its Accept header, the request's time.
 */
type ErrorSite = {
  path: string;
  operationId: OperationId | undefined;
  accept: string | undefined;
  now: Date;
};

/** The error body of a family, as a response. */
export function errorResponse(family: Family, error: ApiError, site: ErrorSite): PlainResponse {
  const headers: Record<string, string> = { ...error.headers };
  if (family === 'nextgen') {
    if (error.status === 401 && headers['WWW-Authenticate'] === undefined)
      headers['WWW-Authenticate'] = BEARER_CHALLENGE;
    headers['Content-Type'] = contentTypeOf(JSON_FORMAT);
    return { status: error.status, headers, body: JSON.stringify(errorBody(error, site.path, site.now)) };
  }
  // An error is still answered when the Accept header is what failed: then in JSON.
  const format = negotiate(site.accept, JOBS_MEDIA) ?? JSON_FORMAT;
  headers['Content-Type'] = contentTypeOf(format);
  const body = serialize(
    format,
    jobsErrorBody(site.operationId, error),
    'jobs',
    catalog().schema('jobs', 'Error'),
  );
  return { status: error.status, headers, body };
}

/** 405 for a known path and a method it does not have (ASSUMPTIONS.md N18: BASE_0001 for NextGen). */
export function methodNotAllowed(method: string, allow: string): ApiError {
  return new ApiError(405, `The requested resource does not support http method '${method}'.`, {
    headers: { Allow: allow },
  });
}

export function notFound(path: string): ApiError {
  return new ApiError(404, `No HTTP resource was found that matches the request URI '${path}'.`);
}

/** What is wrong with an error answer against the operation's documented responses; [] when right. */
export function errorBodyProblems(operation: Operation, reply: PlainResponse): string[] {
  const mediaType = (reply.headers['Content-Type'] ?? '').split(';')[0] ?? '';
  const documented = responseSchema(operation.family, operation.operationId, reply.status, mediaType);
  // Statuses an operation does not list (404 of a forced code, 413, 5xx) are the family's generic errors.
  if (!documented || typeof reply.body !== 'string' || mediaType !== 'application/json') return [];
  if (documented.validate(JSON.parse(reply.body))) return [];
  return (documented.validate.errors ?? []).map(
    (e) => `${operation.operationId} ${reply.status}: response ${e.instancePath || '/'} ${e.message}`,
  );
}

/** The admin API's error body, `{"error": "..."}` (README, admin API): the third envelope. */
export function adminErrorResponse(status: number, message: string): PlainResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ error: message }),
  };
}
