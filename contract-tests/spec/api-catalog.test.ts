import { expect, it } from 'vitest';
import { catalog } from '../../lib/spec.ts';
import { apiCatalog, componentSchema, operation, responseTypes, ruleInfo } from './api-catalog.ts';

it('is the catalog of both specs, each operation with its host and challenge schemes', () => {
  expect(operation('JobsView_List')).toMatchObject({
    method: 'GET',
    path: '/api/JobsView',
    host: 'servicedesk',
    authSchemes: ['Basic'],
  });
  expect(operation('WorkOrderTypes_Patch')).toMatchObject({
    host: 'nextgen',
    permission: 'fsm.core.workorder.configuration.edit',
    authSchemes: ['Bearer'],
  });
  expect(operation('Tokens_Create').authSchemes).toEqual([]);
  expect([...apiCatalog().operations.keys()]).toEqual([...catalog().operations.keys()]);
  // The view adds to the catalog's operation; it does not copy its schemas.
  expect(operation('Jobs_Get').responses).toBe(catalog().operation('Jobs_Get').responses);
});

it('lists the media types of an answer, and none for a status the operation does not document', () => {
  expect(responseTypes(operation('Jobs_Get'), 401)).toContain('text/xml');
  expect(Object.keys(operation('Jobs_Get').responses['401']?.headers ?? {})).toEqual(['WWW-Authenticate']);
  expect(responseTypes(operation('Jobs_Get'), 418)).toEqual([]);
});

it('gives component schemas resolved, named by their component', () => {
  const view = componentSchema('jobs', 'JobsViewXmlList');
  expect(view['x-component']).toBe('JobsViewXmlList');
  expect((view.items as Record<string, unknown>)['x-component']).toBe('jobs_view');
});

it('knows the source and summary of documented and generic rules', () => {
  expect(ruleInfo('WOT-CODE-UNIQUE')).toMatchObject({ source: '004', section: 'Business Logic' });
  expect(apiCatalog().rules.get('WOT-CODE-UNIQUE')?.family).toBe('nextgen');
  expect(ruleInfo('OAS-STATUS').source).toBe('OpenAPI 3.1');
});

it('reads the NextGen error code table', () => {
  expect(apiCatalog().errorCodes.get('WORKORDERS_016')?.status).toBe(409);
});
