// POST /configurations/identity/r1/tokens (vendor-apis.md, Authentication): username and
// password for a bearer token. JSON in and out. The one operation without credentials: it runs on
// the session's data without making a session (ASSUMPTIONS.md M7).
import type { components } from '../../generated/nextgen.ts';
import type { Handler } from '../pipeline/handler.ts';
import { nextGenError } from './errors.ts';
import { BEARER_CHALLENGE } from './permissions.ts';
import { findUser, type TokenStore } from './tokens.ts';

type TokenRequest = components['schemas']['TokenRequest'];

export const createToken =
  (tokens: TokenStore): Handler =>
  ({ ctx, body }) => {
    const { username, password } = body as TokenRequest;
    const user = findUser(ctx.state.nextgen.users, username, password);
    if (!user) {
      throw nextGenError('UNAUTHORIZED', 'Wrong username or password.', {
        headers: { 'WWW-Authenticate': BEARER_CHALLENGE },
      });
    }
    return {
      status: 200,
      body: tokens.issue(user, ctx.now, ctx.options.tokenTtlSec),
      headers: { 'Cache-Control': 'no-store' },
    };
  };
