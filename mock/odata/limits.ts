import { fail, ok } from './result.ts';
import type { QueryLimits, Result } from './types.ts';

export const DEFAULT_MAX_EXPRESSION_LENGTH = 2000;
const DEFAULT_MAX_DEPTH = 32;

type ResolvedLimits = { maxExpressionLength: number; maxDepth: number };

function positiveInteger(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}

export function resolveLimits(limits?: QueryLimits): ResolvedLimits {
  return {
    maxExpressionLength: positiveInteger(limits?.maxExpressionLength, DEFAULT_MAX_EXPRESSION_LENGTH),
    maxDepth: positiveInteger(limits?.maxDepth, DEFAULT_MAX_DEPTH),
  };
}

export function checkLength(text: string, parameter: string, max: number): Result<string> {
  if (text.length <= max) return ok(text);
  return fail(
    `The ${parameter} expression is ${text.length} characters long; the maximum is ${max}`,
    parameter,
    max,
  );
}
