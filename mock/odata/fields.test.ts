import { describe, expect, it } from 'vitest';
import { fieldTypeOf, resolveField } from './fields.ts';
import type { FieldTypes } from './types.ts';

const fields: FieldTypes = { name: 'string', estimated_time: 'integer' };

describe('fieldTypeOf', () => {
  const cases: [string, { given: string; want: string | undefined }][] = [
    ['returns the type of a declared field', { given: 'estimated_time', want: 'integer' }],
    ['returns nothing for an undeclared field', { given: 'nme', want: undefined }],
    ['does not resolve __proto__ through the prototype', { given: '__proto__', want: undefined }],
    ['does not resolve constructor through the prototype', { given: 'constructor', want: undefined }],
    ['does not resolve toString through the prototype', { given: 'toString', want: undefined }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(fieldTypeOf(given, fields)).toBe(want);
  });
});

describe('resolveField', () => {
  const cases: [string, { given: string; want: unknown }][] = [
    ['resolves a declared field to its type', { given: 'name', want: { ok: true, value: 'string' } }],
    [
      'names an unknown field and suggests a close one',
      {
        given: 'nme',
        want: {
          ok: false,
          error: {
            message:
              "Unknown property 'nme' at position 7 in $filter; allowed properties are listed in the spec (did you mean 'name'?)",
            parameter: '$filter',
            position: 7,
          },
        },
      },
    ],
    [
      'names an unknown field without a suggestion when none is close',
      {
        given: 'constructor',
        want: {
          ok: false,
          error: {
            message:
              "Unknown property 'constructor' at position 7 in $filter; allowed properties are listed in the spec",
            parameter: '$filter',
            position: 7,
          },
        },
      },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(resolveField(given, fields, '$filter', 7)).toStrictEqual(want);
  });
});
