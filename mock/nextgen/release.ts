// Fields that exist only from a given FSM release on (document 004: "Available since 2026 W2
// (FSM 23.0)"; ASSUMPTIONS.md N7). The releases are read from `x-available-since` in the spec.
import { catalog } from '../../lib/spec-runtime.ts';
import type { Violation } from '../http/api-error.ts';
import { ruleViolation } from './errors.ts';

type Properties = Record<string, { 'x-available-since'?: string }>;

/** "2026 W2 (FSM 23.0)" → 23. */
export function fsmReleaseOf(text: string): number {
  const match = /FSM\s+(\d+(?:\.\d+)?)/.exec(text);
  if (!match?.[1]) throw new Error(`no FSM release in "${text}"`);
  return Number(match[1]);
}

// Read from the catalog on first use, not on import: a browser host gives the spec documents
// (useSpecSource) after importing the mock.
let releases: Map<string, number> | undefined;
function sinceOf(): Map<string, number> {
  if (releases) return releases;
  releases = new Map();
  for (const name of ['WorkOrderType', 'WorkOrderTypePatch', 'WorkOrderTypeCreate']) {
    const properties = (catalog().schema('nextgen', name).properties ?? {}) as Properties;
    for (const [field, schema] of Object.entries(properties)) {
      const text = schema['x-available-since'];
      if (text !== undefined) releases.set(field, fsmReleaseOf(text));
    }
  }
  return releases;
}

/** The release a field appeared in; undefined for fields as old as the operation. */
export const availableSince = (field: string): number | undefined => sinceOf().get(field);

export const isAvailable = (field: string, release: number): boolean =>
  (sinceOf().get(field) ?? 0) <= release;

/** Fields of a request body that the release does not have yet (rule WOT-RELEASE-GATING). */
export function releaseViolations(body: unknown, release: number): Violation[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [];
  return Object.keys(body)
    .filter((field) => !isAvailable(field, release))
    .map((field) =>
      ruleViolation(
        'WOT-RELEASE-GATING',
        `${field} is available since FSM ${availableSince(field)?.toFixed(1)}; this system runs FSM ${release.toFixed(1)}.`,
        field,
      ),
    );
}
