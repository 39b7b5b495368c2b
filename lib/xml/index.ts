export { normalizeDateTime } from './date-time.ts';
export { DEFAULT_MAX_BYTES, type FromXmlOptions, type FromXmlResult, fromXml } from './from-xml.ts';
export type { SchemaResolver } from './schema-view.ts';
export { toXml } from './to-xml.ts';
