// What differs between the two API families once a request is matched: the refusal of an Accept
// header, and how a body is judged against its schema (the jobs API by its ModelState rules,
// NextGen with its release gating and rule codes). A new family adds an entry here, an envelope
// in errors.ts and its security scheme in authenticate.ts.
import { type BodyValidator, requestBodyValidator } from '../../lib/spec-runtime.ts';
import { ApiError } from '../http/api-error.ts';
import type { RequestContext } from '../http/context.ts';
import { assertBody } from '../http/validate-body.ts';
import { errorOfViolations, nextGenError } from '../nextgen/errors.ts';
import { releaseViolations } from '../nextgen/release.ts';
import { schemaViolations } from '../nextgen/request-body.ts';
import type { Family, Operation } from './routes.ts';

/** The compiled schema of an operation's request body (the one of its first media type: they share it). */
function bodyValidatorOf(operation: Operation): BodyValidator {
  const validator = requestBodyValidator(operation.operationId, operation.request?.mediaTypes[0] ?? '');
  if (!validator) throw new Error(`${operation.operationId} takes no request body`);
  return validator;
}

type FamilyRules = {
  notAcceptable(accept: string | undefined, offers: readonly string[]): ApiError;
  /** Throws the family's 400 when the body breaks the operation's schema. */
  checkBody(operation: Operation, body: unknown, ctx: RequestContext): void;
};

export const FAMILIES: Record<Family, FamilyRules> = {
  jobs: {
    notAcceptable: (_accept, offers) =>
      new ApiError(
        406,
        `The Accept header names no format this resource can write: use ${offers.join(', ')}.`,
        { violations: [{ field: 'Accept', message: 'Not acceptable.' }] },
      ),
    checkBody: (operation, body) => assertBody(bodyValidatorOf(operation), body),
  },
  nextgen: {
    notAcceptable: (accept, offers) =>
      nextGenError(
        'NOT_ACCEPTABLE',
        `No acceptable format in Accept '${accept}'; this API answers ${offers.join(', ')}.`,
      ),
    checkBody: (operation, body, ctx) => {
      // The login has no release-gated fields; the work order type bodies do (ASSUMPTIONS.md N7).
      const login = operation.operationId === 'Tokens_Create';
      const issues = [
        ...(login ? [] : releaseViolations(body, ctx.options.fsmRelease)),
        ...schemaViolations(bodyValidatorOf(operation), body),
      ];
      if (issues.length === 0) return;
      const message = login
        ? 'The token request is invalid.'
        : issues.length === 1
          ? undefined
          : 'The body is invalid.';
      throw errorOfViolations(issues, message);
    },
  },
};
