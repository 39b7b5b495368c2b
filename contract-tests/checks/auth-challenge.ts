import type { Exchange } from '../http/exchange.ts';
import { operation } from '../spec/api-catalog.ts';
import { type Failure, mismatch } from './failure.ts';

/** HTTP-AUTH-CHALLENGE: a 401 challenges with a scheme the operation's security requirement names. */
export function checkAuthChallenge(exchange: Exchange): Failure | undefined {
  const response = exchange.response;
  if (response?.status !== 401) return undefined;
  const schemes = operation(exchange.operationId).authSchemes;
  if (schemes.length === 0) return undefined;
  const header = response.headers['www-authenticate'] ?? '';
  // A challenge starts with its scheme, case-insensitive (RFC 9110 section 11.1); several may be listed.
  const offered = header
    .split(',')
    .map((part) => part.trim().split(/\s+/)[0]?.toLowerCase() ?? '')
    .filter((s) => s && !s.includes('='));
  if (schemes.some((s) => offered.includes(s.toLowerCase()))) return undefined;
  return mismatch(
    'auth-challenge',
    'HTTP-AUTH-CHALLENGE',
    `${exchange.operationId} 401 does not challenge with the scheme its security requirement names`,
    header ? `WWW-Authenticate: ${header}` : '(no WWW-Authenticate)',
    schemes.map((s) => `${s} …`).join(' or '),
    exchange,
  );
}
