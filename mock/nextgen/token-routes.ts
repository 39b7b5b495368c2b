// POST /configurations/identity/r1/tokens (vendor-apis.md, Authentication): username and
// password for a bearer token. JSON in and out.
import { Router } from 'express';
import type { components } from '../../generated/nextgen.ts';
import { contextOf } from '../http/context.ts';
import { respond } from '../http/respond.ts';
import { forcedResponse } from '../http/scenario.ts';
import { errorOfViolations, nextGenError } from './errors.ts';
import { JSON_FORMAT, setOperation } from './operation.ts';
import { BEARER_CHALLENGE } from './permissions.ts';
import { readJsonBody, schemaViolations } from './request-body.ts';
import { findUser, type TokenStore } from './tokens.ts';

const OPERATION = 'Tokens_Create';
const TOKEN_REQUEST = '#/components/schemas/TokenRequest';
type TokenRequest = components['schemas']['TokenRequest'];

export function tokenRoutes(tokens: TokenStore): Router {
  const router = Router();
  router.post('/configurations/identity/r1/tokens', (req, res) => {
    const ctx = contextOf(res);
    setOperation(res, OPERATION);
    const body = readJsonBody(req, TOKEN_REQUEST);
    const issues = schemaViolations(TOKEN_REQUEST, body);
    if (issues.length > 0) throw errorOfViolations(issues, 'The token request is invalid.');
    const forced = forcedResponse('nextgen', OPERATION, ctx.prefs, JSON_FORMAT.mediaType);
    if (forced) return respond(res, 'nextgen', OPERATION, forced.status, JSON_FORMAT, forced.body);
    const { username, password } = body as TokenRequest;
    const user = findUser(ctx.state.nextgen.users, username, password);
    if (!user) {
      throw nextGenError('UNAUTHORIZED', 'Wrong username or password.', {
        headers: { 'WWW-Authenticate': BEARER_CHALLENGE },
      });
    }
    res.setHeader('Cache-Control', 'no-store');
    respond(
      res,
      'nextgen',
      OPERATION,
      200,
      JSON_FORMAT,
      tokens.issue(user, ctx.now, ctx.options.tokenTtlSec),
    );
  });
  return router;
}
