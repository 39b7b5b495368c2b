import { expect, it } from 'vitest';
import { cannedExchange, validJobsViewRow } from '../support/canned-exchange.ts';
import { checkResponseSchema } from './response-schema.ts';

const page = (rows: unknown[]) => ({ '@odata.context': 'http://h/api/$metadata#JobsView', value: rows });

it('accepts a page of valid JobsView rows', () => {
  expect(
    checkResponseSchema(cannedExchange('JobsView_List', 200, page([validJobsViewRow()]))),
  ).toBeUndefined();
});

it('reports a missing required field', () => {
  const { name: _dropped, ...row } = validJobsViewRow();
  const failure = checkResponseSchema(cannedExchange('JobsView_List', 200, page([row])));
  expect(failure?.rule).toBe('OAS-SCHEMA');
  expect(failure?.message).toContain("must have required property 'name'");
});

it('reports a string over its documented length', () => {
  const row = validJobsViewRow({ job_type_name: 'x'.repeat(51) });
  expect(checkResponseSchema(cannedExchange('JobsView_Get', 200, row))?.message).toContain(
    'must NOT have more than 50',
  );
});

it('accepts rows of a $select answer that carry only the selected fields, still checking their types', () => {
  const selected = cannedExchange('JobsView_List', 200, page([{ id: validJobsViewRow().id, name: 'n' }]), {
    partialItems: true,
  });
  expect(checkResponseSchema(selected)).toBeUndefined();
  const wrong = cannedExchange('JobsView_List', 200, page([{ id2: 'x' }]), { partialItems: true });
  expect(checkResponseSchema(wrong)?.message).toContain('must be integer');
});

it('reads XML bodies with the shared codec before validating them', () => {
  const xml = `<Error xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Message>nope</Message></Error>`;
  const x = cannedExchange('Jobs_Get', 404, xml, { contentType: 'application/xml' });
  expect(checkResponseSchema(x)).toBeUndefined();
});

it('reports a body that is not JSON', () => {
  const x = cannedExchange('Jobs_Get', 404, '{oops', { contentType: 'application/json' });
  expect(checkResponseSchema(x)?.message).toContain('does not parse');
});
