import { emptyItemPosition, splitCommaList } from './comma-list.ts';
import { checkLength, resolveLimits } from './limits.ts';
import { resolvePropertyName } from './property-name.ts';
import { guard, ok, syntaxError } from './result.ts';
import type { FieldTypes, QueryLimits, Result } from './types.ts';

const PARAMETER = '$select';

/**
 * Parses `field, field, ...`. The value is undefined when every property is wanted (`*`);
 * otherwise the fields in request order without duplicates.
 */
export function parseSelect(
  text: string,
  fields: FieldTypes,
  limits?: QueryLimits,
): Result<string[] | undefined> {
  return guard(PARAMETER, () => {
    const length = checkLength(text, PARAMETER, resolveLimits(limits).maxExpressionLength);
    if (!length.ok) return length;
    const selected = new Set<string>();
    let all = false;
    for (const [index, words] of splitCommaList(text).entries()) {
      const [name, extra] = words;
      if (name === undefined) {
        return syntaxError(PARAMETER, emptyItemPosition(text, index), 'expected a property name or *');
      }
      if (extra !== undefined) {
        return syntaxError(PARAMETER, extra.pos, `expected ',' or the end but found '${extra.text}'`);
      }
      if (name.text === '*') {
        all = true;
        continue;
      }
      const type = resolvePropertyName(name.text, name.pos, fields, PARAMETER);
      if (!type.ok) return type;
      selected.add(name.text);
    }
    return ok(all ? undefined : [...selected]);
  });
}
