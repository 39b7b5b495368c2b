import { expect, it } from 'vitest';
import { cannedExchange } from '../support/canned-exchange.ts';
import { checkErrorEnvelope } from './nextgen-error-envelope.ts';

const error = (status: number, path = '/x') => ({
  status,
  code: 'NOT_FOUND',
  message: 'm',
  path,
  errors: [],
});

it('accepts a body whose status and path are those of the answer and the request', () => {
  expect(checkErrorEnvelope(cannedExchange('WorkOrderTypes_Get', 404, error(404)))).toBeUndefined();
});

it('reports a body status other than the HTTP status', () => {
  expect(checkErrorEnvelope(cannedExchange('WorkOrderTypes_Get', 404, error(400)))?.message).toContain(
    'Received: 400 / Documented: 404',
  );
});

it("reports a path other than the request's", () => {
  expect(checkErrorEnvelope(cannedExchange('WorkOrderTypes_Get', 404, error(404, '/y')))?.rule).toBe(
    'NEXTGEN-ERROR-ENVELOPE',
  );
});

it('leaves the jobs API and successes alone', () => {
  expect(checkErrorEnvelope(cannedExchange('Jobs_Get', 404, error(400)))).toBeUndefined();
  expect(checkErrorEnvelope(cannedExchange('WorkOrderTypes_Get', 200, error(400)))).toBeUndefined();
});
