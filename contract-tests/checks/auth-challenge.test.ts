import { describe, expect, it } from 'vitest';
import { cannedExchange } from '../support/canned-exchange.ts';
import { checkAuthChallenge } from './auth-challenge.ts';

describe('checkAuthChallenge', () => {
  it('accepts the scheme of the operation, in any case, among others', () => {
    const x = cannedExchange(
      'Jobs_Get',
      401,
      { Message: 'x' },
      { headers: { 'www-authenticate': 'Basic realm="jobs"' } },
    );
    expect(checkAuthChallenge(x)).toBeUndefined();
    const y = cannedExchange(
      'WorkOrderTypes_Get',
      401,
      {},
      { headers: { 'www-authenticate': 'Negotiate, bearer realm="x"' } },
    );
    expect(checkAuthChallenge(y)).toBeUndefined();
  });

  it('reports a challenge of another scheme, or none', () => {
    const x = cannedExchange(
      'WorkOrderTypes_Get',
      401,
      {},
      { headers: { 'www-authenticate': 'Basic realm="x"' } },
    );
    expect(checkAuthChallenge(x)?.rule).toBe('HTTP-AUTH-CHALLENGE');
    expect(checkAuthChallenge(cannedExchange('Jobs_Put', 401, {}))?.message).toContain(
      '(no WWW-Authenticate)',
    );
  });

  it('leaves other statuses and the token endpoint (no security) alone', () => {
    expect(checkAuthChallenge(cannedExchange('Jobs_Get', 403, {}))).toBeUndefined();
    expect(checkAuthChallenge(cannedExchange('Tokens_Create', 401, {}))).toBeUndefined();
  });
});
