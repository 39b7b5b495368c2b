import { jsonBody } from '../http/body.ts';
import type { Exchange } from '../http/exchange.ts';
import { apiCatalog, operation } from '../spec/api-catalog.ts';
import { type Failure, mismatch } from './failure.ts';

/** NEXTGEN-ERROR-STATUS: every NextGen error code must come with the status x-error-codes gives it. */
export function checkErrorCodeStatus(exchange: Exchange): Failure | undefined {
  const response = exchange.response;
  if (!response || response.status < 400 || operation(exchange.operationId).family !== 'nextgen')
    return undefined;
  const body = jsonBody<{ code?: unknown; errors?: { code?: unknown }[] }>(exchange);
  const codes = [body?.code, ...(Array.isArray(body?.errors) ? body.errors.map((e) => e?.code) : [])];
  for (const code of codes) {
    if (typeof code !== 'string') continue;
    const def = apiCatalog().errorCodes.get(code);
    if (def && def.status !== response.status) {
      return mismatch(
        'nextgen-error-status',
        'NEXTGEN-ERROR-STATUS',
        `error code ${code} came with another status`,
        String(response.status),
        `${def.status} (x-error-codes)`,
        exchange,
      );
    }
  }
  return undefined;
}
