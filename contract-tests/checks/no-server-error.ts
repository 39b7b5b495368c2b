import type { Exchange } from '../http/exchange.ts';
import { type Failure, mismatch } from './failure.ts';

/** HTTP-NO-5XX: whatever a client sends, the server must not fail. */
export function checkNoServerError(exchange: Exchange): Failure | undefined {
  const status = exchange.response?.status;
  if (status === undefined || status < 500) return undefined;
  return mismatch(
    'no-server-error',
    'HTTP-NO-5XX',
    `${exchange.operationId} failed on the server side`,
    String(status),
    'a 2xx answer or a 4xx naming the client error',
    exchange,
  );
}
