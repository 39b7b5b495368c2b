import { describe, expect, it } from 'vitest';
import { tokenize } from './filter-lexer.ts';
import { type FilterNode, parseFilterTokens } from './filter-parser.ts';
import type { ODataError, Result } from './types.ts';

const FIELDS = new Set(['name', 'active', 'n', 'a', 'b', 'c', 'd']);

function parse(text: string, maxDepth = 32): Result<FilterNode> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  return parseFilterTokens(tokens.value, { maxDepth, isField: (name) => FIELDS.has(name) });
}

/** Renders the tree as an s-expression so precedence is visible at a glance. */
function show(node: FilterNode): string {
  switch (node.kind) {
    case 'field':
      return node.name;
    case 'literal':
      return node.text;
    case 'call':
      return `${node.name}(${node.args.map(show).join(', ')})`;
    case 'compare':
      return `(${node.op} ${show(node.left)} ${show(node.right)})`;
    case 'and':
    case 'or':
      return `(${node.kind} ${node.operands.map(show).join(' ')})`;
    case 'not':
      return `(not ${show(node.operand)})`;
  }
}

describe('parseFilterTokens', () => {
  const trees: [string, { given: string; want: string }][] = [
    ['binds and tighter than or', { given: 'a or b and c', want: '(or a (and b c))' }],
    ['binds and tighter than or on the left as well', { given: 'a and b or c', want: '(or (and a b) c)' }],
    ['lets parentheses override precedence', { given: '(a or b) and c', want: '(and (or a b) c)' }],
    ['collects a chain of and into one node', { given: 'a and b and c and d', want: '(and a b c d)' }],
    ['collects a chain of or into one node', { given: 'a or b or c', want: '(or a b c)' }],
    ['binds not tighter than and', { given: 'not a and b', want: '(and (not a) b)' }],
    ['binds not tighter than or', { given: 'not a or b', want: '(or (not a) b)' }],
    ['binds not tighter than comparisons as OData does', { given: 'not a eq b', want: '(eq (not a) b)' }],
    ['negates a parenthesised comparison', { given: "not (name eq 'x')", want: "(not (eq name 'x'))" }],
    ['accepts not directly before a parenthesis', { given: 'not(a)', want: '(not a)' }],
    ['nests not', { given: 'not not a', want: '(not (not a))' }],
    [
      'binds comparisons tighter than and',
      { given: "n gt 1 and name eq 'x'", want: "(and (gt n 1) (eq name 'x'))" },
    ],
    ['chains comparisons to the left', { given: 'a eq b eq c', want: '(eq (eq a b) c)' }],
    [
      'reads each comparison operator',
      {
        given: 'n eq 1 or n ne 1 or n gt 1 or n ge 1 or n lt 1 or n le 1',
        want: '(or (eq n 1) (ne n 1) (gt n 1) (ge n 1) (lt n 1) (le n 1))',
      },
    ],
    [
      'reads function calls with arguments',
      { given: "contains(tolower(name), 'x')", want: "contains(tolower(name), 'x')" },
    ],
    [
      'reads literals of every kind',
      { given: 'a eq true or a eq false or a eq null', want: '(or (eq a true) (eq a false) (eq a null))' },
    ],
    ['puts a literal on the left', { given: '5 lt n', want: '(lt 5 n)' }],
    ['ignores redundant parentheses', { given: '((a))', want: 'a' }],
  ];
  it.each(trees)('%s', (_name, { given, want }) => {
    const result = parse(given);
    expect(result.ok ? show(result.value) : result.error.message).toBe(want);
  });

  const errors: [string, { given: string; want: Partial<ODataError> }][] = [
    [
      'rejects an empty expression',
      {
        given: '',
        want: {
          message: "Syntax error at position 0 in '$filter': expected a value at the start of the expression",
          position: 0,
        },
      },
    ],
    [
      'rejects a missing right operand at the end',
      {
        given: 'status_code eq',
        want: {
          message: "Syntax error at position 14 in '$filter': expected a value after 'eq'",
          position: 14,
        },
      },
    ],
    [
      'rejects a missing operand after and',
      {
        given: 'a and',
        want: {
          message: "Syntax error at position 5 in '$filter': expected a value after 'and'",
          position: 5,
        },
      },
    ],
    [
      'rejects an operator where a value belongs',
      {
        given: "name eq and 'x'",
        want: {
          message:
            "Syntax error at position 8 in '$filter': expected a value after 'eq' but found the operator 'and'",
          position: 8,
        },
      },
    ],
    [
      'rejects an expression that starts with an operator',
      {
        given: "eq 'x'",
        want: {
          message:
            "Syntax error at position 0 in '$filter': expected a value at the start of the expression but found the operator 'eq'",
          position: 0,
        },
      },
    ],
    [
      'rejects two values in a row',
      {
        given: "name eq 'a' 'b'",
        want: {
          message:
            "Syntax error at position 12 in '$filter': expected an operator such as 'eq', 'and' or 'or' but found 'b'",
          position: 12,
        },
      },
    ],
    [
      'rejects an unclosed parenthesis',
      {
        given: '(a or b',
        want: {
          message:
            "Syntax error at position 7 in '$filter': expected ')' to close the '(' at position 0 but found the end of the expression",
          position: 7,
        },
      },
    ],
    [
      'rejects an unmatched closing parenthesis',
      {
        given: 'a)',
        want: { message: "Syntax error at position 1 in '$filter': ')' has no matching '('", position: 1 },
      },
    ],
    [
      'rejects empty parentheses',
      {
        given: '()',
        want: {
          message: "Syntax error at position 1 in '$filter': expected a value after '(' but found ')'",
          position: 1,
        },
      },
    ],
    [
      'rejects a missing comma between arguments',
      {
        given: "contains(name 'a')",
        want: {
          message:
            "Syntax error at position 14 in '$filter': expected ',' or ')' in the arguments of 'contains' but found 'a'",
          position: 14,
        },
      },
    ],
    [
      'rejects an unclosed argument list',
      {
        given: 'tolower(name',
        want: {
          message:
            "Syntax error at position 12 in '$filter': expected ',' or ')' in the arguments of 'tolower' but found the end of the expression",
          position: 12,
        },
      },
    ],
    [
      'rejects upper-case AND',
      {
        given: 'a AND b',
        want: {
          message:
            "The operator 'AND' at position 2 in $filter is not valid; OData operators are lower case: 'and'",
          position: 2,
        },
      },
    ],
    [
      'rejects mixed-case Or',
      {
        given: 'a Or b',
        want: {
          message:
            "The operator 'Or' at position 2 in $filter is not valid; OData operators are lower case: 'or'",
          position: 2,
        },
      },
    ],
    [
      'rejects upper-case EQ',
      {
        given: 'a EQ b',
        want: {
          message:
            "The operator 'EQ' at position 2 in $filter is not valid; OData operators are lower case: 'eq'",
          position: 2,
        },
      },
    ],
    [
      'rejects upper-case NOT',
      {
        given: 'NOT a',
        want: {
          message:
            "The operator 'NOT' at position 0 in $filter is not valid; OData operators are lower case: 'not'",
          position: 0,
        },
      },
    ],
    [
      'rejects upper-case AND inside parentheses',
      {
        given: '(a AND b)',
        want: {
          message:
            "The operator 'AND' at position 3 in $filter is not valid; OData operators are lower case: 'and'",
          position: 3,
        },
      },
    ],
    [
      'rejects upper-case function names',
      {
        given: "Contains(name,'x')",
        want: {
          message:
            "The function 'Contains' at position 0 in $filter is not valid; OData function names are lower case: 'contains'",
          position: 0,
        },
      },
    ],
    [
      'rejects unsupported standard functions',
      {
        given: "substring(name,1) eq 'x'",
        want: {
          message:
            "The function 'substring' at position 0 in $filter is not supported by this endpoint; supported functions are contains, startswith, endswith, tolower, toupper, length, year, month, day",
          position: 0,
        },
      },
    ],
    [
      'rejects unknown functions',
      {
        given: 'foo(name)',
        want: {
          message:
            "The function 'foo' at position 0 in $filter is unknown; supported functions are contains, startswith, endswith, tolower, toupper, length, year, month, day",
          position: 0,
        },
      },
    ],
    [
      'rejects arithmetic operators',
      {
        given: 'n add 1 eq 2',
        want: {
          message: "The operator 'add' at position 2 in $filter is not supported by this endpoint",
          position: 2,
        },
      },
    ],
    [
      'rejects the in operator',
      {
        given: "name in ('a','b')",
        want: {
          message: "The operator 'in' at position 5 in $filter is not supported by this endpoint",
          position: 5,
        },
      },
    ],
    [
      'rejects upper-case literals',
      {
        given: 'active eq True',
        want: {
          message:
            "The literal 'True' at position 10 in $filter is not valid; OData literals are lower case: 'true'",
          position: 10,
        },
      },
    ],
    [
      'rejects upper-case null',
      {
        given: 'name eq NULL',
        want: {
          message:
            "The literal 'NULL' at position 8 in $filter is not valid; OData literals are lower case: 'null'",
          position: 8,
        },
      },
    ],
    [
      'rejects parentheses nested deeper than the limit',
      {
        given: '(((a)))',
        want: {
          message:
            "The $filter expression is nested too deeply at position 2; at most 2 levels of parentheses, functions and 'not' are allowed",
          position: 2,
        },
      },
    ],
    [
      'rejects not nested deeper than the limit',
      {
        given: 'not not not a',
        want: {
          message:
            "The $filter expression is nested too deeply at position 8; at most 2 levels of parentheses, functions and 'not' are allowed",
          position: 8,
        },
      },
    ],
    [
      'rejects functions nested deeper than the limit',
      {
        given: 'tolower(tolower(tolower(name)))',
        want: {
          message:
            "The $filter expression is nested too deeply at position 16; at most 2 levels of parentheses, functions and 'not' are allowed",
          position: 16,
        },
      },
    ],
    [
      'rejects comparison chains longer than the limit',
      {
        given: 'a eq b eq c eq d eq a',
        want: {
          message:
            "The $filter expression is nested too deeply at position 17; at most 2 levels of parentheses, functions and 'not' are allowed",
          position: 17,
        },
      },
    ],
  ];
  it.each(errors)('%s', (_name, { given, want }) => {
    const maxDepth = want.message?.includes('nested too deeply') ? 2 : 32;
    const result = parse(given, maxDepth);
    expect(result.ok ? show(result.value) : result.error).toMatchObject({ ...want, parameter: '$filter' });
  });

  const allowed: [string, { given: string; want: string }][] = [
    ['allows nesting exactly at the limit', { given: '((a))', want: 'a' }],
    ['does not count sibling groups as nesting', { given: '(a) and (b) and (c)', want: '(and a b c)' }],
    [
      'restores the depth after a function call',
      {
        given: 'tolower(tolower(name)) eq tolower(tolower(name))',
        want: '(eq tolower(tolower(name)) tolower(tolower(name)))',
      },
    ],
  ];
  it.each(allowed)('%s', (_name, { given, want }) => {
    const result = parse(given, 2);
    expect(result.ok ? show(result.value) : result.error.message).toBe(want);
  });
});
