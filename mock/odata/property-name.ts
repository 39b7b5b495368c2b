import { resolveField } from './fields.ts';
import { fail, syntaxError } from './result.ts';
import type { FieldType, FieldTypes, Result } from './types.ts';

function isIdentifier(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    const letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
    if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return text.length > 0;
}

/** Resolves a bare property name in $orderby or $select, explaining the OData features we do not support. */
export function resolvePropertyName(
  text: string,
  pos: number,
  fields: FieldTypes,
  parameter: string,
): Result<FieldType> {
  if (text.includes('(')) {
    return fail(
      `Expressions such as '${text}' at position ${pos} in ${parameter} are not supported; use a property name`,
      parameter,
      pos,
    );
  }
  if (text.includes('/')) {
    return fail(
      `Property paths such as '${text}' at position ${pos} in ${parameter} are not supported; the entity has only flat properties`,
      parameter,
      pos,
    );
  }
  if (!isIdentifier(text)) return syntaxError(parameter, pos, `'${text}' is not a property name`);
  return resolveField(text, fields, parameter, pos);
}
