// The spec documents under Node: the modules under test read lib/spec-runtime.ts.
import '../../lib/spec.ts';
import { expect, test } from 'vitest';
import { allOperations, familyOf, matchRoute } from './routes.ts';

test.each([
  [
    'GET',
    '/api/Jobs(3f6c2a4e-0000-4000-8000-000000000000)',
    'Jobs_Get',
    { id: '3f6c2a4e-0000-4000-8000-000000000000' },
  ],
  ['PUT', '/API/jobs(abc)/', 'Jobs_Put', { id: 'abc' }],
  ['GET', '/api/JobsView', 'JobsView_List', {}],
  ['GET', '/api/JobsView(x)', 'JobsView_Get', { id: 'x' }],
  ['POST', '/api/JobPartUsage/Save', 'JobPartUsage_Save', {}],
  ['POST', '/configurations/identity/r1/tokens', 'Tokens_Create', {}],
  ['GET', '/api/work-orders/r1/types', 'WorkOrderTypes_List', {}],
  [
    'GET',
    '/work-orders/r1/types/9223372036854775806',
    'WorkOrderTypes_Get',
    { typeId: '9223372036854775806' },
  ],
  ['HEAD', '/work-orders/r1/types/1', 'WorkOrderTypes_Get', { typeId: '1' }],
  ['PATCH', '/work-orders/r1/types/1/', 'WorkOrderTypes_Patch', { typeId: '1' }],
])('%s %s is %s', (method, path, operationId, params) => {
  const match = matchRoute(method, path);
  expect(match.kind).toBe('operation');
  if (match.kind !== 'operation') return;
  expect(match.operation.operationId).toBe(operationId);
  expect(match.params).toEqual(params);
});

test('a known path with another method is 405 with the methods to allow', () => {
  expect(matchRoute('DELETE', '/api/Jobs(x)')).toEqual({
    kind: 'method-not-allowed',
    family: 'jobs',
    allow: 'GET, PUT',
  });
  expect(matchRoute('PUT', '/api/work-orders/r1/types')).toEqual({
    kind: 'method-not-allowed',
    family: 'nextgen',
    allow: 'GET, POST',
  });
});

test.each([
  ['/api/Nothing', 'jobs'],
  ['/api/Jobs(x)/more', 'jobs'],
  ['/', 'jobs'],
  ['/work-orders/r1/nothing', 'nextgen'],
  ['/api/configurations/other', 'nextgen'],
  ['/work-ordersX', 'jobs'],
  ['/apix/work-orders/r1/types', 'jobs'],
])('an unknown path %s is 404 in the %s family', (path, family) => {
  const match = matchRoute('GET', path);
  expect(match.kind).toBe('not-found');
  expect(familyOf(match)).toBe(family);
});

test('every operation of both specs has a route, its security and its media types', () => {
  const operations = allOperations();
  expect(operations.map((o) => o.operationId).sort()).toEqual(
    [
      'JobPartUsage_Save',
      'JobsView_Get',
      'JobsView_List',
      'Jobs_Get',
      'Jobs_Put',
      'Tokens_Create',
      'WorkOrderTypes_Create',
      'WorkOrderTypes_Get',
      'WorkOrderTypes_List',
      'WorkOrderTypes_Patch',
    ].sort(),
  );
  const byId = new Map(operations.map((o) => [o.operationId, o]));
  expect(byId.get('JobsView_List')?.security).toBe('contact');
  expect(byId.get('Jobs_Put')?.security).toBe('user');
  expect(byId.get('Tokens_Create')?.security).toBe('none');
  expect(byId.get('WorkOrderTypes_Patch')?.security).toBe('bearer');
  expect(byId.get('Jobs_Put')?.request?.mediaTypes).toContain('text/xml');
  expect(byId.get('WorkOrderTypes_Create')?.offers).toEqual(['application/json']);
});
