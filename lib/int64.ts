// Signed 64-bit integers (OpenAPI `format: int64`; NextGen ids are int64). Above 2^53 a JavaScript
// number loses digits, so such values are read as bigint or kept as text (ASSUMPTIONS.md N23).
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

const DIGITS = /^[+-]?\d{1,19}$/;

/** The value as a bigint when it is a whole number within int64 (number, bigint or decimal text), else undefined. */
export function int64Of(value: unknown): bigint | undefined {
  let n: bigint;
  if (typeof value === 'bigint') n = value;
  else if (typeof value === 'number') {
    if (!Number.isInteger(value)) return undefined;
    n = BigInt(value);
  } else if (typeof value === 'string') {
    // Bounded to 19 digits before BigInt() sees it: a long text cannot cost more than that.
    if (!DIGITS.test(value)) return undefined;
    n = BigInt(value);
  } else return undefined;
  return n >= INT64_MIN && n <= INT64_MAX ? n : undefined;
}
