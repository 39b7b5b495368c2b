import { describe, expect, it } from 'vitest';
import { tokenize } from './filter-lexer.ts';

describe('tokenize', () => {
  const tokens: [string, { given: string; want: unknown[] }][] = [
    ['ends every token list with an end token', { given: '', want: [{ kind: 'end', text: '', pos: 0 }] }],
    [
      'reads identifiers, operators and strings with their positions',
      {
        given: "name eq 'Alice'",
        want: [
          { kind: 'identifier', text: 'name', pos: 0 },
          { kind: 'identifier', text: 'eq', pos: 5 },
          { kind: 'string', text: "'Alice'", pos: 8, value: 'Alice' },
          { kind: 'end', text: '', pos: 15 },
        ],
      },
    ],
    [
      'reads doubled single quotes as one quote',
      {
        given: "'it''s'''",
        want: [
          { kind: 'string', text: "'it''s'''", pos: 0, value: "it's'" },
          { kind: 'end', text: '', pos: 9 },
        ],
      },
    ],
    [
      'reads an empty string literal',
      {
        given: "''",
        want: [
          { kind: 'string', text: "''", pos: 0, value: '' },
          { kind: 'end', text: '', pos: 2 },
        ],
      },
    ],
    [
      'reads parentheses and commas without spaces',
      {
        given: 'f(a,b)',
        want: [
          { kind: 'identifier', text: 'f', pos: 0 },
          { kind: 'lparen', text: '(', pos: 1 },
          { kind: 'identifier', text: 'a', pos: 2 },
          { kind: 'comma', text: ',', pos: 3 },
          { kind: 'identifier', text: 'b', pos: 4 },
          { kind: 'rparen', text: ')', pos: 5 },
          { kind: 'end', text: '', pos: 6 },
        ],
      },
    ],
    [
      'reads a GUID that starts with digits and lower-cases it',
      {
        given: '3F6C2A4E-0B1D-4C8E-9F00-123456789ABC',
        want: [
          {
            kind: 'guid',
            text: '3F6C2A4E-0B1D-4C8E-9F00-123456789ABC',
            pos: 0,
            value: '3f6c2a4e-0b1d-4c8e-9f00-123456789abc',
          },
          { kind: 'end', text: '', pos: 36 },
        ],
      },
    ],
    [
      'reads a GUID that starts with a letter',
      {
        given: 'abcdef12-0b1d-4c8e-9f00-123456789abc',
        want: [
          {
            kind: 'guid',
            text: 'abcdef12-0b1d-4c8e-9f00-123456789abc',
            pos: 0,
            value: 'abcdef12-0b1d-4c8e-9f00-123456789abc',
          },
          { kind: 'end', text: '', pos: 36 },
        ],
      },
    ],
    [
      'reads a date-time with offset as epoch milliseconds',
      {
        given: '2026-01-01T02:00:00+02:00',
        want: [
          { kind: 'date-time', text: '2026-01-01T02:00:00+02:00', pos: 0, value: Date.UTC(2026, 0, 1) },
          { kind: 'end', text: '', pos: 25 },
        ],
      },
    ],
    [
      'reads a date only as a date token',
      {
        given: '2026-01-01',
        want: [
          { kind: 'date', text: '2026-01-01', pos: 0 },
          { kind: 'end', text: '', pos: 10 },
        ],
      },
    ],
    [
      'reads negative and decimal numbers',
      {
        given: '-1 2.5 3e2',
        want: [
          { kind: 'number', text: '-1', pos: 0, value: -1 },
          { kind: 'number', text: '2.5', pos: 3, value: 2.5 },
          { kind: 'number', text: '3e2', pos: 7, value: 300 },
          { kind: 'end', text: '', pos: 10 },
        ],
      },
    ],
    [
      'treats tabs and newlines as spaces',
      {
        given: 'a\t\neq\r\nb',
        want: [
          { kind: 'identifier', text: 'a', pos: 0 },
          { kind: 'identifier', text: 'eq', pos: 3 },
          { kind: 'identifier', text: 'b', pos: 7 },
          { kind: 'end', text: '', pos: 8 },
        ],
      },
    ],
  ];
  it.each(tokens)('%s', (_name, { given, want }) => {
    expect(tokenize(given)).toStrictEqual({ ok: true, value: want });
  });

  const errors: [string, { given: string; want: { message: string; position: number } }][] = [
    [
      'rejects an unterminated string at its opening quote',
      {
        given: "name eq 'x",
        want: {
          message:
            "Syntax error at position 8 in '$filter': the string literal is not closed; add a closing single quote",
          position: 8,
        },
      },
    ],
    [
      'rejects double-quoted strings',
      {
        given: 'name eq "x"',
        want: {
          message: "Syntax error at position 8 in '$filter': string literals use single quotes, e.g. 'text'",
          position: 8,
        },
      },
    ],
    [
      "suggests 'eq' for '='",
      {
        given: "name='x'",
        want: {
          message: "Syntax error at position 4 in '$filter': '=' is not an OData operator; use 'eq'",
          position: 4,
        },
      },
    ],
    [
      "suggests 'eq' for '=='",
      {
        given: "name == 'x'",
        want: {
          message: "Syntax error at position 5 in '$filter': '==' is not an OData operator; use 'eq'",
          position: 5,
        },
      },
    ],
    [
      "suggests 'ne' for '!='",
      {
        given: "name != 'x'",
        want: {
          message: "Syntax error at position 5 in '$filter': '!=' is not an OData operator; use 'ne'",
          position: 5,
        },
      },
    ],
    [
      "suggests 'ge' for '>='",
      {
        given: 'n >= 1',
        want: {
          message: "Syntax error at position 2 in '$filter': '>=' is not an OData operator; use 'ge'",
          position: 2,
        },
      },
    ],
    [
      "suggests 'and' for '&&'",
      {
        given: 'a && b',
        want: {
          message: "Syntax error at position 2 in '$filter': '&&' is not an OData operator; use 'and'",
          position: 2,
        },
      },
    ],
    [
      "suggests 'or' for '||'",
      {
        given: 'a || b',
        want: {
          message: "Syntax error at position 2 in '$filter': '||' is not an OData operator; use 'or'",
          position: 2,
        },
      },
    ],
    [
      'rejects an unknown symbol run without a suggestion',
      {
        given: 'a =>= b',
        want: {
          message: "Syntax error at position 2 in '$filter': '=>=' is not an OData operator",
          position: 2,
        },
      },
    ],
    [
      'rejects property paths',
      {
        given: "customer/name eq 'x'",
        want: {
          message: "Syntax error at position 8 in '$filter': property paths with '/' are not supported",
          position: 8,
        },
      },
    ],
    [
      'rejects arithmetic symbols',
      {
        given: 'a * 2',
        want: {
          message:
            "Syntax error at position 2 in '$filter': unexpected character '*'; arithmetic is not supported",
          position: 2,
        },
      },
    ],
    [
      'rejects a lone minus',
      {
        given: 'a eq - 2',
        want: {
          message:
            "Syntax error at position 5 in '$filter': unexpected character '-'; arithmetic is not supported",
          position: 5,
        },
      },
    ],
    [
      'rejects a dollar sign',
      {
        given: '$it eq 1',
        want: { message: "Syntax error at position 0 in '$filter': unexpected character '$'", position: 0 },
      },
    ],
    [
      'rejects a truncated GUID that starts with a digit',
      {
        given: 'id eq 3f6c2a4e-1234',
        want: {
          message:
            "Syntax error at position 6 in '$filter': '3f6c2a4e-1234' is not a valid number, GUID or date-time literal",
          position: 6,
        },
      },
    ],
    [
      'rejects a truncated GUID that starts with a letter',
      {
        given: 'id eq abcdef12-1234',
        want: {
          message:
            "Syntax error at position 6 in '$filter': 'abcdef12-1234' is not a valid literal; GUIDs look like 3f6c2a4e-0b1d-4c8e-9f00-123456789abc",
          position: 6,
        },
      },
    ],
    [
      'rejects a number with trailing letters',
      {
        given: 'n eq 12abc',
        want: {
          message:
            "Syntax error at position 5 in '$filter': '12abc' is not a valid number, GUID or date-time literal",
          position: 5,
        },
      },
    ],
    [
      'rejects a date that does not exist',
      {
        given: 'd eq 2026-02-30T00:00:00Z',
        want: {
          message:
            "Syntax error at position 5 in '$filter': '2026-02-30T00:00:00Z' is not a valid date-time literal: the date does not exist",
          position: 5,
        },
      },
    ],
    [
      'rejects a date-time without a time zone',
      {
        given: 'd eq 2026-01-01T00:00:00',
        want: {
          message:
            "Syntax error at position 5 in '$filter': the date-time literal '2026-01-01T00:00:00' needs a time zone, e.g. 'Z'",
          position: 5,
        },
      },
    ],
    [
      'explains a plus sign that was decoded to a space',
      {
        given: 'd eq 2026-01-01T00:00:00 02:00',
        want: {
          message:
            "Syntax error at position 5 in '$filter': the date-time literal '2026-01-01T00:00:00' needs a time zone; a '+' in a URL must be percent-encoded as %2B, otherwise it arrives as a space",
          position: 5,
        },
      },
    ],
  ];
  it.each(errors)('%s', (_name, { given, want }) => {
    expect(tokenize(given)).toStrictEqual({ ok: false, error: { ...want, parameter: '$filter' } });
  });

  it('scans a long run of doubled quotes in linear time', () => {
    const text = `'${"''".repeat(50_000)}'`;
    const started = performance.now();
    const result = tokenize(text);
    expect(result.ok && result.value[0]).toMatchObject({ kind: 'string', value: "'".repeat(50_000) });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
