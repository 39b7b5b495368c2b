import { emptyItemPosition, splitCommaList } from './comma-list.ts';
import { checkLength, resolveLimits } from './limits.ts';
import { resolvePropertyName } from './property-name.ts';
import { fail, guard, ok, syntaxError } from './result.ts';
import type { FieldTypes, OrderByItem, QueryLimits, Result } from './types.ts';

const PARAMETER = '$orderby';

/** Parses `field [asc|desc], ...`; every returned item carries its field type. */
export function parseOrderBy(text: string, fields: FieldTypes, limits?: QueryLimits): Result<OrderByItem[]> {
  return guard(PARAMETER, () => {
    const length = checkLength(text, PARAMETER, resolveLimits(limits).maxExpressionLength);
    if (!length.ok) return length;
    const items: OrderByItem[] = [];
    const seen = new Set<string>();
    for (const [index, words] of splitCommaList(text).entries()) {
      const [name, direction, extra] = words;
      if (name === undefined) {
        return syntaxError(PARAMETER, emptyItemPosition(text, index), 'expected a property name');
      }
      const type = resolvePropertyName(name.text, name.pos, fields, PARAMETER);
      if (!type.ok) return type;
      // ASP.NET OData rejects a property that appears twice in $orderby; so do we.
      if (seen.has(name.text)) {
        return fail(
          `The property '${name.text}' at position ${name.pos} appears more than once in $orderby`,
          PARAMETER,
          name.pos,
        );
      }
      seen.add(name.text);
      let desc = false;
      if (direction !== undefined) {
        if (direction.text === 'desc') {
          desc = true;
        } else if (direction.text !== 'asc') {
          const lower = direction.text.toLowerCase();
          if (lower === 'asc' || lower === 'desc') {
            return fail(
              `The keyword '${direction.text}' at position ${direction.pos} in $orderby is not valid; OData keywords are lower case: '${lower}'`,
              PARAMETER,
              direction.pos,
            );
          }
          return syntaxError(
            PARAMETER,
            direction.pos,
            `expected 'asc' or 'desc' after '${name.text}' but found '${direction.text}'`,
          );
        }
      }
      if (extra !== undefined) {
        return syntaxError(PARAMETER, extra.pos, `expected ',' or the end but found '${extra.text}'`);
      }
      items.push({ field: name.text, desc, type: type.value });
    }
    return ok(items);
  });
}
