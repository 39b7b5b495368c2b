// The operation a NextGen request is being answered by, remembered on the response so the error
// boundary can check error bodies against that operation's documented responses.
import type { Response } from 'express';
import type { Format } from '../http/content.ts';

const KEY = 'nextgenOperation';

/** NextGen answers JSON only. */
export const JSON_FORMAT: Format = { kind: 'json', mediaType: 'application/json' };

export function setOperation(res: Response, operationId: string): void {
  res.locals[KEY] = operationId;
}

export function operationOfResponse(res: Response): string | undefined {
  const op = res.locals[KEY];
  return typeof op === 'string' ? op : undefined;
}
