// The request pipeline's stages before the handler, in the order INTERFACES.md fixes: route match
// (404, 405), family, authentication, session, Prefer. Nothing is parsed, stored or delayed for a
// caller who has not authenticated: the session is opened, the body read and a delay granted only
// after the credentials were accepted (issue 11). Only the login (security: none) passes without
// credentials, and it works on the session's state without making a session.
import { ApiError, isApiError } from '../http/api-error.ts';
import type { RequestContext } from '../http/context.ts';
import { readPreferences } from '../http/prefer.ts';
import type { TokenStore } from '../nextgen/tokens.ts';
import type { MockOptions } from '../options.ts';
import { DEFAULT_SESSION, Sessions } from '../state/sessions.ts';
import { authenticateCaller } from './authenticate.ts';
import { credentialsState } from './credentials.ts';
import { errorResponse, methodNotAllowed, notFound } from './errors.ts';
import { type Family, familyOf, matchRoute, type Operation } from './routes.ts';
import type { PlainRequest, PlainResponse } from './types.ts';

export type PipelineServices = { options: MockOptions; sessions: Sessions; tokens: TokenStore };

export type Admission =
  | { kind: 'answer'; family: Family; response: PlainResponse; problems: string[] }
  | {
      kind: 'admitted';
      family: Family;
      operation: Operation;
      params: Record<string, string>;
      ctx: RequestContext;
    };

function queryParameter(query: string): (name: string) => string | undefined {
  return (name) => (query.includes(name) ? (new URLSearchParams(query).get(name) ?? undefined) : undefined);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A violation as the request log and the inspector show it. */
function problemsOf(error: ApiError): string[] {
  return error.violations.map(
    (v) => [v.rule, v.field].filter(Boolean).join(' ') + (v.rule || v.field ? ': ' : '') + v.message,
  );
}

/** Runs the stages up to the handler: an answer (a refusal) or an admitted request with its context. */
export async function admit(
  request: PlainRequest,
  services: PipelineServices,
  now: Date,
): Promise<Admission> {
  const match = matchRoute(request.method, request.path);
  const family = familyOf(match);
  const refuse = (error: ApiError): Admission => ({
    kind: 'answer',
    family,
    response: errorResponse(family, error, { path: request.path, accept: request.headers.accept, now }),
    problems: problemsOf(error),
  });
  if (match.kind === 'not-found')
    return refuse(notFound(request.query === '' ? request.path : `${request.path}?${request.query}`));
  if (match.kind === 'method-not-allowed') return refuse(methodNotAllowed(request.method, match.allow));

  const { operation } = match;
  const { sessions, tokens, options } = services;
  const header = request.headers['x-mock-session'];
  const session = header !== undefined && header !== '' ? header : DEFAULT_SESSION;
  try {
    // Credentials are checked against the session's data when it exists, else the seed's: an
    // anonymous request makes no session.
    const caller = authenticateCaller(
      operation,
      request.headers.authorization,
      credentialsState(sessions, session),
      tokens,
      now,
    );
    if (!Sessions.isValidName(session)) {
      throw new ApiError(
        400,
        'X-Mock-Session must be 1 to 64 letters, digits, dots, dashes or underscores.',
        {
          violations: [{ field: 'X-Mock-Session', message: 'Invalid session name.' }],
        },
      );
    }
    const authenticated = caller.kind !== 'anonymous';
    const state = authenticated ? await sessions.open(session) : credentialsState(sessions, session);
    const { prefs, problems } = readPreferences(request.headers.prefer, queryParameter(request.query));
    if (problems.length > 0) {
      throw new ApiError(400, `The Prefer header is invalid: ${problems.join('; ')}.`, {
        violations: problems.map((p) => ({ field: 'Prefer', message: p })),
      });
    }
    // A delay holds a connection and a timer: granted to authenticated callers only (ASSUMPTIONS.md M7).
    if (prefs.delayMs && authenticated) await sleep(prefs.delayMs);
    const ctx: RequestContext = { state, caller, session, prefs, options, now, problems: [] };
    return { kind: 'admitted', family, operation, params: match.params, ctx };
  } catch (e) {
    if (isApiError(e)) return refuse(e);
    throw e;
  }
}
