// Reading response bodies: JSON by JSON.parse, XML by the shared DataContract codec typed by the
// schema, whose self-references the one catalog resolves (lib/catalog.ts).

import { catalog, type SpecName } from '../../lib/spec.ts';
import { fromXml } from '../../lib/xml/index.ts';
import { type Exchange, isXmlType, mediaType } from './exchange.ts';

type ParsedBody = { ok: true; value: unknown } | { ok: false; error: string };

export function parseBody(exchange: Exchange, family: SpecName, schema: unknown): ParsedBody {
  const response = exchange.response;
  if (!response) return { ok: false, error: 'no response' };
  const type = mediaType(response);
  if (isXmlType(type)) {
    const result = fromXml(response.body, schema, catalog().resolver(family));
    return result.ok ? { ok: true, value: result.value } : { ok: false, error: result.error };
  }
  try {
    return { ok: true, value: JSON.parse(response.body) };
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message}` };
  }
}

/** The JSON body of a response, or undefined when there is none or it does not parse. */
export function jsonBody<T = Record<string, unknown>>(exchange: Exchange): T | undefined {
  const text = exchange.response?.body;
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
