import { describe, expect, it } from 'vitest';
import { checkLength, resolveLimits } from './limits.ts';
import type { QueryLimits } from './types.ts';

describe('resolveLimits', () => {
  const cases: [
    string,
    { given: QueryLimits | undefined; want: { maxExpressionLength: number; maxDepth: number } },
  ][] = [
    [
      'uses 2000 characters and 32 levels by default',
      { given: undefined, want: { maxExpressionLength: 2000, maxDepth: 32 } },
    ],
    [
      'keeps limits that are positive integers',
      { given: { maxExpressionLength: 10, maxDepth: 3 }, want: { maxExpressionLength: 10, maxDepth: 3 } },
    ],
    [
      'falls back to the defaults for zero',
      { given: { maxExpressionLength: 0, maxDepth: 0 }, want: { maxExpressionLength: 2000, maxDepth: 32 } },
    ],
    [
      'falls back to the defaults for negative or fractional values',
      {
        given: { maxExpressionLength: -1, maxDepth: 1.5 },
        want: { maxExpressionLength: 2000, maxDepth: 32 },
      },
    ],
    [
      'falls back to the defaults for NaN',
      { given: { maxExpressionLength: Number.NaN }, want: { maxExpressionLength: 2000, maxDepth: 32 } },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(resolveLimits(given)).toStrictEqual(want);
  });
});

describe('checkLength', () => {
  const cases: [string, { given: { text: string; max: number }; want: unknown }][] = [
    ['accepts text at the limit', { given: { text: 'abc', max: 3 }, want: { ok: true, value: 'abc' } }],
    [
      'rejects text over the limit and says by how much',
      {
        given: { text: 'abcd', max: 3 },
        want: {
          ok: false,
          error: {
            message: 'The $orderby expression is 4 characters long; the maximum is 3',
            parameter: '$orderby',
            position: 3,
          },
        },
      },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(checkLength(given.text, '$orderby', given.max)).toStrictEqual(want);
  });
});
