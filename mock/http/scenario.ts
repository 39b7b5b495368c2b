// Prism-compatible scenario control (anchors.md; ASSUMPTIONS.md M3): `Prefer: code=, example=,
// dynamic=, seed=` make the mock answer a documented response instead of running its logic.
// Handlers call `forcedResponse` after authentication and request validation: an invalid request
// wins over a forced code, as in Prism.
import type { OperationId } from '../../lib/catalog.ts';
import { catalog, type SpecName } from '../../lib/spec-runtime.ts';
import { ApiError } from './api-error.ts';
import type { Preferences } from './prefer.ts';
import { sampleFromSchema } from './sample-from-schema.ts';

type Forced = { status: number; body: unknown; schema: unknown };

/** The response the preferences ask for, or undefined when they ask for none (run the real logic). */
export function forcedResponse(
  spec: SpecName,
  operationId: OperationId,
  prefs: Preferences,
  mediaType: string,
): Forced | undefined {
  if (prefs.code === undefined && prefs.example === undefined && !prefs.dynamic) return undefined;
  const op = catalog().operation(operationId);
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
  const response = op.responses[String(status)];
  if (!response) throw notThere(`code=${status}`);
  const type = response.content[mediaType] ? mediaType : 'application/json';
  const schema = response.content[type] ?? {};
  const examples = response.examples[type] ?? {};
  if (prefs.example !== undefined) {
    const example = examples[prefs.example];
    if (!example || example.value === undefined)
      throw notThere(`example=${prefs.example} of response ${status}`);
    return { status, body: example.value, schema };
  }
  if (!prefs.dynamic && status >= 400) {
    throw new ApiError(status, `Answer forced by Prefer: code=${status}.`);
  }
  if (!prefs.dynamic) {
    const first = Object.values(examples).find((e) => e.value !== undefined);
    if (first) return { status, body: first.value, schema };
  }
  const seed = prefs.seed ?? Math.floor(Math.random() * 2 ** 31);
  return {
    status,
    body: sampleFromSchema(schema, catalog().resolver(spec), seed),
    schema,
  };
}
