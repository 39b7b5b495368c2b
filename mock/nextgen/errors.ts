// The NextGen error catalogue and envelope (ASSUMPTIONS.md N1). Codes and their statuses come from
// the spec's `x-error-codes`, documented rules (id, source, code) from its `x-rules`: no status or
// code table of our own.
import type { components } from '../../generated/nextgen.ts';
import { catalog, type RuleDefinition } from '../../lib/spec-runtime.ts';
import { ApiError, type Violation } from '../http/api-error.ts';

export type NextGenErrorCode = components['schemas']['ErrorCode'];
type ErrorBody = components['schemas']['Error'];

// Read from the catalog on use, not on import: a host gives the spec documents before the first request.
const codes = () => catalog().errorCodes;

const isNextGenErrorCode = (code: string): code is NextGenErrorCode => Object.hasOwn(codes(), code);

/** The HTTP status of a code (x-error-codes). */
export function statusOfCode(code: NextGenErrorCode): number {
  const entry = codes()[code];
  if (!entry) throw new Error(`error code ${code} is not in x-error-codes`);
  return entry.status;
}

/**
 * The code an error of this status carries when nothing more precise is known (a forced
 * `Prefer: code=`, a 415 from the shared body reader): the first code of the catalogue with that
 * status. Statuses the catalogue does not know (405, 413, 5xx) get a generic code of their class.
 */
export function codeForStatus(status: number): string {
  const first = Object.entries(codes()).find(([, e]) => e.status === status)?.[0];
  if (first) return first;
  return status >= 500 ? 'INTERNAL_ERROR' : 'BASE_0001';
}

/** A documented rule of x-rules; throws for an id the spec does not have (a typo in the mock). */
export function ruleOf(id: string): RuleDefinition {
  return catalog().rule('nextgen', id);
}

/** One broken documented rule, with the rule's code and source document. `field` is a body field name. */
/** A violation of a documented rule: its id always set, its code and source from x-rules. */
export type RuleIssue = Violation & { rule: string };

export function ruleViolation(ruleId: string, message: string, field?: string): RuleIssue {
  const rule = ruleOf(ruleId);
  const code = rule.errorCode ?? (rule.status === undefined ? undefined : codeForStatus(rule.status));
  return {
    rule: rule.id,
    source: rule.source,
    message,
    ...(field === undefined ? {} : { field: `/${field}` }),
    ...(code === undefined ? {} : { code }),
  };
}

/** An ApiError carrying a code of the catalogue; the status is the code's. */
export function nextGenError(
  code: NextGenErrorCode,
  message: string,
  options: { violations?: Violation[]; headers?: Record<string, string> } = {},
): ApiError {
  return new ApiError(statusOfCode(code), message, { ...options, code });
}

/** The error for a list of violations: status and code of the first one (the most important). */
export function errorOfViolations(violations: Violation[], message?: string): ApiError {
  const first = violations[0];
  const code = first?.code;
  if (!first || code === undefined || !isNextGenErrorCode(code)) {
    throw new Error('errorOfViolations needs violations that carry a catalogue code');
  }
  return nextGenError(code, message ?? first.message, { violations });
}

/** Violation fields are JSON pointers ("/code") or parameter names ("_page[size]"); NextGen names the field. */
function fieldName(field: string | undefined): string | undefined {
  if (field === undefined || field === '' || field === '/') return undefined;
  return field.startsWith('/') ? field.slice(1).replaceAll('/', '.') : field;
}

/** The NextGen body of an error (ASSUMPTIONS.md N1): first code and message at the top, every error listed. */
export function errorBody(error: ApiError, path: string, now: Date): ErrorBody {
  const code = (error.code ?? codeForStatus(error.status)) as NextGenErrorCode;
  const errors: ErrorBody['errors'] =
    error.violations.length === 0
      ? [{ code, message: error.message }]
      : error.violations.map((v) => {
          const field = fieldName(v.field);
          return {
            code: (v.code ?? code) as NextGenErrorCode,
            message: v.message,
            ...(field === undefined ? {} : { field }),
            ...(v.rule === undefined ? {} : { rule: v.rule }),
            ...(v.source === undefined ? {} : { source: v.source }),
          };
        });
  return { status: error.status, code, message: error.message, timestamp: now.toISOString(), path, errors };
}
