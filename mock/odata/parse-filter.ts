import { fieldTypeOf } from './fields.ts';
import { compileFilter } from './filter-compiler.ts';
import { tokenize } from './filter-lexer.ts';
import { parseFilterTokens } from './filter-parser.ts';
import { checkLength, resolveLimits } from './limits.ts';
import { fail, guard } from './result.ts';
import type { FieldTypes, Predicate, QueryLimits, Result } from './types.ts';

const PARAMETER = '$filter';

/** Parses and compiles a $filter expression into a predicate; never throws. */
export function parseFilter(text: string, fields: FieldTypes, limits?: QueryLimits): Result<Predicate> {
  return guard(PARAMETER, () => {
    const { maxExpressionLength, maxDepth } = resolveLimits(limits);
    const length = checkLength(text, PARAMETER, maxExpressionLength);
    if (!length.ok) return length;
    if (text.trim() === '') return fail('The $filter expression is empty', PARAMETER, 0);
    const tokens = tokenize(text);
    if (!tokens.ok) return tokens;
    const isField = (name: string): boolean => fieldTypeOf(name, fields) !== undefined;
    const tree = parseFilterTokens(tokens.value, { maxDepth, isField });
    if (!tree.ok) return tree;
    return compileFilter(tree.value, fields);
  });
}
