import { isGuid, parseDateTimeLiteral, parseNumberLiteral } from './filter-literals.ts';
import { ok, syntaxError } from './result.ts';
import type { Result } from './types.ts';

export type Token =
  | { kind: 'identifier'; text: string; pos: number }
  | { kind: 'string'; text: string; pos: number; value: string }
  | { kind: 'number'; text: string; pos: number; value: number }
  | { kind: 'guid'; text: string; pos: number; value: string }
  | { kind: 'date-time'; text: string; pos: number; value: number }
  | { kind: 'date'; text: string; pos: number }
  | { kind: 'lparen' | 'rparen' | 'comma' | 'end'; text: string; pos: number };

const PARAMETER = '$filter';

const SYMBOL_HINTS: Record<string, string> = {
  '=': 'eq',
  '==': 'eq',
  '===': 'eq',
  '!=': 'ne',
  '!==': 'ne',
  '<>': 'ne',
  '>': 'gt',
  '>=': 'ge',
  '<': 'lt',
  '<=': 'le',
  '&&': 'and',
  '&': 'and',
  '||': 'or',
  '|': 'or',
  '!': 'not',
};
const SYMBOL_CHARS = '=<>!&|';

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function isDelimiter(c: string): boolean {
  return isSpace(c) || c === '(' || c === ')' || c === ',' || c === "'" || c === '"';
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isIdentifierStart(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
}

function isIdentifierPart(c: string | undefined): boolean {
  return isIdentifierStart(c) || isDigit(c);
}

function isHexOrDash(word: string): boolean {
  for (const c of word) {
    if (!(c === '-' || isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  }
  return true;
}

function looksLikeDate(word: string): boolean {
  return (
    word.length > 4 &&
    word[4] === '-' &&
    isDigit(word[0]) &&
    isDigit(word[1]) &&
    isDigit(word[2]) &&
    isDigit(word[3])
  );
}

function looksLikeOffsetWithoutSign(word: string): boolean {
  return (
    word.length === 5 &&
    word[2] === ':' &&
    isDigit(word[0]) &&
    isDigit(word[1]) &&
    isDigit(word[3]) &&
    isDigit(word[4])
  );
}

function scanString(text: string, start: number): Result<{ token: Token; end: number }> {
  let value = '';
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf("'", from);
    if (quote === -1) {
      return syntaxError(PARAMETER, start, 'the string literal is not closed; add a closing single quote');
    }
    value += text.slice(from, quote);
    if (text[quote + 1] === "'") {
      value += "'";
      from = quote + 2;
      continue;
    }
    const end = quote + 1;
    return ok({ token: { kind: 'string', text: text.slice(start, end), pos: start, value }, end });
  }
}

function badCharacter(word: string, pos: number): Result<never> {
  let i = 0;
  while (i < word.length && isIdentifierPart(word[i])) i++;
  const c = word[i] ?? '';
  const at = pos + i;
  if (SYMBOL_CHARS.includes(c)) {
    let j = i;
    while (j < word.length && SYMBOL_CHARS.includes(word[j] ?? '')) j++;
    const symbol = word.slice(i, j);
    const replacement = SYMBOL_HINTS[symbol];
    const hint = replacement === undefined ? '' : `; use '${replacement}'`;
    return syntaxError(PARAMETER, at, `'${symbol}' is not an OData operator${hint}`);
  }
  if (c === '/') return syntaxError(PARAMETER, at, "property paths with '/' are not supported");
  if (c === '-' && i > 0 && isHexOrDash(word)) {
    return syntaxError(
      PARAMETER,
      pos,
      `'${word}' is not a valid literal; GUIDs look like 3f6c2a4e-0b1d-4c8e-9f00-123456789abc`,
    );
  }
  if (c === '+' || c === '-' || c === '*' || c === '%') {
    return syntaxError(PARAMETER, at, `unexpected character '${c}'; arithmetic is not supported`);
  }
  return syntaxError(PARAMETER, at, `unexpected character '${c}'`);
}

function classifyWord(word: string, pos: number, text: string, end: number): Result<Token> {
  if (isGuid(word)) return ok({ kind: 'guid', text: word, pos, value: word.toLowerCase() });
  if (looksLikeDate(word)) {
    const parsed = parseDateTimeLiteral(word);
    if (parsed.kind === 'date') return ok({ kind: 'date', text: word, pos });
    if (parsed.kind === 'invalid') {
      return syntaxError(PARAMETER, pos, `'${word}' is not a valid date-time literal: ${parsed.reason}`);
    }
    if (!parsed.hasOffset) {
      let next = end;
      while (next < text.length && isSpace(text[next] ?? '')) next++;
      const plusDecoded = next > end && looksLikeOffsetWithoutSign(text.slice(next, next + 5));
      const hint = plusDecoded
        ? "; a '+' in a URL must be percent-encoded as %2B, otherwise it arrives as a space"
        : ", e.g. 'Z'";
      return syntaxError(PARAMETER, pos, `the date-time literal '${word}' needs a time zone${hint}`);
    }
    return ok({ kind: 'date-time', text: word, pos, value: parsed.epochMs });
  }
  if (isDigit(word[0]) || (word[0] === '-' && isDigit(word[1]))) {
    const value = parseNumberLiteral(word);
    if (value === undefined) {
      return syntaxError(PARAMETER, pos, `'${word}' is not a valid number, GUID or date-time literal`);
    }
    return ok({ kind: 'number', text: word, pos, value });
  }
  if (isIdentifierStart(word[0])) {
    let i = 1;
    while (i < word.length && isIdentifierPart(word[i])) i++;
    if (i === word.length) return ok({ kind: 'identifier', text: word, pos });
  }
  return badCharacter(word, pos);
}

/** Splits a $filter expression into tokens; always ends with an 'end' token at text.length. */
export function tokenize(text: string): Result<Token[]> {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (isSpace(c)) {
      i++;
    } else if (c === '(') {
      tokens.push({ kind: 'lparen', text: c, pos: i++ });
    } else if (c === ')') {
      tokens.push({ kind: 'rparen', text: c, pos: i++ });
    } else if (c === ',') {
      tokens.push({ kind: 'comma', text: c, pos: i++ });
    } else if (c === "'") {
      const scanned = scanString(text, i);
      if (!scanned.ok) return scanned;
      tokens.push(scanned.value.token);
      i = scanned.value.end;
    } else if (c === '"') {
      return syntaxError(PARAMETER, i, "string literals use single quotes, e.g. 'text'");
    } else {
      let end = i;
      while (end < text.length && !isDelimiter(text[end] ?? '')) end++;
      const token = classifyWord(text.slice(i, end), i, text, end);
      if (!token.ok) return token;
      tokens.push(token.value);
      i = end;
    }
  }
  tokens.push({ kind: 'end', text: '', pos: text.length });
  return ok(tokens);
}
