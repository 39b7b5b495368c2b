export type ListItem = { text: string; pos: number };

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** Splits on commas and on whitespace inside each item, keeping 0-based positions for error messages. */
export function splitCommaList(text: string): ListItem[][] {
  const items: ListItem[][] = [];
  let words: ListItem[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    const boundary = i === text.length || c === ',' || isSpace(c);
    if (!boundary) {
      if (start === -1) start = i;
      continue;
    }
    if (start !== -1) {
      words.push({ text: text.slice(start, i), pos: start });
      start = -1;
    }
    if (i === text.length || c === ',') {
      items.push(words);
      words = [];
    }
  }
  return items;
}

/** Where an empty item sits, for 'expected a property name' errors. */
export function emptyItemPosition(text: string, itemIndex: number): number {
  let commas = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== ',') continue;
    if (commas === itemIndex) return i;
    commas++;
  }
  return text.length;
}
