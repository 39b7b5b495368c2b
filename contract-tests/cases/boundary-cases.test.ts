import { describe, expect, it } from 'vitest';
import { componentSchema } from '../spec/api-catalog.ts';
import { boundariesOf, boundaryCases, sameValue, textOf } from './boundary-cases.ts';

describe('boundariesOf', () => {
  const jobs = boundariesOf('jobs', 'jobs_write');
  const find = (field: string, keyword: string) =>
    jobs.find((b) => b.field === field && b.keyword === keyword);

  it('puts the largest legal text at maxLength and the near miss one character past it', () => {
    const name = find('name', 'maxLength');
    expect(name?.rule).toBe('JOB-MAX-LENGTH');
    expect(String(name?.legal[0]).length).toBe(255);
    expect(String(name?.nearMiss).length).toBe(256);
  });

  it('counts characters the same in UTF-16 and code points, and not as bytes (S20)', () => {
    const text = textOf(50);
    expect(text.length).toBe([...text].length);
    expect(Buffer.byteLength(text, 'utf8')).toBeGreaterThan(50);
  });

  it('refuses a documented enum value with its first letter in the other case', () => {
    const status = find('job_status_code', 'enum');
    expect(status?.nearMiss).toBe('canceled');
    expect(status?.legal).not.toContain('Suggested');
    expect(status?.legal).toContain('Open');
  });

  it('gives int32 fields both sides of 2^31 and the server-owned ones no legal side', () => {
    expect(find('estimated_time', 'format')?.legal).toEqual([2 ** 31 - 1]);
    expect(find('estimated_time', 'format')?.nearMiss).toBe(2 ** 31);
    expect(find('id2', 'format')?.legal).toEqual([]);
  });

  it('never offers the smallest id of a reference as legal (it need not name a record)', () => {
    const nextgen = boundariesOf('nextgen', 'WorkOrderTypePatch');
    expect(nextgen.find((b) => b.field === 'requestTypeId' && b.keyword === 'minimum')?.legal).toEqual([]);
    expect(nextgen.find((b) => b.field === 'order' && b.keyword === 'minimum')?.legal).toEqual([0]);
    expect(nextgen.find((b) => b.field === 'order' && b.keyword === 'maximum')?.nearMiss).toBe(10000);
  });

  it('has no pattern to generate for: a pattern added to a writable body needs its near miss here', () => {
    for (const [family, name] of [
      ['jobs', 'jobs_write'],
      ['jobs', 'job_part_usage'],
      ['nextgen', 'WorkOrderTypePatch'],
      ['nextgen', 'WorkOrderTypeCreate'],
    ] as const) {
      const props = Object.values(componentSchema(family, name).properties ?? {}) as { pattern?: string }[];
      expect(props.filter((p) => p.pattern)).toEqual([]);
    }
  });

  it('names one case per boundary, with its rule', () => {
    const ids = boundaryCases().map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('Jobs_Put.boundary.maxLength.name');
    expect(ids).toContain('WorkOrderTypes_Create.boundary.maxLength.code');
  });
});

describe('sameValue', () => {
  it('compares date-times as instants', () => {
    const p = { type: 'string', format: 'date-time' };
    expect(sameValue(p, '2031-12-31T09:59:59.999Z', '2031-12-31T23:59:59.999+14:00')).toBe(true);
    expect(sameValue(p, '2031-12-31T23:59:59.999Z', '2031-12-31T23:59:59.999+14:00')).toBe(false);
    expect(sameValue({ type: 'string' }, 'a', 'A')).toBe(false);
  });
});
