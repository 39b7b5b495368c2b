// Prism-compatible scenario control (anchors.md; ASSUMPTIONS.md M3): `Prefer: code=, example=,
// dynamic=, seed=` make the mock answer a documented response instead of running its logic.
// Handlers call `forcedResponse` after authentication and request validation: an invalid request
// wins over a forced code, as in Prism.
import { loadSpec, type SpecName } from '../../lib/spec-runtime.ts';
import { ApiError } from './api-error.ts';
import { resolverOf } from './content.ts';
import type { Preferences } from './prefer.ts';
import { sampleFromSchema } from './sample-from-schema.ts';

type Operation = {
  operationId: string;
  responses: Record<
    string,
    {
      $ref?: string;
      content?: Record<string, { schema?: unknown; examples?: Record<string, { value?: unknown }> }>;
    }
  >;
};

const operations = new Map<string, Operation>();
export function operationOf(spec: SpecName, operationId: string): Operation {
  const key = `${spec}:${operationId}`;
  let op = operations.get(key);
  if (!op) {
    for (const item of Object.values(loadSpec(spec).paths)) {
      for (const candidate of Object.values(item)) {
        if ((candidate as Operation)?.operationId === operationId) op = candidate as Operation;
      }
    }
    if (!op) throw new Error(`no operation ${operationId} in the ${spec} spec`);
    operations.set(key, op);
  }
  return op;
}

export type Forced = { status: number; body: unknown; schema: unknown };

/** The response the preferences ask for, or undefined when they ask for none (run the real logic). */
export function forcedResponse(
  spec: SpecName,
  operationId: string,
  prefs: Preferences,
  mediaType: string,
): Forced | undefined {
  if (prefs.code === undefined && prefs.example === undefined && !prefs.dynamic) return undefined;
  const op = operationOf(spec, operationId);
  const documented = Object.keys(op.responses);
  const status = prefs.code ?? Number(documented.filter((c) => c.startsWith('2')).sort()[0] ?? 200);
  const notThere = (what: string) =>
    new ApiError(
      404,
      `Prefer asks for ${what}, which ${operationId} does not document. Documented statuses: ${documented.join(', ')}.`,
      {
        violations: [{ field: 'Prefer', message: `${what} is not documented` }],
      },
    );
  let response = op.responses[String(status)];
  if (!response) throw notThere(`code=${status}`);
  if (response.$ref) response = (resolverOf(spec)(response.$ref) as typeof response) ?? response;
  const content = response.content?.[mediaType] ?? response.content?.['application/json'];
  const schema = content?.schema ?? {};
  if (prefs.example !== undefined) {
    const example = content?.examples?.[prefs.example];
    if (!example || example.value === undefined)
      throw notThere(`example=${prefs.example} of response ${status}`);
    return { status, body: example.value, schema };
  }
  if (!prefs.dynamic && status >= 400) {
    throw new ApiError(status, `Answer forced by Prefer: code=${status}.`);
  }
  if (!prefs.dynamic) {
    const first = Object.values(content?.examples ?? {}).find((e) => e.value !== undefined);
    if (first) return { status, body: first.value, schema };
  }
  const seed = prefs.seed ?? Math.floor(Math.random() * 2 ** 31);
  return {
    status,
    body: sampleFromSchema(schema as Record<string, unknown>, resolverOf(spec), seed),
    schema,
  };
}
