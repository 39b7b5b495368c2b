// The Prefer header (and its __query fallbacks), as Prism reads it plus what Prism users ask for
// (anchors.md): `;` as well as `,` between preferences, and a delay. ASSUMPTIONS.md M3.

export type Preferences = {
  code?: number;
  example?: string;
  dynamic?: boolean;
  seed?: number;
  delayMs?: number;
  returnMinimal: boolean;
};

const MAX_DELAY_MS = 60_000;

function apply(prefs: Preferences, key: string, value: string): string | undefined {
  switch (key) {
    case 'code': {
      const code = Number(value);
      if (!Number.isInteger(code) || code < 100 || code > 599) return `code=${value} is not an HTTP status`;
      prefs.code = code;
      return undefined;
    }
    case 'example':
      prefs.example = value;
      return undefined;
    case 'dynamic':
      prefs.dynamic = value === '' || value === 'true';
      return undefined;
    case 'seed': {
      const seed = Number(value);
      if (!Number.isSafeInteger(seed)) return `seed=${value} is not an integer`;
      prefs.seed = seed;
      return undefined;
    }
    case 'delay': {
      const ms = Number(value);
      if (!Number.isFinite(ms) || ms < 0 || ms > MAX_DELAY_MS)
        return `delay=${value} must be 0..${MAX_DELAY_MS} ms`;
      prefs.delayMs = ms;
      return undefined;
    }
    case 'return':
      prefs.returnMinimal = value === 'minimal';
      return undefined;
    default:
      return undefined; // RFC 7240: unknown preferences are ignored.
  }
}

const FALLBACKS = ['code', 'example', 'dynamic', 'seed', 'delay'] as const;
const NOTHING_ASKED = Object.freeze({
  prefs: Object.freeze({ returnMinimal: false }),
  problems: [] as string[],
});
const FALLBACK_NAMES = FALLBACKS.map((key) => `__${key}`);

/** Reads preferences; problems (e.g. code=abc) are returned so the caller can answer 400. */
export function readPreferences(
  header: string | undefined,
  query: Readonly<Record<string, string | string[] | undefined>>,
): { prefs: Preferences; problems: string[] } {
  // Most requests ask for nothing: one shared, frozen answer for them.
  if ((header === undefined || header === '') && !FALLBACK_NAMES.some((name) => name in query))
    return NOTHING_ASKED;
  const queryParameter = (name: string) => {
    const v = query[name];
    return typeof v === 'string' ? v : undefined;
  };
  const prefs: Preferences = { returnMinimal: false };
  const problems: string[] = [];
  const pairs: [string, string][] = [];
  if (header && header.trim() !== '') {
    for (const part of header.split(/[,;]/)) {
      const [k = '', ...rest] = part.split('=');
      pairs.push([
        k.trim().toLowerCase(),
        rest
          .join('=')
          .trim()
          .replace(/^"(.*)"$/, '$1'),
      ]);
    }
  } else {
    for (const key of FALLBACKS) {
      const v = queryParameter(`__${key}`);
      if (v !== undefined) pairs.push([key, v]);
    }
  }
  for (const [k, v] of pairs) {
    const problem = apply(prefs, k, v);
    if (problem) problems.push(problem);
  }
  // return=minimal always comes from the header: it is the vendor's own preference, not a mock control.
  if (header && /(^|[,;])\s*return\s*=\s*minimal\b/i.test(header)) prefs.returnMinimal = true;
  return { prefs, problems };
}
