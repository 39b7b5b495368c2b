import type { Exchange } from '../http/exchange.ts';
import { operation } from '../spec/api-catalog.ts';
import { type Failure, mismatch } from './failure.ts';

/** OAS-STATUS: the status must be one the operation documents. */
export function checkStatusDocumented(exchange: Exchange): Failure | undefined {
  const status = exchange.response?.status;
  if (status === undefined) return undefined;
  const documented = Object.keys(operation(exchange.operationId).responses);
  if (documented.includes(String(status)) || documented.includes(`${String(status)[0]}XX`)) return undefined;
  if (documented.includes('default')) return undefined;
  return mismatch(
    'status-code',
    'OAS-STATUS',
    `${exchange.operationId} answered a status it does not document`,
    String(status),
    documented.join(', '),
    exchange,
  );
}
