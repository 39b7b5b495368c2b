/**
 * Normalisation of RFC 3339 / ISO 8601 date-time strings to the form a .NET DataContract
 * serializer (as configured by the vendor) writes: `YYYY-MM-DDThh:mm:ss.fffZ`.
 */

const DATE_TIME =
  /^(\d{4,6})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/**
 * Converts a date-time string to UTC with exactly three fractional digits, e.g.
 * `2026-06-16T21:16:49.2514588+00:00` -> `2026-06-16T21:16:49.251Z`.
 * Extra fractional digits are truncated (not rounded). A value without an offset is taken as UTC.
 * Returns the input unchanged when it is not a recognisable date-time.
 */
export function normalizeDateTime(value: string): string {
  const m = DATE_TIME.exec(value);
  if (m === null) return value;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return value;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCDate() !== day) return value; // e.g. 31 February
  date.setUTCHours(hour, minute, second, ms);
  if (m[9] !== undefined) {
    const offsetHours = Number(m[10]);
    const offsetMinutes = Number(m[11]);
    if (offsetHours > 23 || offsetMinutes > 59) return value;
    const sign = m[9] === '-' ? -1 : 1;
    date.setTime(date.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000);
  }
  const time = date.getTime();
  return Number.isNaN(time) ? value : date.toISOString();
}
