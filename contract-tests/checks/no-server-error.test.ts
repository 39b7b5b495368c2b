import { expect, it } from 'vitest';
import { cannedExchange } from '../support/canned-exchange.ts';
import { checkNoServerError } from './no-server-error.ts';

it('accepts client errors', () => {
  expect(checkNoServerError(cannedExchange('Jobs_Put', 400, { Message: 'bad' }))).toBeUndefined();
});

it('reports a 5xx even where the spec documents 500', () => {
  expect(checkNoServerError(cannedExchange('Jobs_Put', 500, { Message: 'boom' }))?.rule).toBe('HTTP-NO-5XX');
});
