import { describe, expect, it } from 'vitest';
import { FilterSyntaxError, parseFilter, parseInstant } from './filter-parse.ts';

describe('parseFilter', () => {
  it('reads every literal type', () => {
    expect(parseFilter("name eq 'O''Brien'")).toEqual({
      type: 'binary',
      op: 'eq',
      left: { type: 'field', name: 'name' },
      right: { type: 'literal', literal: { kind: 'string', value: "O'Brien" } },
    });
    const lit = (text: string) =>
      (parseFilter(`x eq ${text}`) as { right: { literal: unknown } }).right.literal;
    expect(lit('-12')).toEqual({ kind: 'number', value: -12 });
    expect(lit('2.5')).toEqual({ kind: 'number', value: 2.5 });
    expect(lit('true')).toEqual({ kind: 'boolean', value: true });
    expect(lit('null')).toEqual({ kind: 'null' });
    expect(lit('DB23E0E5-4DE0-4565-AECC-C3647FF2C5DE')).toEqual({
      kind: 'guid',
      value: 'db23e0e5-4de0-4565-aecc-c3647ff2c5de',
    });
    expect(lit('2025-01-01T02:00:00+02:00')).toMatchObject({ kind: 'datetime', value: Date.UTC(2025, 0, 1) });
  });

  it('binds or < and < comparison < not, parentheses first', () => {
    const e = parseFilter("a eq 1 or b eq 2 and not contains(c,'x')");
    expect(e).toMatchObject({
      op: 'or',
      right: { op: 'and', right: { type: 'not', arg: { type: 'call' } } },
    });
    expect(parseFilter('(a eq 1 or b eq 2) and c eq 3')).toMatchObject({ op: 'and', left: { op: 'or' } });
  });

  it('refuses what OData does not allow', () => {
    for (const bad of ["name EQ 'x'", 'name eq', "name eq 'x", 'eq 1', '(a eq 1', 'a eq 1)', 'a eq 2L']) {
      expect(() => parseFilter(bad), bad).toThrow(FilterSyntaxError);
    }
  });
});

describe('parseInstant', () => {
  it('keeps digits below the millisecond and reads a missing offset as UTC', () => {
    expect(
      parseInstant('2026-06-24T04:00:31.1277186+00:00') - Date.UTC(2026, 5, 24, 4, 0, 31, 127),
    ).toBeCloseTo(0.7186);
    expect(parseInstant('1980-01-01T00:00:00')).toBe(Date.UTC(1980, 0, 1));
    expect(parseInstant('2025-01-01')).toBeNaN();
  });
});
