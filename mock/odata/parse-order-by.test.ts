import { describe, expect, it } from 'vitest';
import { parseOrderBy } from './parse-order-by.ts';
import type { FieldTypes, ODataError, OrderByItem, QueryLimits } from './types.ts';

const fields: FieldTypes = { name: 'string', created_at: 'date-time', estimated_time: 'integer' };

describe('parseOrderBy', () => {
  const parsed: [string, { given: string; want: OrderByItem[] }][] = [
    [
      'orders ascending by default',
      { given: 'name', want: [{ field: 'name', desc: false, type: 'string' }] },
    ],
    ['reads asc', { given: 'name asc', want: [{ field: 'name', desc: false, type: 'string' }] }],
    [
      'reads desc',
      { given: 'created_at desc', want: [{ field: 'created_at', desc: true, type: 'date-time' }] },
    ],
    [
      'reads several properties in order',
      {
        given: 'created_at desc,name,estimated_time asc',
        want: [
          { field: 'created_at', desc: true, type: 'date-time' },
          { field: 'name', desc: false, type: 'string' },
          { field: 'estimated_time', desc: false, type: 'integer' },
        ],
      },
    ],
    [
      'ignores spaces around commas and words',
      {
        given: '  name   desc ,  estimated_time ',
        want: [
          { field: 'name', desc: true, type: 'string' },
          { field: 'estimated_time', desc: false, type: 'integer' },
        ],
      },
    ],
  ];
  it.each(parsed)('%s', (_name, { given, want }) => {
    expect(parseOrderBy(given, fields)).toStrictEqual({ ok: true, value: want });
  });

  const errors: [string, { given: { text: string; limits?: QueryLimits }; want: Partial<ODataError> }][] = [
    [
      'rejects an unknown property',
      {
        given: { text: 'name,nme desc' },
        want: {
          message:
            "Unknown property 'nme' at position 5 in $orderby; allowed properties are listed in the spec (did you mean 'name'?)",
          position: 5,
        },
      },
    ],
    [
      'rejects upper-case DESC',
      {
        given: { text: 'name DESC' },
        want: {
          message:
            "The keyword 'DESC' at position 5 in $orderby is not valid; OData keywords are lower case: 'desc'",
          position: 5,
        },
      },
    ],
    [
      'rejects an unknown direction',
      {
        given: { text: 'name down' },
        want: {
          message:
            "Syntax error at position 5 in '$orderby': expected 'asc' or 'desc' after 'name' but found 'down'",
          position: 5,
        },
      },
    ],
    [
      'rejects a third word',
      {
        given: { text: 'name asc nulls' },
        want: {
          message: "Syntax error at position 9 in '$orderby': expected ',' or the end but found 'nulls'",
          position: 9,
        },
      },
    ],
    [
      'rejects a property given twice',
      {
        given: { text: 'name,name desc' },
        want: {
          message: "The property 'name' at position 5 appears more than once in $orderby",
          position: 5,
        },
      },
    ],
    [
      'rejects an empty item',
      {
        given: { text: 'name,,created_at' },
        want: { message: "Syntax error at position 5 in '$orderby': expected a property name", position: 5 },
      },
    ],
    [
      'rejects a trailing comma',
      {
        given: { text: 'name,' },
        want: { message: "Syntax error at position 5 in '$orderby': expected a property name", position: 5 },
      },
    ],
    [
      'rejects empty text',
      {
        given: { text: '' },
        want: { message: "Syntax error at position 0 in '$orderby': expected a property name", position: 0 },
      },
    ],
    [
      'rejects a function',
      {
        given: { text: 'tolower(name)' },
        want: {
          message:
            "Expressions such as 'tolower(name)' at position 0 in $orderby are not supported; use a property name",
        },
      },
    ],
    [
      'rejects a property path',
      {
        given: { text: 'a/b' },
        want: {
          message:
            "Property paths such as 'a/b' at position 0 in $orderby are not supported; the entity has only flat properties",
        },
      },
    ],
    [
      'treats __proto__ as an unknown property',
      {
        given: { text: '__proto__' },
        want: {
          message:
            "Unknown property '__proto__' at position 0 in $orderby; allowed properties are listed in the spec",
        },
      },
    ],
    [
      'rejects text over the length limit',
      {
        given: { text: 'name desc', limits: { maxExpressionLength: 4 } },
        want: { message: 'The $orderby expression is 9 characters long; the maximum is 4', position: 4 },
      },
    ],
  ];
  it.each(errors)('%s', (_name, { given, want }) => {
    const result = parseOrderBy(given.text, fields, given.limits);
    expect(result.ok ? 'parsed' : result.error).toMatchObject({ ...want, parameter: '$orderby' });
  });
});
