// The spec documents under Node: the modules under test read lib/spec-runtime.ts.
import '../../lib/spec.ts';
import { expect, test } from 'vitest';
import type { OperationId } from '../../lib/catalog.ts';
import { type BodyValidator, requestBodyValidator } from '../../lib/spec-runtime.ts';
import { schemaViolations } from './request-body.ts';

const bodyOf = (id: OperationId): BodyValidator => {
  const validator = requestBodyValidator(id, 'application/json');
  if (!validator) throw new Error(`${id} takes no JSON body`);
  return validator;
};
const PATCH = bodyOf('WorkOrderTypes_Patch');
const CREATE = bodyOf('WorkOrderTypes_Create');

test('a valid body has no violations', () => {
  expect(schemaViolations(PATCH, { code: 'A', assetTypeId: 1, technicalObjectTypeId: 1 })).toEqual([]);
});

test.each([
  [PATCH, { code: 'x'.repeat(21) }, 'WOT-MAX-LENGTH', 'BASE_0001', 'code'],
  [PATCH, { order: 10_000 }, 'WOT-MAX-LENGTH', 'BASE_0001', 'order'],
  [PATCH, { booking: 1 }, 'WOT-FIELD-TYPES', 'BASE_0001', 'booking'],
  [PATCH, { extra: 1 }, 'WOT-FIELD-TYPES', 'BASE_0001', 'extra'],
  [
    PATCH,
    { familyTypeId: 2, ownerTypeId: 3 },
    'WOT-TOT-ONLY-ONE',
    'WORKORDERS_ORCHESTRATOR_027',
    'familyTypeId',
  ],
  [
    CREATE,
    { code: 'A', description: 'd', requestTypeId: 1 },
    'WOT-FIELD-TYPES',
    'BASE_0001',
    'serviceTypeId',
  ],
  [
    CREATE,
    { code: 'A', description: 'd', requestTypeId: 1, serviceTypeId: 1 },
    'WOT-TOT-AT-LEAST-ONE',
    'WORKORDERS_ORCHESTRATOR_026',
    'technicalObjectTypeId',
  ],
])('%s %j breaks %s (%s) on %s', (schema, body, rule, code, field) => {
  expect(schemaViolations(schema, body)).toContainEqual(
    expect.objectContaining({ rule, code, field: `/${field}`, source: expect.any(String) }),
  );
});

test('two specific ids that are null together break no rule', () => {
  expect(schemaViolations(PATCH, { assetTypeId: null, accountTypeId: null })).toEqual([]);
});

test('the branches of "at least one" are reported once, after the field errors', () => {
  const violations = schemaViolations(CREATE, {
    code: 5,
    description: 'd',
    requestTypeId: 1,
    serviceTypeId: 1,
  });
  expect(violations.map((v) => v.rule)).toEqual(['WOT-FIELD-TYPES', 'WOT-TOT-AT-LEAST-ONE']);
});

test('a body that is not an object breaks the type rule', () => {
  expect(schemaViolations(PATCH, [1])).toEqual([
    expect.objectContaining({ code: 'BASE_0001', rule: 'WOT-FIELD-TYPES' }),
  ]);
});

test('schemas without rules answer BASE_0001 without a rule', () => {
  expect(schemaViolations(bodyOf('Tokens_Create'), { username: 'a' })).toEqual([
    { code: 'BASE_0001', field: '/password', message: "password must have required property 'password'." },
  ]);
});
