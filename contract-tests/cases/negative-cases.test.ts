import { expect, it } from 'vitest';
import { negativeCases, violationsOf } from './negative-cases.ts';

it('derives one violation per documented length limit of the job', () => {
  const lengths = violationsOf('jobs', 'jobs_write').filter((v) => v.kind === 'maxLength');
  expect(lengths.map((v) => v.field)).toContain('name');
  expect(lengths.every((v) => v.rule === 'JOB-MAX-LENGTH')).toBe(true);
  expect(lengths.find((v) => v.field === 'name')?.apply({ name: 'a' }).name).toHaveLength(256);
});

it('ties the status code enum to its own rule rather than the generic type rule', () => {
  const e = violationsOf('jobs', 'jobs_write').find((v) => v.kind === 'enum');
  expect(e).toMatchObject({ field: 'job_status_code', rule: 'JOB-STATUS-CODE-VALUES' });
});

it('breaks a "one of these" group by giving none of its fields', () => {
  const group = violationsOf('jobs', 'jobs_write').find((v) => v.rule === 'JOB-PROJECT-GROUP');
  expect(group?.apply({ project_id: 'a', project_reference_back_office: 'b', name: 'n' })).toEqual({
    name: 'n',
  });
});

it('derives the NextGen digit limits and the only-one-technical-object-type rule', () => {
  const v = violationsOf('nextgen', 'WorkOrderTypePatch');
  expect(v.find((x) => x.kind === 'maximum' && x.field === 'order')?.apply({}).order).toBe(10000);
  expect(
    v.find((x) => x.kind === 'maximum' && x.field === 'serviceLevelDays')?.apply({}).serviceLevelDays,
  ).toBe(10_000_000_000);
  const onlyOne = v.find((x) => x.rule === 'WOT-TOT-ONLY-ONE');
  expect(onlyOne?.apply({ technicalObjectTypeId: 7 })).toEqual({ assetTypeId: 7, accountTypeId: 7 });
});

it('gives every generated case a unique id', () => {
  const ids = negativeCases().map((c) => c.id);
  expect(new Set(ids).size).toBe(ids.length);
});
