// The request pipeline: a plain request in, a plain response out (ARCHITECTURE.md). Every request
// passes the same stages, in this order:
//   route match (404, 405) -> family -> authentication -> session -> negotiation (406) -> key ->
//   body within limits (415, 413, 400) -> validation (400) -> Prefer -> handler -> commit ->
//   response validation when asked -> serialization.
// Nothing is parsed, stored or delayed for a caller who has not authenticated: the session is
// opened, the body read and a delay granted only after the credentials were accepted (issue 11).
// Only the login (security: none) passes without credentials; it works on the session's data
// without making a session (ASSUMPTIONS.md M7). Every refusal goes through the one error boundary
// (errors.ts), in the envelope of the route's family. Hosts (mock/server.ts) give the clock and the
// body reader; nothing here imports a `node:` module.
import { ApiError, isApiError } from '../http/api-error.ts';
import {
  contentTypeOf,
  type Format,
  negotiate,
  parseBody,
  requestFormat,
  serialize,
} from '../http/content.ts';
import type { RequestContext } from '../http/context.ts';
import { readPreferences } from '../http/prefer.ts';
import { ResponseContractError, responseSchema } from '../http/respond.ts';
import { forcedResponse } from '../http/scenario.ts';
import type { TokenStore } from '../nextgen/tokens.ts';
import type { MockOptions } from '../options.ts';
import type { RequestLog } from '../state/request-log.ts';
import { DEFAULT_SESSION, isStateBoundError, Sessions } from '../state/sessions.ts';
import { authenticateCaller } from './authenticate.ts';
import { credentialsState } from './credentials.ts';
import { errorBodyProblems, errorResponse, methodNotAllowed, notFound } from './errors.ts';
import { FAMILIES } from './families.ts';
import type { Answer, Exchange, Handlers, Query } from './handler.ts';
import { createHandlers } from './handlers.ts';
import { readKey } from './keys.ts';
import { type Family, familyOf, matchRoute, type Operation } from './routes.ts';
import { BodyTooLarge, BodyUnreadable, type PlainRequest, type PlainResponse } from './types.ts';

type PipelineServices = {
  options: MockOptions;
  sessions: Sessions;
  tokens: TokenStore;
  log: RequestLog;
  /** The host's clock. */
  now: () => Date;
};

/** A handler re-runs at most this often when the shared state log says another instance wrote first. */
const MAX_TRIES = 3;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const NO_QUERY: Query = Object.freeze({});

