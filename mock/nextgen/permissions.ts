// Who may call what: a live bearer token (rule NEXTGEN-AUTH, 401) whose user holds the operation's
// `x-permission` (rule WOT-PERMISSION, 403). Edit does not imply view (ASSUMPTIONS.md N9).
import type { OperationId } from '../../lib/catalog.ts';
import { catalog } from '../../lib/spec-runtime.ts';
import { nextGenError, ruleViolation } from './errors.ts';
import type { Principal, TokenStore } from './tokens.ts';

export const BEARER_CHALLENGE = 'Bearer realm="NextGen"';

/** The permission an operation needs (x-permission); undefined for the token endpoint. */
export function permissionOf(operationId: OperationId): string | undefined {
  return catalog().operation(operationId).permission;
}

function unauthorized(message: string, error?: 'invalid_token'): never {
  const challenge = error
    ? `${BEARER_CHALLENGE}, error="${error}", error_description="${message}"`
    : BEARER_CHALLENGE;
  throw nextGenError('UNAUTHORIZED', message, {
    violations: [ruleViolation('NEXTGEN-AUTH', message)],
    headers: { 'WWW-Authenticate': challenge },
  });
}

/** The token's principal; throws 401 for a missing, unknown or expired token. */
function authenticate(header: string | undefined, tokens: TokenStore, now: Date): Principal {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) unauthorized('An Authorization: Bearer <token> header is required.');
  const verified = tokens.verify(match[1], now);
  if (!verified.ok) {
    unauthorized(
      verified.reason === 'expired' ? 'The token has expired.' : 'The token is not valid.',
      'invalid_token',
    );
  }
  return verified.value;
}

/** Throws 403 unless the principal holds the operation's permission. */
function requirePermission(principal: Principal, operationId: OperationId): void {
  const needed = permissionOf(operationId);
  if (needed === undefined || principal.permissions.includes(needed)) return;
  const message = `${operationId} needs the permission ${needed}.`;
  throw nextGenError('FORBIDDEN', message, { violations: [ruleViolation('WOT-PERMISSION', message)] });
}

/** authenticate + requirePermission: what every route but the token endpoint does first. */
export function authorize(
  header: string | undefined,
  tokens: TokenStore,
  now: Date,
  operationId: OperationId,
): Principal {
  const principal = authenticate(header, tokens, now);
  requirePermission(principal, operationId);
  return principal;
}
