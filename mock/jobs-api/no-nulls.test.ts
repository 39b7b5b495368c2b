// The spec documents under Node: the module under test reads lib/spec-runtime.ts.
import '../../lib/spec.ts';
import { expect, test } from 'vitest';
import { NO_DATE, ZERO_GUID } from '../../generators/fixtures/data-set.ts';
import { defaultsOf, isSet, scalarFields, scalarsOf } from './no-nulls.ts';

test('the scalar fields of a schema and their kinds come from the spec', () => {
  const fields = scalarFields('jobs_write');
  expect(fields.id).toBe('uuid');
  expect(fields.due_date).toBe('date-time');
  expect(fields.working_sequence).toBe('integer');
  // Embedded entities are not scalars.
  expect(fields.project).toBeUndefined();
});

test('defaults: every scalar at the default of its kind, frozen', () => {
  const d = defaultsOf('jobs_write');
  expect(d.id).toBe(ZERO_GUID);
  expect(d.due_date).toBe(NO_DATE);
  expect(d.working_sequence).toBe(0);
  expect(Object.isFrozen(d)).toBe(true);
});

test('scalarsOf keeps known scalars, normalised as stored', () => {
  const out = scalarsOf('jobs_write', {
    id: 'ABCDEF00-0000-4000-8000-0000000000AA',
    due_date: '2026-06-16T23:16:49.2514588+02:00',
    date_create: '2026-06-16T21:16:49.251Z',
    date_update: '1980-01-01T00:00:00.000Z',
    earliest_date_plannable: NO_DATE,
    date_closed: '2026-02-31T00:00:00.000Z',
    suggested_date_start: '2026-01-01T00:00:60.000Z',
    working_sequence: 3,
    contact_id: null,
    project: { code: 'P' },
    unknown_field: 'x',
  });
  expect(out).toEqual({
    id: 'abcdef00-0000-4000-8000-0000000000aa',
    due_date: '2026-06-16T21:16:49.251Z',
    date_create: '2026-06-16T21:16:49.251Z',
    // The "no date" default keeps its one spelling.
    date_update: NO_DATE,
    earliest_date_plannable: NO_DATE,
    // Not a date: kept as sent (the schema check refuses it).
    date_closed: '2026-02-31T00:00:00.000Z',
    // A 60th second rolls over, as normalizeDateTime reads it.
    suggested_date_start: '2026-01-01T00:01:00.000Z',
    working_sequence: 3,
  });
});

test('isSet: a key that is neither empty nor the zero GUID', () => {
  expect(isSet('a')).toBe(true);
  expect(isSet('')).toBe(false);
  expect(isSet(ZERO_GUID)).toBe(false);
  expect(isSet(undefined)).toBe(false);
});
