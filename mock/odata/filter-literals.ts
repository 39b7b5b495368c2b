type DateTimeLiteral =
  | { kind: 'date-time'; epochMs: number; hasOffset: boolean }
  | { kind: 'date'; epochMs: number }
  | { kind: 'invalid'; reason: string };

const MAX_FRACTION_DIGITS = 12;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

// Howard Hinnant's days-from-civil: avoids a Date object per value, which matters over 100k records.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Reads `count` digits at `at`; -1 when any of them is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let k = 0; k < count; k++) {
    const code = text.charCodeAt(at + k);
    if (!isDigit(code)) return -1;
    value = value * 10 + (code - 48);
  }
  return value;
}

const BAD_DATE = 'expected YYYY-MM-DD';
const BAD_TIME = 'expected the time as HH:MM:SS';
const BAD_OFFSET = 'expected the time zone offset as ±HH:MM';

function invalid(reason: string): DateTimeLiteral {
  return { kind: 'invalid', reason };
}

/**
 * Strict hand-written parser for `YYYY-MM-DD[THH:MM[:SS[.fff]](Z|±HH:MM)]` (no regex, linear time).
 * Used for $filter literals and for record values, so both sides compare on the same clock.
 */
export function parseDateTimeLiteral(text: string): DateTimeLiteral {
  const year = digitsAt(text, 0, 4);
  const month = text[4] === '-' ? digitsAt(text, 5, 2) : -1;
  const day = text[7] === '-' ? digitsAt(text, 8, 2) : -1;
  if (year < 0 || month < 0 || day < 0) return invalid(BAD_DATE);
  if (year === 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return invalid('the date does not exist');
  }
  const dayMs = daysFromCivil(year, month, day) * 86_400_000;
  if (text.length === 10) return { kind: 'date', epochMs: dayMs };
  if (text[10] !== 'T') return invalid("expected 'T' between the date and the time");

  const hour = digitsAt(text, 11, 2);
  const minute = text[13] === ':' ? digitsAt(text, 14, 2) : -1;
  if (hour < 0 || minute < 0) return invalid(BAD_TIME);
  let i = 16;
  let second = 0;
  let ms = 0;
  if (text[i] === ':') {
    second = digitsAt(text, i + 1, 2);
    if (second < 0) return invalid('expected two digits for the seconds');
    i += 3;
    if (text[i] === '.') {
      const start = ++i;
      while (i < text.length && isDigit(text.charCodeAt(i))) i++;
      const digits = i - start;
      if (digits === 0 || digits > MAX_FRACTION_DIGITS) {
        return invalid('expected 1 to 12 digits of fractional seconds');
      }
      const wanted = Math.min(digits, 3);
      ms = digitsAt(text, start, wanted) * 10 ** (3 - wanted);
    }
  }
  if (hour > 23 || minute > 59 || second > 59) return invalid('the time does not exist');

  let offsetMinutes = 0;
  let hasOffset = true;
  const zone = text[i];
  if (zone === undefined) {
    hasOffset = false;
  } else if (zone === 'Z') {
    i++;
  } else if (zone === '+' || zone === '-') {
    const offsetHours = digitsAt(text, i + 1, 2);
    const offsetMins = text[i + 3] === ':' ? digitsAt(text, i + 4, 2) : -1;
    if (offsetHours < 0 || offsetMins < 0 || offsetHours > 14 || offsetMins > 59) return invalid(BAD_OFFSET);
    offsetMinutes = (zone === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
    i += 6;
  } else {
    return invalid("expected 'Z' or a ±HH:MM offset after the time");
  }
  if (i !== text.length) return invalid('unexpected characters after the time zone');
  const epochMs = dayMs + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + ms;
  return { kind: 'date-time', epochMs, hasOffset };
}

export function isGuid(text: string): boolean {
  if (text.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const code = text.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (code !== 45) return false;
    } else if (!(isDigit(code) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70))) {
      return false;
    }
  }
  return true;
}

/** OData number literal: `-?digits[.digits][(e|E)[+|-]digits]`; anything else is undefined. */
export function parseNumberLiteral(text: string): number | undefined {
  let i = text[0] === '-' ? 1 : 0;
  const digits = (): boolean => {
    const start = i;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    return i > start;
  };
  if (!digits()) return undefined;
  if (text[i] === '.') {
    i++;
    if (!digits()) return undefined;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    if (!digits()) return undefined;
  }
  if (i !== text.length) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
