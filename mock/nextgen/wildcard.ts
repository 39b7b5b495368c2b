// The `description` filter's pattern (ASSUMPTIONS.md N12): `*` matches any text, everything else
// itself, case-insensitively, over the whole description. Matched by greedy segment search, never
// by a regular expression: the literal parts between the stars are found left to right, each at its
// first place after the previous one (the earliest place never loses a match), so a pattern costs at
// most one scan of the text per part, whatever its stars (issue 11: 8 stars took 9 s as a regex).

/** A matcher for one pattern; build it once per request, apply it to every description. */
export function wildcardMatcher(pattern: string): (text: string) => boolean {
  const parts = pattern.toLowerCase().split('*');
  const first = parts[0] ?? '';
  if (parts.length === 1) return (text) => text.toLowerCase() === first;
  const last = parts[parts.length - 1] ?? '';
  const middle = parts.slice(1, -1).filter((p) => p !== '');
  return (raw) => {
    const text = raw.toLowerCase();
    // The fixed ends must fit without overlapping.
    if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last))
      return false;
    let at = first.length;
    const end = text.length - last.length;
    for (const part of middle) {
      const found = text.indexOf(part, at);
      if (found < 0 || found + part.length > end) return false;
      at = found + part.length;
    }
    return true;
  };
}
