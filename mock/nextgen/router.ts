// The NextGen API of the mock: its routes without the /api prefix (the server mounts the one
// router at '/' and at '/api', ASSUMPTIONS.md N2) and its error boundary.
import { type NextFunction, type Request, type Response, Router } from 'express';
import { type ApiError, isApiError } from '../http/api-error.ts';
import type { RequestContext } from '../http/context.ts';
import { recordViolations } from '../http/context.ts';
import { respond, responseSchema } from '../http/respond.ts';
import { errorBody } from './errors.ts';
import { JSON_FORMAT, operationOfResponse } from './operation.ts';
import { BEARER_CHALLENGE } from './permissions.ts';
import { tokenRoutes } from './token-routes.ts';
import { TokenStore } from './tokens.ts';
import { workOrderTypeRoutes } from './work-order-type-routes.ts';

/**
 * Create it once and mount the same router at '/' and '/api': tokens live in the router, so a
 * token taken under one prefix works under the other. `tokens` lets a caller share a store.
 */
export function createNextGenRouter(deps: { tokens?: TokenStore } = {}): Router {
  const tokens = deps.tokens ?? new TokenStore();
  const router = Router();
  router.use(tokenRoutes(tokens));
  router.use(workOrderTypeRoutes());
  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (isApiError(err)) sendNextGenError(req, res, err);
    else next(err);
  });
  return router;
}

/**
 * Sends an error in the NextGen envelope (ASSUMPTIONS.md N1). When the operation is known and
 * documents the status, the body goes through respond(), so tests catch a broken envelope.
 */
export function sendNextGenError(req: Request, res: Response, error: ApiError): void {
  if (res.headersSent) return;
  recordViolations(res, error.violations);
  const ctx = res.locals.ctx as RequestContext | undefined;
  const body = errorBody(error, req.originalUrl.split('?')[0] ?? req.path, ctx?.now ?? new Date());
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  if (error.status === 401 && !res.hasHeader('WWW-Authenticate'))
    res.setHeader('WWW-Authenticate', BEARER_CHALLENGE);
  const operation = operationOfResponse(res);
  if (ctx && operation && responseSchema('nextgen', operation, error.status, JSON_FORMAT.mediaType)) {
    respond(res, 'nextgen', operation, error.status, JSON_FORMAT, body);
    return;
  }
  res.status(error.status).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** Whether a path belongs to the NextGen API, with or without the /api prefix. */
export function isNextGenPath(path: string): boolean {
  return /^(?:\/api)?\/(?:work-orders|configurations)(?:\/|$)/i.test(path);
}
