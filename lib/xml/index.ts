export { normalizeDateTime } from './date-time.ts';
export { fromXml } from './from-xml.ts';
export type { SchemaResolver } from './schema-view.ts';
export { toXml } from './to-xml.ts';
