import { fieldTypeOf } from './fields.ts';
import { compileFilter } from './filter-compiler.ts';
import { tokenize } from './filter-lexer.ts';
import { type FilterNode, parseFilterTokens } from './filter-parser.ts';
import { checkLength, resolveLimits } from './limits.ts';
import { fail, guard } from './result.ts';
import type { FieldTypes, Predicate, QueryLimits, Result } from './types.ts';

const PARAMETER = '$filter';

/** Parses and compiles a $filter expression into a predicate; never throws. */
export function parseFilter(text: string, fields: FieldTypes, limits?: QueryLimits): Result<Predicate> {
  const tree = parseFilterTree(text, fields, limits);
  if (!tree.ok) return tree;
  return guard(PARAMETER, () => compileFilter(tree.value, fields));
}

/** Parses a $filter expression into its tree, for compileFilter; never throws. */
export function parseFilterTree(text: string, fields: FieldTypes, limits?: QueryLimits): Result<FilterNode> {
  return guard(PARAMETER, () => {
    const { maxExpressionLength, maxDepth } = resolveLimits(limits);
    const length = checkLength(text, PARAMETER, maxExpressionLength);
    if (!length.ok) return length;
    if (text.trim() === '') return fail('The $filter expression is empty', PARAMETER, 0);
    const tokens = tokenize(text);
    if (!tokens.ok) return tokens;
    const isField = (name: string): boolean => fieldTypeOf(name, fields) !== undefined;
    const tree = parseFilterTokens(tokens.value, { maxDepth, isField });
    return tree;
  });
}
