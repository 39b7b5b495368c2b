import { fail, ok } from './result.ts';
import { suggestName } from './suggest.ts';
import type { FieldType, FieldTypes, Result } from './types.ts';

// Object.hasOwn keeps names such as '__proto__' or 'constructor' from resolving through the prototype.
export function fieldTypeOf(name: string, fields: FieldTypes): FieldType | undefined {
  return Object.hasOwn(fields, name) ? fields[name] : undefined;
}

export function resolveField(
  name: string,
  fields: FieldTypes,
  parameter: string,
  position: number,
): Result<FieldType> {
  const type = fieldTypeOf(name, fields);
  if (type !== undefined) return ok(type);
  const suggestion = suggestName(name, Object.keys(fields));
  const hint = suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`;
  return fail(
    `Unknown property '${name}' at position ${position} in ${parameter}; allowed properties are listed in the spec${hint}`,
    parameter,
    position,
  );
}
