import { expect, it } from 'vitest';
import { cannedExchange } from '../support/canned-exchange.ts';
import { checkDocumentedHeaders } from './headers.ts';

it('accepts a 401 with its WWW-Authenticate challenge', () => {
  const x = cannedExchange('Jobs_Get', 401, { Message: 'no' }, { headers: { 'www-authenticate': 'Basic' } });
  expect(checkDocumentedHeaders(x)).toBeUndefined();
});

it('reports a 401 without WWW-Authenticate', () => {
  const failure = checkDocumentedHeaders(
    cannedExchange('WorkOrderTypes_List', 401, { code: 'UNAUTHORIZED' }),
  );
  expect(failure?.rule).toBe('OAS-HEADERS');
  expect(failure?.message).toContain('Documented: WWW-Authenticate');
});
