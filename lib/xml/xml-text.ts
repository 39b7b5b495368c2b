/**
 * Low-level XML text helpers: escaping, element-name encoding, reference checking/decoding.
 *
 * Control-character policy (XML 1.0 only permits #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
 * [#x10000-#x10FFFF], and a character reference may only name a permitted character):
 * - TAB and LF are written literally; CR is written as `&#xD;` so that parsers do not normalise it away.
 * - C1 controls and DEL (U+007F..U+009F) are legal but easily mangled, so they are written as character
 *   references (`&#x85;`), which round-trip exactly.
 * - Characters XML 1.0 forbids outright (U+0000..U+0008, U+000B, U+000C, U+000E..U+001F, U+FFFE, U+FFFF and
 *   unpaired surrogates) cannot be represented at all, not even as references, so each one is REPLACED by
 *   U+FFFD (REPLACEMENT CHARACTER). The output is always well-formed; such strings do not round-trip.
 */

export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

/** Whether a UTF-16 code unit (not part of a surrogate pair) is allowed by XML 1.0. */
function isAllowedUnit(c: number): boolean {
  return c >= 0x20 ? c <= 0xd7ff || (c >= 0xe000 && c <= 0xfffd) : c === 0x9 || c === 0xa || c === 0xd;
}

function needsEscape(c: number): boolean {
  if (c < 0x20) return c !== 0x9 && c !== 0xa;
  if (c < 0x7f) return c === 0x26 || c === 0x3c || c === 0x3e || c === 0x22 || c === 0x27;
  return c <= 0x9f || (c >= 0xd800 && c <= 0xdfff) || c >= 0xfffe;
}

/** Escapes text for element content or a double-quoted attribute value (see the policy above). */
export function escapeText(s: string): string {
  const n = s.length;
  let i = 0;
  while (i < n && !needsEscape(s.charCodeAt(i))) i++;
  if (i === n) return s;
  const parts: string[] = [];
  let last = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (!needsEscape(c)) continue;
    let rep: string;
    switch (c) {
      case 0x26:
        rep = '&amp;';
        break;
      case 0x3c:
        rep = '&lt;';
        break;
      case 0x3e:
        rep = '&gt;';
        break;
      case 0x22:
        rep = '&quot;';
        break;
      case 0x27:
        rep = '&apos;';
        break;
      case 0xd:
        rep = '&#xD;';
        break;
      default:
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
          const next = s.charCodeAt(i + 1);
          if (next >= 0xdc00 && next <= 0xdfff) {
            i++; // a valid surrogate pair is copied as is
            continue;
          }
        }
        rep = c >= 0x7f && c <= 0x9f ? `&#x${c.toString(16).toUpperCase()};` : '\uFFFD';
    }
    if (i > last) parts.push(s.slice(last, i));
    parts.push(rep);
    last = i + 1;
  }
  if (last < n) parts.push(s.slice(last));
  return parts.join('');
}

/** Index of the first character XML 1.0 does not allow (including unpaired surrogates), or -1. */
export function findInvalidChar(s: string): number {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0xd800) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (!isAllowedUnit(c)) return i;
  }
  return -1;
}

