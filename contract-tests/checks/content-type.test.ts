import { expect, it } from 'vitest';
import { cannedExchange } from '../support/canned-exchange.ts';
import { checkContentType } from './content-type.ts';

it('accepts a documented media type whatever its parameters', () => {
  const x = cannedExchange('Jobs_Get', 404, { Message: 'no' }, { contentType: 'text/json; charset=utf-8' });
  expect(checkContentType(x)).toBeUndefined();
});

it('reports a media type the status does not document', () => {
  const x = cannedExchange('WorkOrderTypes_Get', 404, { code: 'NOT_FOUND' }, { contentType: 'text/plain' });
  expect(checkContentType(x)?.message).toContain('Received: text/plain / Documented: application/json');
});
