import { expect, test } from 'vitest';
import type { WorkOrderType } from '../../generators/fixtures/data-set.ts';
import { validatorFor } from '../../lib/spec.ts';
import {
  descriptionIn,
  fieldsOfRelease,
  toBody,
  type View,
  workOrderTypeFields,
} from './work-order-type-view.ts';

const validate = validatorFor('nextgen', '#/components/schemas/WorkOrderType');
// A stored type as an older data set may hold it: FSM 23.0 fields missing, ids unset.
const stored = {
  id: 3,
  code: 'T',
  description: { EN: 'Type', IT: 'Tipo' },
  order: 1,
  active: true,
  requestTypeId: 1,
  serviceTypeId: 2,
  technicalObjectTypeId: 3,
  booking: false,
} as WorkOrderType;
const view = (over: Partial<View> = {}): View => ({
  language: { kind: 'user' },
  userLanguage: 'EN',
  release: 23,
  ...over,
});

test('every field of the release is answered, null for unset ids and false for unset flags', () => {
  const body = toBody(stored, view());
  expect(Object.keys(body)).toEqual([...workOrderTypeFields()]);
  expect(body).toMatchObject({
    assetTypeId: null,
    structureId: null,
    color: null,
    totalOutcomes: false,
    autoGisPackage: false,
  });
  expect(validate(body)).toBe(true);
});

test('a release before 23.0 answers only the fields it has', () => {
  const body = toBody(stored, view({ release: 22 }));
  expect(Object.keys(body)).toEqual(fieldsOfRelease(22));
  expect(body).not.toHaveProperty('totalOutcomes');
  expect(validate(body)).toBe(true);
});

test.each([
  [view(), 'Type'],
  [view({ userLanguage: 'IT' }), 'Tipo'],
  [view({ language: { kind: 'code', code: 'IT' } }), 'Tipo'],
  [view({ language: { kind: 'code', code: 'FR' } }), 'Type'],
  [
    view({ language: { kind: 'all' } }),
    [
      { lang: 'EN', value: 'Type' },
      { lang: 'IT', value: 'Tipo' },
    ],
  ],
])('the description follows _language (%#)', (v, expected) => {
  expect(toBody(stored, v).description).toEqual(expected);
});

test('a description without the language nor EN falls back to any translation, then to empty', () => {
  expect(descriptionIn({ DE: 'Typ' }, 'FR')).toBe('Typ');
  expect(descriptionIn({}, 'FR')).toBe('');
});

test('_fields limits the answer but always keeps id', () => {
  expect(toBody(stored, view({ fields: ['code'] }))).toEqual({ id: 3, code: 'T' });
});
