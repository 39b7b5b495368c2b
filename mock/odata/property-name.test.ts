import { describe, expect, it } from 'vitest';
import { resolvePropertyName } from './property-name.ts';
import type { FieldTypes } from './types.ts';

const fields: FieldTypes = { name: 'string', created_at: 'date-time' };

describe('resolvePropertyName', () => {
  const cases: [string, { given: string; want: unknown }][] = [
    ['resolves a declared property', { given: 'created_at', want: { ok: true, value: 'date-time' } }],
    [
      'rejects an expression',
      {
        given: 'tolower(name)',
        want: {
          ok: false,
          error: {
            message:
              "Expressions such as 'tolower(name)' at position 3 in $orderby are not supported; use a property name",
            parameter: '$orderby',
            position: 3,
          },
        },
      },
    ],
    [
      'rejects a property path',
      {
        given: 'customer/name',
        want: {
          ok: false,
          error: {
            message:
              "Property paths such as 'customer/name' at position 3 in $orderby are not supported; the entity has only flat properties",
            parameter: '$orderby',
            position: 3,
          },
        },
      },
    ],
    [
      'rejects text that is not a name',
      {
        given: 'na-me',
        want: {
          ok: false,
          error: {
            message: "Syntax error at position 3 in '$orderby': 'na-me' is not a property name",
            parameter: '$orderby',
            position: 3,
          },
        },
      },
    ],
    [
      'rejects a name that starts with a digit',
      {
        given: '1name',
        want: {
          ok: false,
          error: {
            message: "Syntax error at position 3 in '$orderby': '1name' is not a property name",
            parameter: '$orderby',
            position: 3,
          },
        },
      },
    ],
    [
      'rejects an unknown property',
      {
        given: 'nam',
        want: {
          ok: false,
          error: {
            message:
              "Unknown property 'nam' at position 3 in $orderby; allowed properties are listed in the spec (did you mean 'name'?)",
            parameter: '$orderby',
            position: 3,
          },
        },
      },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(resolvePropertyName(given, 3, fields, '$orderby')).toStrictEqual(want);
  });
});
