const MAX_DISTANCE = 2;
// Bounds the quadratic edit-distance work on hostile input.
const MAX_NAME_LENGTH = 64;

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The candidate a user most likely meant, if any is close enough to be worth suggesting. */
export function suggestName(name: string, candidates: readonly string[]): string | undefined {
  if (name.length > MAX_NAME_LENGTH) return undefined;
  const lower = name.toLowerCase();
  const sameIgnoringCase = candidates.find((c) => c.toLowerCase() === lower);
  if (sameIgnoringCase !== undefined) return sameIgnoringCase;
  let best: string | undefined;
  let bestDistance = MAX_DISTANCE + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) > MAX_DISTANCE || candidate.length > MAX_NAME_LENGTH)
      continue;
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance && d < name.length) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