function queryOf(raw: string): Query {
  if (raw === '') return NO_QUERY;
  const query: Query = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    const seen = query[name];
    query[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}

// One decoder for every body: decode() without `stream` keeps no state between calls.
const UTF8 = new TextDecoder();

/** An operation that documents no 406 answers an unmet Accept in its first media type. */
const defaultFormat = (operation: Operation): Format | undefined =>
  operation.refusesAccept ? undefined : negotiate(undefined, operation.offers);

/** A violation as the request log and the inspector show it. */
const describe = (v: { rule?: string; field?: string; message: string }) =>
  [v.rule, v.field].filter(Boolean).join(' ') + (v.rule || v.field ? ': ' : '') + v.message;

/** Errors of the host's body reader, in the API's terms. */
function bodyError(e: unknown): ApiError | undefined {
  if (e instanceof BodyTooLarge)
    return new ApiError(413, e.message, { violations: [{ field: '', message: 'Body too large.' }] });
  if (e instanceof BodyUnreadable)
    return new ApiError(e.status, `The request body could not be read (${e.message}).`, {
      violations: [{ field: '', message: e.message }],
    });
  return undefined;
}

export type Pipeline = (request: PlainRequest) => Promise<PlainResponse>;

export function createPipeline(services: PipelineServices): Pipeline {
  const { options, sessions, tokens, log } = services;
  const handlers: Handlers = createHandlers(tokens);
  /** Requests sleeping on `Prefer: delay` now (bounded by options.maxDelayedRequests). */
  let delayed = 0;

  /** One exchange, answered; `trace` collects what the request log keeps of it. */
  async function run(request: PlainRequest, now: Date, trace: Trace): Promise<PlainResponse> {
    const match = matchRoute(request.method, request.path);
    const family = familyOf(match);
    const operationId = match.kind === 'operation' ? match.operation.operationId : undefined;
    const site = { path: request.path, operationId, accept: request.headers.accept, now };
    let operation: Operation | undefined;
    let ctx: RequestContext | undefined;
    try {
      if (match.kind === 'not-found')
        throw notFound(request.query === '' ? request.path : `${request.path}?${request.query}`);
      if (match.kind === 'method-not-allowed') throw methodNotAllowed(request.method, match.allow);
      operation = match.operation;
      const answered = await admitted(request, operation, match.params, family, now, trace);
      ctx = answered.ctx;
      return answered.response;
    } catch (e) {
      const error = toApiError(e, trace);
      trace.problems.push(...error.violations.map(describe));
      let reply = errorResponse(family, error, site);
      if (ctx && operation && options.validateResponses !== 'off') {
        // Error bodies are checked against the operation's documented responses like any answer.
        const problems = errorBodyProblems(operation, reply);
        if (problems.length > 0) {
          trace.problems.push(...problems);
          if (options.validateResponses === 'throw')
            reply = errorResponse(
              family,
              new ApiError(500, `The mock broke its own contract: ${problems.join('; ')}`),
              site,
            );
        }
      }
      if (trace.session !== undefined) reply.headers['X-Mock-Session'] = trace.session;
      return reply;
    }
  }

  async function admitted(
    request: PlainRequest,
    operation: Operation,
    params: Record<string, string>,
    family: Family,
    now: Date,
    trace: Trace,
  ): Promise<{ ctx: RequestContext; response: PlainResponse }> {
    const { headers } = request;
    const header = headers['x-mock-session'];
    const session = header !== undefined && header !== '' ? header : DEFAULT_SESSION;
    // Authentication: against the session's data when it exists, else the seed's (no session made).
    // A shared state log (Redis) first learns a bearer token another instance issued.
    await sessions.log.beforeAuthenticate?.(headers.authorization);
    const caller = authenticateCaller(
      operation,
      headers.authorization,
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
    trace.session = session;
    // Session.
    let state = authenticated ? await sessions.open(session) : credentialsState(sessions, session);
    const query = queryOf(request.query);
    const { prefs, problems } = readPreferences(headers.prefer, query);
    const ctx: RequestContext = { state, caller, session, prefs, options, now, problems: trace.problems };
    // Negotiation.
    const rules = FAMILIES[family];
    const format = negotiate(headers.accept, operation.offers) ?? defaultFormat(operation);
    if (!format) throw rules.notAcceptable(headers.accept, operation.offers);
    // Key, then the body within limits.
    const key = readKey(family, params);
    let body: unknown;
    if (operation.request) {
      const kind = requestFormat(headers['content-type'], operation.request.mediaTypes);
      const raw = UTF8.decode(await request.body.read(options.maxBodyBytes));
      if (raw !== '') trace.requestBody = raw;
      body = parseBody(raw, kind, family, operation.request.schema);
      // Validation.
      rules.checkBody(operation, body, ctx);
    }
    const entry = handlers[operation.operationId];
    const handle = typeof entry === 'function' ? entry : entry.handle;
    const exchange: Exchange = {
      ctx,
      format,
      query,
      key,
      body,
      headers,
      origin: `http://${headers.host ?? '127.0.0.1'}`,
      prefix: family === 'nextgen' && /^\/api\//i.test(request.path) ? '/api' : '',
      parsed: undefined,
    };
    if (typeof entry !== 'function') exchange.parsed = entry.query(exchange);
    // Prefer: a bad preference is the client's error; a delay only for an authenticated caller.
    if (problems.length > 0) {
      throw new ApiError(400, `The Prefer header is invalid: ${problems.join('; ')}.`, {
        violations: problems.map((p) => ({ field: 'Prefer', message: p })),
      });
    }
    if (prefs.delayMs && authenticated) {
      // Each held request keeps a socket and its state: past the bound the delay is refused, not
      // dropped, since an answer without it would not be what the client asked for (ASSUMPTIONS.md M34).
      if (delayed >= options.maxDelayedRequests)
        throw new ApiError(
          503,
          `Prefer: delay=${prefs.delayMs} cannot be granted now: ${options.maxDelayedRequests} requests are being delayed already, the mock's bound. Try again later or without the delay.`,
          {
            headers: { 'Retry-After': '1' },
            violations: [{ field: 'Prefer', message: 'Too many delayed requests.' }],
          },
        );
      delayed++;
      try {
        await sleep(prefs.delayMs);
      } finally {
        delayed--;
      }
    }
    const forced = forcedResponse(family, operation.operationId, prefs, format.mediaType);
    if (forced)
      return {
        ctx,
        response: answer(operation, format, { status: forced.status, body: forced.body }, trace),
      };
    // Handler, then commit: the answer leaves only once its writes are durable.
    for (let attempt = 1; ; attempt++) {
      let result: Answer;
      try {
        result = handle(exchange);
      } catch (e) {
        if (state.hasPending) sessions.rollback(session, state);
        throw e;
      }
      if (!state.hasPending || (await sessions.commit(session, state)) === 'ok')
        return { ctx, response: answer(operation, format, result, trace) };
      sessions.rollback(session, state);
      if (attempt >= MAX_TRIES)
        throw new ApiError(
          503,
          'The session is busy: other writers changed it while this request ran. Try again.',
          {
            headers: { 'Retry-After': '1' },
          },
        );
      state = await sessions.open(session);
      ctx.state = state;
    }
  }

  /** Response validation when asked, then serialization in the negotiated format. */
  function answer(operation: Operation, format: Format, result: Answer, trace: Trace): PlainResponse {
    const documented = responseSchema(
      operation.family,
      operation.operationId,
      result.status,
      format.mediaType,
    );
    if (options.validateResponses !== 'off') {
      const problems: string[] = [];
      if (!documented)
        problems.push(
          `status ${result.status} with ${format.mediaType} is not documented for ${operation.operationId}`,
        );
      else if (!result.partial && !documented.validate(result.body)) {
        for (const e of documented.validate.errors ?? [])
          problems.push(`response ${e.instancePath || '/'} ${e.message}`);
      }
      if (problems.length > 0) {
        trace.problems.push(...problems);
        if (options.validateResponses === 'throw')
          throw new ResponseContractError(
            `${operation.operationId} ${result.status}: ${problems.join('; ')}`,
          );
      }
    }
    // The handler's headers object is its answer's own: completed in place.
    const headers: Record<string, string> = result.headers ?? {};
    headers['Content-Type'] = contentTypeOf(format);
    if (trace.session !== undefined) headers['X-Mock-Session'] = trace.session;
    return {
      status: result.status,
      headers,
      body: serialize(format, result.body, operation.family, documented?.schema ?? {}),
    };
  }

  return async (request) => {
    const started = performance.now();
    const now = services.now();
    const trace: Trace = { problems: [] };
    const response = await run(request, now, trace);
    const header = request.headers['x-mock-session'];
    log.add({
      time: now.toISOString(),
      session: trace.session ?? (header !== undefined && header !== '' ? header : DEFAULT_SESSION),
      method: request.method,
      path: request.query === '' ? request.path : `${request.path}?${request.query}`,
      status: response.status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      problems: trace.problems,
      ...(trace.requestBody !== undefined ? { requestBody: trace.requestBody } : {}),
    });
    // Sessions that expired, and names that were refused, must not keep log entries forever.
    if (log.sessionCount > options.maxSessions + 1) log.retain(new Set(sessions.names()));
    return response;
  };
}

type Trace = { problems: string[]; session?: string; requestBody?: string };

/** Anything thrown, as the client sees it: never a stack trace. */
function toApiError(e: unknown, trace: Trace): ApiError {
  if (isApiError(e)) return e;
  const fromBody = bodyError(e);
  if (fromBody) return fromBody;
  // A bound of the state refuses new work with its 503, naming the bound.
  if (isStateBoundError(e)) return new ApiError(503, e.message, { headers: { 'Retry-After': '1' } });
  if (e instanceof ResponseContractError) {
    trace.problems.push(e.message);
    return new ApiError(500, `The mock broke its own contract: ${e.message}`);
  }
  trace.problems.push('An unexpected error occurred.');
  console.error('wo-mock: unexpected error', e);
  return new ApiError(500, 'An error has occurred.');
}
