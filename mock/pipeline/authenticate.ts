// The authentication stage: who the caller is, by the operation's security scheme in the spec.
// The jobs API's Basic credentials (vendor-apis.md; ASSUMPTIONS.md A5, A18), NextGen's bearer
// token with the operation's x-permission (ASSUMPTIONS.md N9). Refusals throw the 401/403 ApiError.
import type { Caller } from '../http/context.ts';
import { authenticateContact, authenticateUser } from '../jobs-api/auth.ts';
import { authorize } from '../nextgen/permissions.ts';
import type { TokenStore } from '../nextgen/tokens.ts';
import type { MockState } from '../state/mock-state.ts';
import type { Operation } from './routes.ts';

const ANONYMOUS: Caller = { kind: 'anonymous' };

export function authenticateCaller(
  operation: Operation,
  authorization: string | undefined,
  state: MockState,
  tokens: TokenStore,
  now: Date,
): Caller {
  switch (operation.security) {
    case 'none':
      return ANONYMOUS;
    case 'user':
      // Writes need a user who may write (403, ASSUMPTIONS.md A5).
      return { kind: 'user', user: authenticateUser(authorization, state, operation.method !== 'GET') };
    case 'contact':
      return { kind: 'contact', contact: authenticateContact(authorization, state) };
    case 'bearer':
      return { kind: 'bearer', principal: authorize(authorization, tokens, now, operation.operationId) };
  }
}
