// One request and what came back: the evidence every check and report works from.
import type { OperationId } from '../spec/api-catalog.ts';

export type RecordedRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
};

export type RecordedResponse = {
  status: number;
  headers: Record<string, string>;
  body: string;
  durationMs: number;
};

export type Exchange = {
  operationId: OperationId;
  request: RecordedRequest;
  response?: RecordedResponse;
  /** Set when no response came (connection refused, timeout). */
  error?: string;
  /** $select was used: items carry only the selected fields, so `required` does not apply. */
  partialItems?: boolean;
};

/** The response's media type without parameters, lower-cased ('' when none). */
export function mediaType(response: RecordedResponse | undefined): string {
  return (response?.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function isXmlType(type: string): boolean {
  return type === 'application/xml' || type === 'text/xml';
}
