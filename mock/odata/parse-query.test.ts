import { describe, expect, it } from 'vitest';
import { parseQuery } from './parse-query.ts';
import type { FieldTypes, ODataError, ParsedQuery, QueryLimits } from './types.ts';

const fields: FieldTypes = { id: 'uuid', name: 'string', active: 'boolean', created_at: 'date-time' };
type Params = Record<string, string | string[] | undefined>;

describe('parseQuery', () => {
  const parsed: [string, { given: Params; want: Omit<ParsedQuery, 'filter'> }][] = [
    ['uses the defaults without options', { given: {}, want: { orderBy: [], skip: 0, count: false } }],
    [
      'ignores parameters without a dollar sign',
      { given: { api_key: 'x', top: '5', filter: 'nonsense' }, want: { orderBy: [], skip: 0, count: false } },
    ],
    [
      'ignores undefined options',
      { given: { $top: undefined }, want: { orderBy: [], skip: 0, count: false } },
    ],
    [
      'ignores an empty list of values',
      { given: { $top: [] }, want: { orderBy: [], skip: 0, count: false } },
    ],
    [
      'reads a single value given as a list',
      { given: { $top: ['5'] }, want: { orderBy: [], top: 5, skip: 0, count: false } },
    ],
    [
      'reads top and skip',
      { given: { $top: '10', $skip: '30' }, want: { orderBy: [], top: 10, skip: 30, count: false } },
    ],
    ['reads top 0', { given: { $top: '0' }, want: { orderBy: [], top: 0, skip: 0, count: false } }],
    ['reads leading zeros', { given: { $skip: '007' }, want: { orderBy: [], skip: 7, count: false } }],
    [
      'reads the largest Int32',
      { given: { $skip: '2147483647' }, want: { orderBy: [], skip: 2147483647, count: false } },
    ],
    ['reads count true', { given: { $count: 'true' }, want: { orderBy: [], skip: 0, count: true } }],
    ['reads count false', { given: { $count: 'false' }, want: { orderBy: [], skip: 0, count: false } }],
    [
      'reads orderby',
      {
        given: { $orderby: 'created_at desc' },
        want: { orderBy: [{ field: 'created_at', desc: true, type: 'date-time' }], skip: 0, count: false },
      },
    ],
    [
      'reads select',
      { given: { $select: 'id,name' }, want: { orderBy: [], select: ['id', 'name'], skip: 0, count: false } },
    ],
    [
      'reads select * as no projection',
      { given: { $select: '*' }, want: { orderBy: [], skip: 0, count: false } },
    ],
  ];
  it.each(parsed)('%s', (_name, { given, want }) => {
    const result = parseQuery(given, fields);
    expect(result).toStrictEqual({ ok: true, value: want });
  });

  it('compiles the filter into a predicate', () => {
    const result = parseQuery({ $filter: "active and name eq 'X'" }, fields);
    const filter = result.ok ? result.value.filter : undefined;
    expect([filter?.({ active: true, name: 'x' }), filter?.({ active: false, name: 'x' })]).toStrictEqual([
      true,
      false,
    ]);
  });

  const errors: [string, { given: { params: Params; limits?: QueryLimits }; want: Partial<ODataError> }][] = [
    [
      'rejects $expand as unsupported',
      {
        given: { params: { $expand: 'Customer' } },
        want: {
          message:
            "The query option '$expand' is not supported by this endpoint; supported options are $filter, $orderby, $select, $top, $skip, $count",
          parameter: '$expand',
        },
      },
    ],
    [
      'rejects $search as unsupported',
      {
        given: { params: { $search: 'x' } },
        want: {
          message:
            "The query option '$search' is not supported by this endpoint; supported options are $filter, $orderby, $select, $top, $skip, $count",
          parameter: '$search',
        },
      },
    ],
    [
      'rejects an unknown option',
      {
        given: { params: { $foo: '1' } },
        want: {
          message:
            "The query option '$foo' is not a known OData query option; supported options are $filter, $orderby, $select, $top, $skip, $count",
          parameter: '$foo',
        },
      },
    ],
    [
      'rejects an unknown option even without a value',
      { given: { params: { $foo: undefined } }, want: { parameter: '$foo' } },
    ],
    [
      'rejects an option name in the wrong case',
      {
        given: { params: { $Top: '1' } },
        want: {
          message: "The query option '$Top' is not supported; option names are lower case: '$top'",
          parameter: '$Top',
        },
      },
    ],
    [
      'rejects a repeated option',
      {
        given: { params: { $top: ['1', '2'] } },
        want: {
          message: "The query option '$top' was given 2 times; it may be given at most once",
          parameter: '$top',
        },
      },
    ],
    [
      'rejects an empty option',
      {
        given: { params: { $filter: '' } },
        want: {
          message: "The query option '$filter' is empty; give it a value or leave it out",
          parameter: '$filter',
          position: 0,
        },
      },
    ],
    [
      'rejects a blank option',
      {
        given: { params: { $orderby: '  ' } },
        want: {
          message: "The query option '$orderby' is empty; give it a value or leave it out",
          parameter: '$orderby',
        },
      },
    ],
    [
      'rejects a negative top',
      {
        given: { params: { $top: '-1' } },
        want: {
          message: "Invalid value '-1' for $top: expected a non-negative integer up to 2147483647",
          parameter: '$top',
          position: 0,
        },
      },
    ],
    [
      'rejects a non-numeric top',
      {
        given: { params: { $top: 'abc' } },
        want: {
          message: "Invalid value 'abc' for $top: expected a non-negative integer up to 2147483647",
          parameter: '$top',
        },
      },
    ],
    [
      'rejects a fractional top',
      {
        given: { params: { $top: '1.5' } },
        want: {
          message: "Invalid value '1.5' for $top: expected a non-negative integer up to 2147483647",
          parameter: '$top',
        },
      },
    ],
    ['rejects a top with a plus sign', { given: { params: { $top: '+5' } }, want: { parameter: '$top' } }],
    ['rejects a top with spaces', { given: { params: { $top: ' 5' } }, want: { parameter: '$top' } }],
    ['rejects a top in exponent form', { given: { params: { $top: '1e3' } }, want: { parameter: '$top' } }],
    [
      'rejects a top above Int32',
      {
        given: { params: { $top: '2147483648' } },
        want: {
          message: "Invalid value '2147483648' for $top: expected a non-negative integer up to 2147483647",
          parameter: '$top',
        },
      },
    ],
    [
      'rejects a negative skip',
      {
        given: { params: { $skip: '-5' } },
        want: {
          message: "Invalid value '-5' for $skip: expected a non-negative integer up to 2147483647",
          parameter: '$skip',
        },
      },
    ],
    ['rejects a non-numeric skip', { given: { params: { $skip: 'ten' } }, want: { parameter: '$skip' } }],
    [
      'rejects count yes',
      {
        given: { params: { $count: 'yes' } },
        want: {
          message: "Invalid value 'yes' for $count: expected 'true' or 'false'",
          parameter: '$count',
          position: 0,
        },
      },
    ],
    [
      'rejects count 1',
      {
        given: { params: { $count: '1' } },
        want: { message: "Invalid value '1' for $count: expected 'true' or 'false'", parameter: '$count' },
      },
    ],
    [
      'rejects count in upper case',
      {
        given: { params: { $count: 'True' } },
        want: {
          message:
            "Invalid value 'True' for $count: expected 'true' or 'false'; OData keywords are lower case: 'true'",
          parameter: '$count',
        },
      },
    ],
    [
      'passes on filter errors',
      {
        given: { params: { $filter: "name eq 'a' AND active" } },
        want: {
          message:
            "The operator 'AND' at position 12 in $filter is not valid; OData operators are lower case: 'and'",
          parameter: '$filter',
          position: 12,
        },
      },
    ],
    [
      'passes on orderby errors',
      { given: { params: { $orderby: 'nme' } }, want: { parameter: '$orderby', position: 0 } },
    ],
    [
      'passes on select errors',
      { given: { params: { $select: 'id,,name' } }, want: { parameter: '$select', position: 3 } },
    ],
    [
      'passes the length limit on',
      {
        given: { params: { $select: 'id,name' }, limits: { maxExpressionLength: 3 } },
        want: { message: 'The $select expression is 7 characters long; the maximum is 3' },
      },
    ],
    [
      'passes the depth limit on',
      {
        given: { params: { $filter: '((active))' }, limits: { maxDepth: 1 } },
        want: { parameter: '$filter', position: 1 },
      },
    ],
    [
      'rejects an object value from a nested query string',
      {
        given: { params: { $filter: { a: 'b' } as unknown as string } },
        want: { message: "The query option '$filter' must be a plain text value", parameter: '$filter' },
      },
    ],
    [
      'rejects a list holding a non-string',
      {
        given: { params: { $top: [5 as unknown as string] } },
        want: { message: "The query option '$top' must be a plain text value" },
      },
    ],
  ];
  it.each(errors)('%s', (_name, { given, want }) => {
    const result = parseQuery(given.params, fields, given.limits);
    expect(result.ok ? 'parsed' : result.error).toMatchObject(want);
  });

  it('never throws on odd parameter objects', () => {
    const params = Object.create(null) as Params;
    params.$top = '5';
    expect(parseQuery(params, fields).ok).toBe(true);
  });
});
