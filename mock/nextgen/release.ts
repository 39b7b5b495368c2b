// Fields that exist only from a given FSM release on (document 004: "Available since 2026 W2
// (FSM 23.0)"; ASSUMPTIONS.md N7). The releases are read from `x-available-since` in the spec.
import { loadSpec } from '../../lib/spec-runtime.ts';
import type { Violation } from '../http/api-error.ts';
import { ruleViolation } from './errors.ts';

type Properties = Record<string, { 'x-available-since'?: string }>;

/** "2026 W2 (FSM 23.0)" → 23. */
export function fsmReleaseOf(text: string): number {
  const match = /FSM\s+(\d+(?:\.\d+)?)/.exec(text);
  if (!match?.[1]) throw new Error(`no FSM release in "${text}"`);
  return Number(match[1]);
}

const schemas = loadSpec('nextgen').components.schemas;
const since = new Map<string, number>();
for (const name of ['WorkOrderType', 'WorkOrderTypePatch', 'WorkOrderTypeCreate']) {
  for (const [field, schema] of Object.entries((schemas[name]?.properties ?? {}) as Properties)) {
    const text = schema['x-available-since'];
    if (text !== undefined) since.set(field, fsmReleaseOf(text));
  }
}

/** The release a field appeared in; undefined for fields as old as the operation. */
export const availableSince = (field: string): number | undefined => since.get(field);

export const isAvailable = (field: string, release: number): boolean => (since.get(field) ?? 0) <= release;

/** Fields of a request body that the release does not have yet (rule WOT-RELEASE-GATING). */
export function releaseViolations(body: unknown, release: number): Violation[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [];
  return Object.keys(body)
    .filter((field) => !isAvailable(field, release))
    .map((field) =>
      ruleViolation(
        'WOT-RELEASE-GATING',
        `${field} is available since FSM ${since.get(field)?.toFixed(1)}; this system runs FSM ${release.toFixed(1)}.`,
        field,
      ),
    );
}
