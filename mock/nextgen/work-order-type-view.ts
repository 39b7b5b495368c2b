// A stored work order type as the API answers it (ASSUMPTIONS.md N4, N7, N13): every field of
// the release, null for unset values, the description in one language or all of them, and only
// the `_fields` asked for.
import type { components } from '../../generated/nextgen.ts';
import type { WorkOrderType } from '../../generators/fixtures/data-set.ts';
import { catalog } from '../../lib/spec-runtime.ts';
import { isAvailable } from './release.ts';

type WorkOrderTypeBody = components['schemas']['WorkOrderType'];

/** `_language`: every translation, the user's language, or one language code (upper case). */
export type Language = { kind: 'all' } | { kind: 'user' } | { kind: 'code'; code: string };

/** The language every type has a description in (ASSUMPTIONS.md N13). */
const FALLBACK_LANGUAGE = 'EN';

// Read from the catalog on first use, not on import: a browser host gives the spec documents
// (useSpecSource) after importing the mock.
let properties: Record<string, { type?: unknown }> | undefined;
let fields: readonly string[] | undefined;
const propertiesOf = () =>
  (properties ??= (catalog().schema('nextgen', 'WorkOrderType').properties ?? {}) as Record<
    string,
    { type?: unknown }
  >);

/** Fields of WorkOrderType in the spec's order. */
export const workOrderTypeFields = (): readonly string[] => (fields ??= Object.keys(propertiesOf()));

/** What an unset field is answered as: false for flags, null for everything else (N4). */
const unset = (field: string): false | null => (propertiesOf()[field]?.type === 'boolean' ? false : null);

/** The fields a release answers (FSM 23.0 fields only from 23.0 on). */
export const fieldsOfRelease = (release: number): string[] =>
  workOrderTypeFields().filter((f) => isAvailable(f, release));

export type View = { language: Language; userLanguage: string; release: number; fields?: readonly string[] };

/** The description in one language: that one, else EN, else any, else empty. */
export function descriptionIn(description: Readonly<Record<string, string>>, language: string): string {
  return description[language] ?? description[FALLBACK_LANGUAGE] ?? Object.values(description)[0] ?? '';
}

export function languageOf(view: Pick<View, 'language' | 'userLanguage'>): string | undefined {
  if (view.language.kind === 'all') return undefined;
  return view.language.kind === 'code' ? view.language.code : view.userLanguage;
}

function describe(
  description: Readonly<Record<string, string>>,
  view: View,
): WorkOrderTypeBody['description'] {
  const language = languageOf(view);
  if (language !== undefined) return descriptionIn(description, language);
  return Object.entries(description).map(([lang, value]) => ({ lang, value }));
}

export function toBody(type: WorkOrderType, view: View): WorkOrderTypeBody {
  const stored = type as unknown as Record<string, unknown>;
  const wanted = new Set(view.fields ?? workOrderTypeFields());
  const body: Record<string, unknown> = {};
  for (const field of workOrderTypeFields()) {
    if (!isAvailable(field, view.release) || (field !== 'id' && !wanted.has(field))) continue;
    body[field] =
      field === 'description' ? describe(type.description, view) : (stored[field] ?? unset(field));
  }
  return body as WorkOrderTypeBody;
}
