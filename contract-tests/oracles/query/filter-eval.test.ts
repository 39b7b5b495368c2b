import { describe, expect, it } from 'vitest';
import { type FieldTypes, FilterTypeError, matches } from './filter-eval.ts';
import { parseFilter } from './filter-parse.ts';

const types: FieldTypes = { name: 'string', n: 'integer', b: 'boolean', id: 'guid', d: 'datetime' };
const row = {
  name: "Pump O'Neil",
  n: 5,
  b: true,
  id: 'AB23E0E5-4DE0-4565-AECC-C3647FF2C5DE',
  d: '2025-03-04T05:06:07.000Z',
};
const m = (f: string) => matches(parseFilter(f), row, types);

describe('matches', () => {
  it('compares text case-insensitively (A13)', () => {
    expect(m("name eq 'PUMP o''neil'")).toBe(true);
    expect(m("name ne 'pump o''neil'")).toBe(false);
    expect(m("name gt 'pump'")).toBe(true);
    expect(m("name lt 'PUMPA'")).toBe(true);
    expect(m("contains(name,'O''N')")).toBe(true);
    expect(m("startswith(name,'pu') and endswith(name,'NEIL')")).toBe(true);
    expect(m("tolower(name) eq 'PUMP O''NEIL'")).toBe(true);
  });

  it('compares numbers, booleans, GUIDs and instants by value', () => {
    expect(m('n ge 5 and n le 5 and not (n gt 5) and n lt 6')).toBe(true);
    expect(m('b eq true and b ne false and b')).toBe(true);
    expect(m('id eq ab23e0e5-4de0-4565-aecc-c3647ff2c5de')).toBe(true);
    expect(m('d eq 2025-03-04T07:06:07+02:00')).toBe(true);
    expect(m('d gt 2025-03-04T05:06:07.0001Z')).toBe(false);
    expect(m('year(d) eq 2025 and month(d) eq 3 and day(d) eq 4')).toBe(true);
  });

  it('counts code points (S11) and treats null as a value of its own', () => {
    expect(matches(parseFilter('length(name) eq 3'), { name: 'a😀b' }, types)).toBe(true);
    expect(m('name eq null')).toBe(false);
    expect(m('name ne null')).toBe(true);
    expect(m("n eq 1 or name eq 'x' or length(name) eq 11")).toBe(true);
  });

  it('refuses what does not type-check', () => {
    expect(() => m("n eq 'x'")).toThrow(FilterTypeError);
    expect(() => m('unknown eq 1')).toThrow(FilterTypeError);
    expect(() => m("contains(n,'1')")).toThrow(FilterTypeError);
    expect(() => m('n')).toThrow(FilterTypeError);
  });
});
