import { jsonBody } from '../http/body.ts';
import type { Exchange } from '../http/exchange.ts';
import { operation } from '../spec/api-catalog.ts';
import { type Failure, mismatch } from './failure.ts';

/** NEXTGEN-ERROR-ENVELOPE: the error body's own status and path agree with the answer and the request (N1). */
export function checkErrorEnvelope(exchange: Exchange): Failure | undefined {
  const response = exchange.response;
  if (!response || response.status < 400 || operation(exchange.operationId).family !== 'nextgen')
    return undefined;
  const body = jsonBody<{ status?: unknown; path?: unknown }>(exchange);
  if (!body || typeof body !== 'object') return undefined; // the schema check reports a missing body
  if (body.status !== undefined && body.status !== response.status) {
    return mismatch(
      'nextgen-error-envelope',
      'NEXTGEN-ERROR-ENVELOPE',
      'the error body names another status than the HTTP status it came with',
      String(body.status),
      String(response.status),
      exchange,
    );
  }
  const path = new URL(exchange.request.url).pathname;
  if (typeof body.path === 'string' && decodeURIComponent(body.path) !== decodeURIComponent(path)) {
    return mismatch(
      'nextgen-error-envelope',
      'NEXTGEN-ERROR-ENVELOPE',
      "the error body's path is not the path of the request",
      body.path,
      path,
      exchange,
    );
  }
  return undefined;
}
