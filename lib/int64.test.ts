import { describe, expect, it } from 'vitest';
import { INT64_MAX, INT64_MIN, int64Of } from './int64.ts';

describe('int64Of', () => {
  it.each([
    [1, 1n],
    [-(2 ** 53), -(2n ** 53n)],
    [9223372036854775806n, 9223372036854775806n],
    [INT64_MIN, INT64_MIN],
    ['9223372036854775807', INT64_MAX],
    ['-9223372036854775808', INT64_MIN],
    ['+42', 42n],
    // A double above 2^53 is a whole number; its lost digits are the parser's fault, not the range's.
    [2 ** 60, 2n ** 60n],
  ])('reads %s', (value, want) => {
    expect(int64Of(value)).toBe(want);
  });

  it.each([
    ['one past the maximum', INT64_MAX + 1n],
    ['one below the minimum', INT64_MIN - 1n],
    ['text one past the maximum', '9223372036854775808'],
    ['a fraction', 1.5],
    ['a double of 2^63', 2 ** 63],
    ['text with a fraction', '1.0'],
    ['text with spaces', ' 1'],
    ['empty text', ''],
    ['20 digits', '12345678901234567890'],
    ['a boolean', true],
    ['null', null],
  ])('refuses %s', (_name, value) => {
    expect(int64Of(value)).toBeUndefined();
  });
});
