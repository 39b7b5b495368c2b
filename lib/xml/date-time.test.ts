import { describe, expect, it } from 'vitest';
import { normalizeDateTime } from './date-time.ts';

describe('normalizeDateTime', () => {
  it('converts 7 fractional digits and an offset to milliseconds UTC', () => {
    expect(normalizeDateTime('2026-06-16T21:16:49.2514588+00:00')).toBe('2026-06-16T21:16:49.251Z');
    expect(normalizeDateTime('2026-06-16T23:16:49.2519+02:00')).toBe('2026-06-16T21:16:49.251Z');
    expect(normalizeDateTime('2026-06-16T19:46:49-0130')).toBe('2026-06-16T21:16:49.000Z');
  });

  it('pads short fractions and treats missing offsets as UTC', () => {
    expect(normalizeDateTime('2026-06-16T21:16:49.5')).toBe('2026-06-16T21:16:49.500Z');
    expect(normalizeDateTime('2026-06-16T21:16')).toBe('2026-06-16T21:16:00.000Z');
    expect(normalizeDateTime('2026-06-16t21:16:49z')).toBe('2026-06-16T21:16:49.000Z');
  });

  it('crosses day boundaries and keeps small years', () => {
    expect(normalizeDateTime('2026-01-01T00:30:00+01:00')).toBe('2025-12-31T23:30:00.000Z');
    expect(normalizeDateTime('0050-03-04T05:06:07Z')).toBe('0050-03-04T05:06:07.000Z');
  });

  it('leaves non-date-times untouched', () => {
    for (const s of ['', 'sample string', '2026-02-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-06-16']) {
      expect(normalizeDateTime(s)).toBe(s);
    }
  });
});
