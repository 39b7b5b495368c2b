import { type Exchange, mediaType } from '../http/exchange.ts';
import { operation, responseTypes } from '../spec/api-catalog.ts';
import { type Failure, mismatch } from './failure.ts';

/** OAS-CONTENT-TYPE: a body must come in a media type documented for the operation and status. */
export function checkContentType(exchange: Exchange): Failure | undefined {
  const response = exchange.response;
  if (!response || response.body === '') return undefined;
  const op = operation(exchange.operationId);
  if (!op.responses[response.status]) return undefined; // the status check reports it
  const types = responseTypes(op, response.status);
  const received = mediaType(response);
  if (types.includes(received)) return undefined;
  return mismatch(
    'content-type',
    'OAS-CONTENT-TYPE',
    `${exchange.operationId} ${response.status} came in an undocumented content type`,
    received || '(no Content-Type)',
    types.join(', ') || '(no body)',
    exchange,
  );
}
