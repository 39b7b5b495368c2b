import { expect, it } from 'vitest';
import { cannedExchange } from '../support/canned-exchange.ts';
import { expectErrorCode, expectStatus, expectValue } from './expectations.ts';

it('passes a status the rule documents and names the rule otherwise', () => {
  const x = cannedExchange('Jobs_Put', 200, {});
  expect(expectStatus(x, [200], 'JOB-MAX-LENGTH')).toBeUndefined();
  expect(expectStatus(x, [400], 'JOB-MAX-LENGTH')).toMatchObject({
    rule: 'JOB-MAX-LENGTH',
    message: expect.stringContaining('Received: 200 / Documented: 400'),
  });
});

it('checks a NextGen error code at the top or among errors', () => {
  const body = {
    status: 409,
    code: 'BASE_0007',
    message: 'm',
    errors: [{ code: 'WORKORDERS_015', message: 'm' }],
  };
  const x = cannedExchange('WorkOrderTypes_Patch', 409, body);
  expect(expectErrorCode(x, 'WORKORDERS_015', 'WOT-TRIPLET-UNIQUE')).toBeUndefined();
  expect(expectErrorCode(x, 'BASE_0010', 'WOT-STRUCTURE-SAME')?.message).toContain('Documented: BASE_0010');
});

it('reports a wrong status before a wrong code', () => {
  const x = cannedExchange('WorkOrderTypes_Patch', 200, { id: 1 });
  expect(expectErrorCode(x, 'BASE_0007', 'WOT-CODE-UNIQUE')?.message).toContain(
    'Received: 200 / Documented: 409',
  );
});

it('compares values by their JSON', () => {
  expect(expectValue('discount', 5, 5, 'JPU-WARRANTY-DISCOUNT')).toBeUndefined();
  expect(expectValue('discount', 0, 5, 'JPU-WARRANTY-DISCOUNT')?.message).toContain(
    'Received: 0 / Documented: 5',
  );
});