/** `line L, column C` (1-based) of a string index. */
export function positionOf(s: string, index: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = s.indexOf('\n'); i !== -1 && i < index; i = s.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${index - lineStart + 1}`;
}

// Name productions of XML 1.0 (5th ed.) restricted to the BMP and without ':' (element local names).
const NAME_START =
  'A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D' +
  '\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_REST = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const PLAIN_NAME = new RegExp(`^[${NAME_START}][${NAME_REST}]*$`);
const START_CHAR = new RegExp(`^[${NAME_START}]$`);
const REST_CHAR = new RegExp(`^[${NAME_REST}]$`);
const ESCAPE_LIKE = /^x(?:[0-9A-Fa-f]{4}|[0-9A-Fa-f]{8})_/;
const ENCODED = /_x([0-9A-Fa-f]{8}|[0-9A-Fa-f]{4})_/g;

/**
 * Turns any string into a valid XML element local name the way .NET's `XmlConvert.EncodeLocalName` does:
 * each character not allowed at its position becomes `_xHHHH_` (`_xHHHHHHHH_` outside the BMP), and an `_`
 * that would otherwise be read as the start of such an escape becomes `_x005F_`. The empty string becomes `_`.
 */
export function encodeName(name: string): string {
  if (PLAIN_NAME.test(name) && !name.includes('_x')) return name;
  if (name === '') return '_';
  const cps = Array.from(name);
  const parts: string[] = [];
  for (let i = 0; i < cps.length; i++) {
    const ch = cps[i] ?? '';
    if (ch === '_' && ESCAPE_LIKE.test(cps.slice(i + 1, i + 11).join(''))) {
      parts.push('_x005F_');
    } else if ((i === 0 ? START_CHAR : REST_CHAR).test(ch)) {
      parts.push(ch);
    } else {
      const cp = ch.codePointAt(0) ?? 0;
      parts.push(
        `_x${cp
          .toString(16)
          .toUpperCase()
          .padStart(cp > 0xffff ? 8 : 4, '0')}_`,
      );
    }
  }
  return parts.join('');
}

/** Inverse of {@link encodeName}. */
export function decodeName(name: string): string {
  if (!name.includes('_x')) return name;
  return name.replace(ENCODED, (_m, hex: string) => {
    const cp = Number.parseInt(hex, 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : _m;
  });
}

const BUILT_IN: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const MARKUP = /<!--|<!\[CDATA\[|<\?|&/g;
const REFERENCE = /&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([^\s&;<>"']*));/y;

function isAllowedCodePoint(cp: number): boolean {
  return cp > 0xffff ? cp <= 0x10ffff : isAllowedUnit(cp);
}

/**
 * Checks every `&` reference outside comments, CDATA sections and processing instructions: only the five
 * XML built-in entities and character references to characters XML 1.0 allows are accepted (no DTD, so no
 * other entity can be defined). Returns an error message with its position, or undefined.
 */
export function checkReferences(xml: string): string | undefined {
  if (!xml.includes('&')) return undefined;
  MARKUP.lastIndex = 0;
  for (let m = MARKUP.exec(xml); m !== null; m = MARKUP.exec(xml)) {
    const token = m[0];
    if (token !== '&') {
      const end = token === '<!--' ? '-->' : token === '<?' ? '?>' : ']]>';
      const close = xml.indexOf(end, m.index + token.length);
      if (close === -1) return undefined; // unterminated: the well-formedness check reports it
      MARKUP.lastIndex = close + end.length;
      continue;
    }
    REFERENCE.lastIndex = m.index;
    const ref = REFERENCE.exec(xml);
    if (ref === null) return `'&' that does not start a reference at ${positionOf(xml, m.index)}`;
    const hex = ref[1];
    const dec = ref[2];
    if (hex !== undefined || dec !== undefined) {
      const cp = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec ?? '', 10);
      if (!isAllowedCodePoint(cp)) {
        return `character reference ${ref[0]} names a character XML 1.0 does not allow at ${positionOf(xml, m.index)}`;
      }
    } else if (!Object.hasOwn(BUILT_IN, ref[3] ?? '')) {
      return `undefined entity ${ref[0]} at ${positionOf(xml, m.index)} (only amp, lt, gt, quot and apos are allowed)`;
    }
    MARKUP.lastIndex = m.index + ref[0].length;
  }
  return undefined;
}

const DECODE = /&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;

/** Decodes built-in entity and character references (input already checked by {@link checkReferences}). */
export function decodeText(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(
    DECODE,
    (_m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name !== undefined) return BUILT_IN[name] ?? _m;
      return String.fromCodePoint(
        hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec ?? '', 10),
      );
    },
  );
}

/**
 * Compares strings by Unicode code point (ordinal). Equal to UTF-16 code-unit order except that supplementary
 * characters sort after U+E000..U+FFFF.
 */
export function compareOrdinal(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let ca = a.charCodeAt(i);
    let cb = b.charCodeAt(i);
    if (ca === cb) continue;
    if (ca >= 0xd800 && cb >= 0xd800) {
      ca = ca >= 0xe000 ? ca - 0x800 : ca + 0x2000;
      cb = cb >= 0xe000 ? cb - 0x800 : cb + 0x2000;
    }
    return ca - cb;
  }
  return a.length - b.length;
}
