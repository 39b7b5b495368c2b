import { expect, it } from 'vitest';
import { cannedExchange } from '../support/canned-exchange.ts';
import { checkStatusDocumented } from './status-code.ts';

it('accepts a status the operation documents', () => {
  expect(checkStatusDocumented(cannedExchange('Jobs_Get', 404, { Message: 'no' }))).toBeUndefined();
});

it('reports an undocumented status with the documented ones', () => {
  const failure = checkStatusDocumented(cannedExchange('Jobs_Get', 203, {}));
  expect(failure?.rule).toBe('OAS-STATUS');
  expect(failure?.message).toContain('Received: 203 / Documented: 200, 400, 401');
});
