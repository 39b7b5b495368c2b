import { describe, expect, it } from 'vitest';
import { parseSelect } from './parse-select.ts';
import type { FieldTypes, ODataError, QueryLimits } from './types.ts';

const fields: FieldTypes = { id: 'uuid', name: 'string', status: 'string' };

describe('parseSelect', () => {
  const parsed: [string, { given: string; want: string[] | undefined }][] = [
    ['selects one property', { given: 'name', want: ['name'] }],
    ['selects properties in request order', { given: 'status,id', want: ['status', 'id'] }],
    ['drops duplicates', { given: 'name,id,name', want: ['name', 'id'] }],
    ['ignores spaces', { given: ' name , id ', want: ['name', 'id'] }],
    ['reads * as every property', { given: '*', want: undefined }],
    ['reads * among properties as every property', { given: 'name,*', want: undefined }],
  ];
  it.each(parsed)('%s', (_name, { given, want }) => {
    expect(parseSelect(given, fields)).toStrictEqual({ ok: true, value: want });
  });

  const errors: [string, { given: { text: string; limits?: QueryLimits }; want: Partial<ODataError> }][] = [
    [
      'rejects an unknown property',
      {
        given: { text: 'id,nmae' },
        want: {
          message:
            "Unknown property 'nmae' at position 3 in $select; allowed properties are listed in the spec (did you mean 'name'?)",
          position: 3,
        },
      },
    ],
    [
      'rejects an empty item',
      {
        given: { text: 'id,,name' },
        want: {
          message: "Syntax error at position 3 in '$select': expected a property name or *",
          position: 3,
        },
      },
    ],
    [
      'rejects a trailing comma',
      {
        given: { text: 'id,' },
        want: { message: "Syntax error at position 3 in '$select': expected a property name or *" },
      },
    ],
    [
      'rejects two words in one item',
      {
        given: { text: 'id name' },
        want: {
          message: "Syntax error at position 3 in '$select': expected ',' or the end but found 'name'",
          position: 3,
        },
      },
    ],
    [
      'rejects a property path',
      {
        given: { text: 'customer/name' },
        want: {
          message:
            "Property paths such as 'customer/name' at position 0 in $select are not supported; the entity has only flat properties",
        },
      },
    ],
    [
      'rejects an expression',
      {
        given: { text: 'tolower(name)' },
        want: {
          message:
            "Expressions such as 'tolower(name)' at position 0 in $select are not supported; use a property name",
        },
      },
    ],
    [
      'treats constructor as an unknown property',
      {
        given: { text: 'constructor' },
        want: {
          message:
            "Unknown property 'constructor' at position 0 in $select; allowed properties are listed in the spec",
        },
      },
    ],
    [
      'rejects text over the length limit',
      {
        given: { text: 'id,name', limits: { maxExpressionLength: 3 } },
        want: { message: 'The $select expression is 7 characters long; the maximum is 3' },
      },
    ],
  ];
  it.each(errors)('%s', (_name, { given, want }) => {
    const result = parseSelect(given.text, fields, given.limits);
    expect(result.ok ? 'parsed' : result.error).toMatchObject({ ...want, parameter: '$select' });
  });
});
