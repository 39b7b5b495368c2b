import { expect, it } from 'vitest';
import { apiCatalog, operation, ruleInfo } from './api-catalog.ts';

it('indexes every operation of both specs with its host', () => {
  expect(operation('JobsView_List')).toMatchObject({
    method: 'GET',
    path: '/api/JobsView',
    host: 'servicedesk',
  });
  expect(operation('WorkOrderTypes_Patch')).toMatchObject({
    host: 'nextgen',
    permission: 'fsm.core.workorder.configuration.edit',
  });
  expect(apiCatalog().operations.size).toBe(10);
});

it('resolves response refs to their content types and headers', () => {
  const unauthorized = operation('Jobs_Get').responses.get('401');
  expect([...(unauthorized?.content.keys() ?? [])]).toContain('text/xml');
  expect(unauthorized?.headers).toEqual(['WWW-Authenticate']);
});

it('knows the source and summary of documented and generic rules', () => {
  expect(ruleInfo('WOT-CODE-UNIQUE')).toMatchObject({ source: '004', section: 'Business Logic' });
  expect(ruleInfo('OAS-STATUS').source).toBe('OpenAPI 3.1');
});

it('reads the NextGen error code table', () => {
  expect(apiCatalog().errorCodes.get('WORKORDERS_016')?.status).toBe(409);
});
