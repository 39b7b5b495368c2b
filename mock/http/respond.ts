// The documented response schemas: what the pipeline checks answers against (when asked) and what
// shapes their XML.
import type { OperationId } from '../../lib/catalog.ts';
import { catalog, compileInline, type SpecName, type ValidateFunction } from '../../lib/spec-runtime.ts';

type Documented = { schema: unknown; validate: ValidateFunction } | null;
// operation (ids are unique across the specs) -> status -> media type: no key is built per answer.
const validators = new Map<string, Map<number, Map<string, Documented>>>();

/** The documented schema of a response, and its compiled validator (cached); null when undocumented. */
export function responseSchema(
  spec: SpecName,
  operationId: OperationId,
  status: number,
  mediaType: string,
): { schema: unknown; validate: ValidateFunction } | null {
  let byStatus = validators.get(operationId);
  if (!byStatus) {
    byStatus = new Map();
    validators.set(operationId, byStatus);
  }
  let byMedia = byStatus.get(status);
  if (!byMedia) {
    byMedia = new Map();
    byStatus.set(status, byMedia);
  }
  let entry = byMedia.get(mediaType);
  if (entry === undefined) {
    const schema = catalog().operation(operationId).responses[String(status)]?.content[mediaType];
    entry = schema ? { schema, validate: compileInline(spec, schema) } : null;
    byMedia.set(mediaType, entry);
  }
  return entry;
}

/** Thrown in validateResponses=throw mode: the mock broke its own contract. */
export class ResponseContractError extends Error {}
