// The one way handlers answer: in the negotiated format, and (when asked) checked against the
// response schema the spec documents for that operation, status and media type.
import type { Response } from 'express';
import { compileInline, resolveRef, type SpecName, type ValidateFunction } from '../../lib/spec.ts';
import { type Format, send } from './content.ts';
import { contextOf } from './context.ts';
import { operationOf } from './scenario.ts';

type Content = Record<string, { schema?: Record<string, unknown> }>;
const validators = new Map<string, { schema: unknown; validate: ValidateFunction } | null>();

/** The documented schema of a response, and its compiled validator (cached); null when undocumented. */
export function responseSchema(
  spec: SpecName,
  operationId: string,
  status: number,
  mediaType: string,
): { schema: unknown; validate: ValidateFunction } | null {
  const key = `${spec}:${operationId}:${status}:${mediaType}`;
  let entry = validators.get(key);
  if (entry === undefined) {
    let response = operationOf(spec, operationId).responses[String(status)] as
      | { $ref?: string; content?: Content }
      | undefined;
    if (response?.$ref) response = resolveRef(spec, response.$ref) as { content?: Content };
    const schema = response?.content?.[mediaType]?.schema;
    entry = schema ? { schema, validate: compileInline(spec, schema) } : null;
    validators.set(key, entry);
  }
  return entry;
}

/** Thrown in validateResponses=throw mode: the mock broke its own contract. */
export class ResponseContractError extends Error {}

export function respond(
  res: Response,
  spec: SpecName,
  operationId: string,
  status: number,
  format: Format,
  body: unknown,
  options: { partial?: boolean } = {},
): void {
  const ctx = contextOf(res);
  const documented = responseSchema(spec, operationId, status, format.mediaType);
  if (ctx.options.validateResponses !== 'off') {
    const problems: string[] = [];
    if (!documented)
      problems.push(`status ${status} with ${format.mediaType} is not documented for ${operationId}`);
    else if (!options.partial && !documented.validate(body)) {
      for (const e of documented.validate.errors ?? [])
        problems.push(`response ${e.instancePath || '/'} ${e.message}`);
    }
    if (problems.length > 0) {
      ctx.problems.push(...problems);
      if (ctx.options.validateResponses === 'throw')
        throw new ResponseContractError(`${operationId} ${status}: ${problems.join('; ')}`);
    }
  }
  send(res, status, format, body, spec, documented?.schema ?? {});
}
