import type { Response } from 'express';
import { expect, test } from 'vitest';
import { operationOfResponse, setOperation } from './operation.ts';

test('the operation set on a response is read back; none before', () => {
  const res = { locals: {} } as Response;
  expect(operationOfResponse(res)).toBeUndefined();
  setOperation(res, 'WorkOrderTypes_Get');
  expect(operationOfResponse(res)).toBe('WorkOrderTypes_Get');
});
