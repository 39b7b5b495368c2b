import type { Exchange } from '../http/exchange.ts';
import { operation } from '../spec/api-catalog.ts';
import { type Failure, mismatch } from './failure.ts';

/** OAS-HEADERS: the headers documented for the status (WWW-Authenticate on 401, ETag on a job) must be sent. */
export function checkDocumentedHeaders(exchange: Exchange): Failure | undefined {
  const response = exchange.response;
  if (!response) return undefined;
  const documented = Object.keys(operation(exchange.operationId).responses[response.status]?.headers ?? {});
  const missing = documented.filter((h) => response.headers[h.toLowerCase()] === undefined);
  if (missing.length === 0) return undefined;
  return mismatch(
    'headers',
    'OAS-HEADERS',
    `${exchange.operationId} ${response.status} lacks a documented header`,
    `headers ${Object.keys(response.headers).join(', ')}`,
    missing.join(', '),
    exchange,
  );
}
