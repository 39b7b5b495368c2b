import type { ODataError, Result } from './types.ts';

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(message: string, parameter: string, position?: number): Result<T> {
  const error: ODataError =
    position === undefined ? { message, parameter } : { message, parameter, position };
  return { ok: false, error };
}

export function syntaxError<T = never>(parameter: string, position: number, detail: string): Result<T> {
  return fail(`Syntax error at position ${position} in '${parameter}': ${detail}`, parameter, position);
}

/** Backstop so that a bug or an exhausted stack still reaches the caller as a Result, never as a throw. */
export function guard<T>(parameter: string, run: () => Result<T>): Result<T> {
  try {
    return run();
  } catch (e) {
    const reason = e instanceof RangeError ? 'the expression is too complex' : 'internal error';
    return fail(`The ${parameter} query option could not be processed: ${reason}`, parameter);
  }
}
