// The checks every response goes through, whatever the case that sent the request.
import type { Exchange } from '../http/exchange.ts';
import { checkAuthChallenge } from './auth-challenge.ts';
import { checkContentType } from './content-type.ts';
import type { Failure } from './failure.ts';
import { checkDocumentedHeaders } from './headers.ts';
import { checkErrorEnvelope } from './nextgen-error-envelope.ts';
import { checkErrorCodeStatus } from './nextgen-error-status.ts';
import { checkNoServerError } from './no-server-error.ts';
import { checkResponseSchema } from './response-schema.ts';
import { checkStatusDocumented } from './status-code.ts';
import { checkXmlShape } from './xml-shape.ts';

const RESPONSE_CHECKS = [
  checkNoServerError,
  checkStatusDocumented,
  checkContentType,
  checkResponseSchema,
  checkDocumentedHeaders,
  checkErrorCodeStatus,
  checkErrorEnvelope,
  checkAuthChallenge,
  checkXmlShape,
] as const;

export function conformanceFailures(exchange: Exchange): Failure[] {
  const failures: Failure[] = [];
  for (const check of RESPONSE_CHECKS) {
    const failure = check(exchange);
    if (failure) failures.push(failure);
  }
  return failures;
}
