import { expect, it } from 'vitest';
import { cannedExchange } from '../support/canned-exchange.ts';
import { checkErrorCodeStatus } from './nextgen-error-status.ts';

const error = (code: string, status: number) => ({
  status,
  code,
  message: 'm',
  errors: [{ code, message: 'm' }],
});

it('accepts a code with the status x-error-codes gives it', () => {
  expect(
    checkErrorCodeStatus(cannedExchange('WorkOrderTypes_Patch', 409, error('BASE_0007', 409))),
  ).toBeUndefined();
});

it('reports a code that came with another status', () => {
  const failure = checkErrorCodeStatus(cannedExchange('WorkOrderTypes_Patch', 400, error('BASE_0007', 400)));
  expect(failure?.message).toContain('Received: 400 / Documented: 409 (x-error-codes)');
});

it('leaves jobs API errors alone', () => {
  expect(
    checkErrorCodeStatus(cannedExchange('Jobs_Put', 400, { Message: 'x', code: 'BASE_0007' })),
  ).toBeUndefined();
});
