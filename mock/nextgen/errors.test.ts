import { expect, test } from 'vitest';
import { loadSpec, validatorFor } from '../../lib/spec.ts';
import { ApiError } from '../http/api-error.ts';
import {
  codeForStatus,
  errorBody,
  errorOfViolations,
  type NextGenErrorCode,
  nextGenError,
  ruleOf,
  ruleViolation,
  statusOfCode,
} from './errors.ts';

const spec = loadSpec('nextgen');
const catalogue = Object.entries(spec['x-error-codes'] ?? {});
const validateError = validatorFor('nextgen', '#/components/schemas/Error');
const now = new Date('2026-01-01T00:00:00Z');

test.each(catalogue)('%s has the status of x-error-codes', (code, entry) => {
  expect(statusOfCode(code as NextGenErrorCode)).toBe(entry.status);
  const body = errorBody(nextGenError(code as NextGenErrorCode, 'm'), '/p', now);
  expect(body).toMatchObject({ status: entry.status, code });
  expect(validateError(body)).toBe(true);
});

test.each([
  [400, 'BASE_0001'],
  [401, 'UNAUTHORIZED'],
  [403, 'FORBIDDEN'],
  [404, 'NOT_FOUND'],
  [406, 'NOT_ACCEPTABLE'],
  [409, 'BASE_0007'],
  [415, 'UNSUPPORTED_MEDIA_TYPE'],
  [422, 'BASE_0003'],
  [413, 'BASE_0001'],
  [500, 'INTERNAL_ERROR'],
])('an error of status %i without a code is answered with %s', (status, code) => {
  expect(codeForStatus(status)).toBe(code);
  expect(errorBody(new ApiError(status, 'forced'), '/p', now)).toMatchObject({
    code,
    errors: [{ code, message: 'forced' }],
  });
});

test.each(spec['x-rules'].filter((r) => r.errorCode))(
  'rule $id gives its violations code $errorCode and its source',
  (rule) => {
    expect(ruleViolation(rule.id, 'm', 'code')).toEqual({
      rule: rule.id,
      source: rule.source,
      code: rule.errorCode,
      message: 'm',
      field: '/code',
    });
  },
);

test('rules without an error code take the code of their status', () => {
  expect(ruleViolation('WOT-PERMISSION', 'm').code).toBe('FORBIDDEN');
  expect(ruleViolation('NEXTGEN-AUTH', 'm').code).toBe('UNAUTHORIZED');
  expect(ruleViolation('WOT-TOT-AUTOMAP', 'm').code).toBeUndefined();
});

test('an unknown rule id is a programming error', () => {
  expect(() => ruleOf('WOT-NOPE')).toThrow(/no rule WOT-NOPE in the nextgen spec/);
});

test('the envelope lists every violation with field name, rule and source, the first deciding status and code', () => {
  const error = errorOfViolations([
    ruleViolation('WOT-TRIPLET-UNIQUE', 'triplet', 'technicalObjectTypeId'),
    ruleViolation('WOT-CODE-UNIQUE', 'code', 'code'),
  ]);
  const body = errorBody(error, '/work-orders/r1/types/1', now);
  expect(body).toEqual({
    status: 409,
    code: 'WORKORDERS_015',
    message: 'triplet',
    timestamp: '2026-01-01T00:00:00.000Z',
    path: '/work-orders/r1/types/1',
    errors: [
      {
        code: 'WORKORDERS_015',
        message: 'triplet',
        field: 'technicalObjectTypeId',
        rule: 'WOT-TRIPLET-UNIQUE',
        source: '004',
      },
      { code: 'BASE_0007', message: 'code', field: 'code', rule: 'WOT-CODE-UNIQUE', source: '004' },
    ],
  });
  expect(validateError(body)).toBe(true);
});

test('violations without a code take the error code; nested pointers become dotted names', () => {
  const error = new ApiError(400, 'bad', {
    violations: [
      { field: '/a/b', message: 'x' },
      { field: '', message: 'y' },
    ],
  });
  expect(errorBody(error, '/p', now).errors).toEqual([
    { code: 'BASE_0001', message: 'x', field: 'a.b' },
    { code: 'BASE_0001', message: 'y' },
  ]);
});

test('errorOfViolations needs a catalogue code', () => {
  expect(() => errorOfViolations([{ message: 'no code' }])).toThrow();
});
