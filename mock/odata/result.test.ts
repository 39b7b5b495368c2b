import { describe, expect, it } from 'vitest';
import { fail, guard, ok, syntaxError } from './result.ts';

describe('result helpers', () => {
  const cases: [string, { given: () => unknown; want: unknown }][] = [
    ['ok wraps a value', { given: () => ok(3), want: { ok: true, value: 3 } }],
    [
      'fail without a position leaves the position out',
      { given: () => fail('bad', '$top'), want: { ok: false, error: { message: 'bad', parameter: '$top' } } },
    ],
    [
      'fail with a position keeps it',
      {
        given: () => fail('bad', '$filter', 4),
        want: { ok: false, error: { message: 'bad', parameter: '$filter', position: 4 } },
      },
    ],
    [
      'syntaxError says where the problem is',
      {
        given: () => syntaxError('$filter', 14, "expected a value after 'eq'"),
        want: {
          ok: false,
          error: {
            message: "Syntax error at position 14 in '$filter': expected a value after 'eq'",
            parameter: '$filter',
            position: 14,
          },
        },
      },
    ],
    [
      'guard passes a result through',
      { given: () => guard('$filter', () => ok(1)), want: { ok: true, value: 1 } },
    ],
    [
      'guard turns a stack overflow into an error result',
      {
        given: () =>
          guard('$filter', () => {
            throw new RangeError('Maximum call stack size exceeded');
          }),
        want: {
          ok: false,
          error: {
            message: 'The $filter query option could not be processed: the expression is too complex',
            parameter: '$filter',
          },
        },
      },
    ],
    [
      'guard turns any other exception into an error result',
      {
        given: () =>
          guard('$select', () => {
            throw new Error('boom');
          }),
        want: {
          ok: false,
          error: {
            message: 'The $select query option could not be processed: internal error',
            parameter: '$select',
          },
        },
      },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(given()).toStrictEqual(want);
  });
});
