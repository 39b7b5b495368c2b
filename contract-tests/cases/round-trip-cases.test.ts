import { describe, expect, it } from 'vitest';
import { componentSchema } from '../spec/api-catalog.ts';
import { compareFields, generatedValues, roundTripCases } from './round-trip-cases.ts';

describe('generatedValues', () => {
  const values = generatedValues('jobs', 'jobs_write', { working_sequence: 0 }, 5);

  it('writes every free field and leaves keys, codes and server fields out', () => {
    expect(values).toHaveProperty('name');
    expect(values).toHaveProperty('db_address_latitude_decimal');
    for (const f of [
      'id',
      'job_type_id',
      'job_type_code',
      'job_status_code',
      'id2',
      'date_create',
      'modified_dateutc',
    ])
      expect(values).not.toHaveProperty(f);
  });

  it('gives date-times offsets other than Z, and texts within their maxLength', () => {
    const dates = Object.entries(values).filter(
      ([k]) => k.startsWith('date') || k.endsWith('_date') || k.includes('date_'),
    );
    expect(dates.length).toBeGreaterThan(2);
    for (const [, v] of dates) expect(String(v)).toMatch(/[+-]\d{2}:\d{2}$/);
    const props = componentSchema('jobs', 'jobs_write').properties as Record<string, { maxLength?: number }>;
    for (const [k, v] of Object.entries(values))
      if (typeof v === 'string' && props[k]?.maxLength)
        expect(v.length).toBeLessThanOrEqual(props[k].maxLength);
  });
});

describe('compareFields', () => {
  const props = { due_date: { type: 'string', format: 'date-time' }, name: { type: 'string' } };
  it('finds the field that came back different, dates as instants', () => {
    const sent = { due_date: '2030-01-01T10:00:00+02:00', name: 'a' };
    expect(compareFields('x', { due_date: '2030-01-01T08:00:00Z', name: 'a' }, sent, props, 'R')).toEqual([]);
    const failures = compareFields('x', { due_date: '2030-01-01T10:00:00Z', name: 'b' }, sent, props, 'R');
    expect(failures.map((f) => f.message.split(' ')[0])).toEqual(['due_date', 'name']);
  });
});

it('has one round trip per writable body, and one for the view columns', () => {
  expect(
    roundTripCases()
      .map((c) => c.operationId)
      .sort(),
  ).toEqual([
    'JobPartUsage_Save',
    'JobsView_Get',
    'Jobs_Put',
    'WorkOrderTypes_Create',
    'WorkOrderTypes_Patch',
  ]);
});
