import { describe, expect, it } from 'vitest';
import { compileFilter } from './filter-compiler.ts';
import { tokenize } from './filter-lexer.ts';
import { parseFilterTokens } from './filter-parser.ts';
import type { FieldTypes, ODataError, Predicate, Result } from './types.ts';

const fields: FieldTypes = {
  id: 'uuid',
  id2: 'uuid',
  name: 'string',
  estimated_time: 'integer',
  price: 'number',
  created_at: 'date-time',
  active: 'boolean',
};

function compile(text: string): Result<Predicate> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const tree = parseFilterTokens(tokens.value, { maxDepth: 32, isField: (n) => Object.hasOwn(fields, n) });
  if (!tree.ok) return tree;
  return compileFilter(tree.value, fields);
}

describe('compileFilter', () => {
  const evaluations: [
    string,
    { given: { filter: string; record: Record<string, unknown> }; want: boolean },
  ][] = [
    [
      'compares strings ignoring case',
      { given: { filter: "name eq 'ALICE'", record: { name: 'alice' } }, want: true },
    ],
    [
      'compares numbers numerically',
      { given: { filter: 'estimated_time gt 9', record: { estimated_time: 10 } }, want: true },
    ],
    [
      'compares an integer with a decimal',
      { given: { filter: 'estimated_time lt 10.5', record: { estimated_time: 10 } }, want: true },
    ],
    [
      'compares dates chronologically across offsets',
      {
        given: {
          filter: 'created_at eq 2026-01-01T02:00:00+02:00',
          record: { created_at: '2026-01-01T00:00:00.000Z' },
        },
        want: true,
      },
    ],
    [
      'compares GUIDs ignoring case',
      {
        given: {
          filter: 'id eq 3F6C2A4E-0B1D-4C8E-9F00-123456789ABC',
          record: { id: '3f6c2a4e-0b1d-4c8e-9f00-123456789abc' },
        },
        want: true,
      },
    ],
    [
      'compares two fields of the same type',
      { given: { filter: 'id eq id2', record: { id: 'A-1', id2: 'a-1' } }, want: true },
    ],
    [
      'compares a literal on the left',
      { given: { filter: '10 ge estimated_time', record: { estimated_time: 10 } }, want: true },
    ],
    ['folds a comparison of two literals', { given: { filter: "'a' eq 'A'", record: {} }, want: true }],
    [
      'treats a missing value as equal to null',
      { given: { filter: 'name eq null', record: {} }, want: true },
    ],
    [
      'treats a missing value as unequal to a literal',
      { given: { filter: "name ne 'x'", record: {} }, want: true },
    ],
    ['never orders a missing value', { given: { filter: 'estimated_time lt 5', record: {} }, want: false }],
    [
      'reads a boolean field as a condition',
      { given: { filter: 'active', record: { active: true } }, want: true },
    ],
    [
      'excludes a missing boolean from its condition',
      { given: { filter: 'active', record: {} }, want: false },
    ],
    [
      'excludes a missing boolean from its negation',
      { given: { filter: 'not active', record: {} }, want: false },
    ],
    [
      'lets a true operand decide an or with an unknown operand',
      { given: { filter: 'active or price eq 1', record: { price: 1 } }, want: true },
    ],
    [
      'lets a false operand decide an and with an unknown operand',
      { given: { filter: 'not (active and price eq 1)', record: { price: 2 } }, want: true },
    ],
    ['accepts the literal true as a filter', { given: { filter: 'true', record: {} }, want: true }],
    [
      'orders booleans false before true',
      { given: { filter: 'active gt false', record: { active: true } }, want: true },
    ],
    [
      'compares a comparison with a boolean',
      { given: { filter: 'estimated_time gt 1 eq false', record: { estimated_time: 0 } }, want: true },
    ],
    [
      'accepts null as a function argument',
      { given: { filter: 'contains(name, null)', record: { name: 'x' } }, want: false },
    ],
  ];
  it.each(evaluations)('%s', (_name, { given, want }) => {
    const predicate = compile(given.filter);
    expect(predicate.ok && predicate.value(given.record)).toBe(want);
  });

  const errors: [string, { given: string; want: Partial<ODataError> }][] = [
    [
      'rejects a string literal for an integer field',
      {
        given: "estimated_time eq 'abc'",
        want: {
          message:
            "Type mismatch at position 15 in $filter: cannot compare 'estimated_time' (integer) with the string literal 'abc'; a number literal is written without quotes, e.g. 42",
          position: 15,
        },
      },
    ],
    [
      'suggests dropping quotes around a number',
      {
        given: "estimated_time eq '5'",
        want: {
          message:
            "Type mismatch at position 15 in $filter: cannot compare 'estimated_time' (integer) with the string literal '5'; write it without quotes: 5",
          position: 15,
        },
      },
    ],
    [
      'suggests dropping quotes around a GUID',
      {
        given: "id eq '3f6c2a4e-0b1d-4c8e-9f00-123456789abc'",
        want: {
          message:
            "Type mismatch at position 3 in $filter: cannot compare 'id' (uuid) with the string literal '3f6c2a4e-0b1d-4c8e-9f00-123456789abc'; write it without quotes: 3f6c2a4e-0b1d-4c8e-9f00-123456789abc",
        },
      },
    ],
    [
      'shows the GUID form for a quoted non-GUID',
      {
        given: "id eq 'abc'",
        want: {
          message:
            "Type mismatch at position 3 in $filter: cannot compare 'id' (uuid) with the string literal 'abc'; a GUID literal is written without quotes, e.g. 3f6c2a4e-0b1d-4c8e-9f00-123456789abc",
        },
      },
    ],
    [
      'suggests dropping quotes around a date-time',
      {
        given: "created_at gt '2026-01-01T00:00:00Z'",
        want: {
          message:
            "Type mismatch at position 11 in $filter: cannot compare 'created_at' (date-time) with the string literal '2026-01-01T00:00:00Z'; write it without quotes: 2026-01-01T00:00:00Z",
        },
      },
    ],
    [
      'suggests dropping quotes around a boolean',
      {
        given: "active eq 'true'",
        want: {
          message:
            "Type mismatch at position 7 in $filter: cannot compare 'active' (boolean) with the string literal 'true'; write it without quotes: true",
        },
      },
    ],
    [
      'suggests quoting a number compared with a string',
      {
        given: 'name eq 5',
        want: {
          message:
            "Type mismatch at position 5 in $filter: cannot compare 'name' (string) with the number 5; string literals are written in single quotes, e.g. 'text'",
        },
      },
    ],
    [
      'rejects a GUID compared with a string field',
      {
        given: 'name eq 3f6c2a4e-0b1d-4c8e-9f00-123456789abc',
        want: {
          message:
            "Type mismatch at position 5 in $filter: cannot compare 'name' (string) with the GUID 3f6c2a4e-0b1d-4c8e-9f00-123456789abc; string literals are written in single quotes, e.g. 'text'",
        },
      },
    ],
    [
      'rejects two fields of different types',
      {
        given: 'name eq estimated_time',
        want: {
          message:
            "Type mismatch at position 5 in $filter: cannot compare 'name' (string) with 'estimated_time' (integer)",
        },
      },
    ],
    [
      'rejects a date-only literal',
      {
        given: 'created_at gt 2026-01-01',
        want: {
          message:
            'Type mismatch at position 14 in $filter: the date-only literal 2026-01-01 cannot be compared with date-time properties; write a date-time such as 2026-01-01T00:00:00Z',
          position: 14,
        },
      },
    ],
    [
      'rejects ordering against null',
      {
        given: 'price gt null',
        want: {
          message:
            "Type mismatch at position 6 in $filter: null can only be compared with 'eq' or 'ne', not with 'gt'",
        },
      },
    ],
    [
      'rejects contains on a uuid',
      {
        given: "contains(id2,'1')",
        want: {
          message:
            "Type mismatch at position 9 in $filter: the function 'contains' expects a string as argument 1, but got 'id2' (uuid)",
          position: 9,
        },
      },
    ],
    [
      'rejects a number as a contains argument',
      {
        given: 'contains(name, 1)',
        want: {
          message:
            "Type mismatch at position 15 in $filter: the function 'contains' expects a string as argument 2, but got the number 1",
        },
      },
    ],
    [
      'rejects year of a string',
      {
        given: 'year(name) eq 2026',
        want: {
          message:
            "Type mismatch at position 5 in $filter: the function 'year' expects a date-time as argument 1, but got 'name' (string)",
        },
      },
    ],
    [
      'rejects length of a date-time',
      {
        given: 'length(created_at) eq 1',
        want: {
          message:
            "Type mismatch at position 7 in $filter: the function 'length' expects a string as argument 1, but got 'created_at' (date-time)",
        },
      },
    ],
    [
      'rejects comparing an integer result with a string',
      {
        given: "length(name) eq 'a'",
        want: {
          message:
            "Type mismatch at position 13 in $filter: cannot compare the result of length() (integer) with the string literal 'a'; a number literal is written without quotes, e.g. 42",
        },
      },
    ],
    [
      'rejects too few arguments',
      {
        given: 'contains(name)',
        want: {
          message:
            "Syntax error at position 0 in '$filter': the function 'contains' takes 2 arguments, but 1 was given",
        },
      },
    ],
    [
      'rejects too many arguments',
      {
        given: "tolower(name, 'x')",
        want: {
          message:
            "Syntax error at position 0 in '$filter': the function 'tolower' takes 1 argument, but 2 were given",
        },
      },
    ],
    [
      'rejects no arguments',
      {
        given: 'year() eq 1',
        want: {
          message:
            "Syntax error at position 0 in '$filter': the function 'year' takes 1 argument, but 0 were given",
        },
      },
    ],
    [
      'rejects a string operand of and',
      {
        given: 'name and active',
        want: {
          message:
            "Type mismatch at position 0 in $filter: 'and' needs boolean operands, but got 'name' (string)",
          position: 0,
        },
      },
    ],
    [
      'rejects a number operand of or',
      {
        given: 'active or 1',
        want: {
          message:
            "Type mismatch at position 10 in $filter: 'or' needs boolean operands, but got the number 1",
        },
      },
    ],
    [
      'explains that not binds tighter than eq',
      {
        given: "not name eq 'x'",
        want: {
          message:
            "Type mismatch at position 0 in $filter: 'not' needs a boolean operand, but got 'name' (string); 'not' binds tighter than comparisons, so write not (name eq 'x')",
        },
      },
    ],
    [
      'rejects a filter that is a string',
      {
        given: 'name',
        want: {
          message:
            "The $filter expression must be a condition, but 'name' (string) is a string; compare it with a value, e.g. eq",
          position: 0,
        },
      },
    ],
    [
      'rejects a filter that is a number',
      {
        given: 'length(name)',
        want: {
          message:
            'The $filter expression must be a condition, but the result of length() (integer) is a number; compare it with a value, e.g. eq',
        },
      },
    ],
    [
      'rejects a filter that is null',
      {
        given: 'null',
        want: {
          message:
            'The $filter expression must be a condition, but null is null; compare it with a value, e.g. eq',
        },
      },
    ],
    [
      'rejects an unknown field',
      {
        given: "nme eq 'x'",
        want: {
          message:
            "Unknown property 'nme' at position 0 in $filter; allowed properties are listed in the spec (did you mean 'name'?)",
          position: 0,
        },
      },
    ],
    [
      'treats __proto__ as an unknown field',
      {
        given: '__proto__ eq 1',
        want: {
          message:
            "Unknown property '__proto__' at position 0 in $filter; allowed properties are listed in the spec",
        },
      },
    ],
    [
      'treats constructor as an unknown field',
      {
        given: "constructor eq 'x'",
        want: {
          message:
            "Unknown property 'constructor' at position 0 in $filter; allowed properties are listed in the spec",
        },
      },
    ],
    [
      'reports an unknown field inside a function',
      {
        given: "contains(nam, 'x')",
        want: {
          message:
            "Unknown property 'nam' at position 9 in $filter; allowed properties are listed in the spec (did you mean 'name'?)",
          position: 9,
        },
      },
    ],
  ];
  it.each(errors)('%s', (_name, { given, want }) => {
    const result = compile(given);
    expect(result.ok ? 'compiled' : result.error).toMatchObject({ ...want, parameter: '$filter' });
  });
});
