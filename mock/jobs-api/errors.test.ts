import { expect, test } from 'vitest';
import { ApiError } from '../http/api-error.ts';
import { jobsErrorBody } from './errors.ts';

const error = () =>
  new ApiError(400, 'The request is invalid.', {
    violations: [
      { field: '/name', message: 'too long', rule: 'JOB-NAME', source: '000' },
      { field: 'If-Match', message: 'stale' },
      { message: 'no field' },
    ],
  });

test("ModelState keys are named after the operation's body parameter, not the path", () => {
  expect(jobsErrorBody('Jobs_Put', error()).ModelState).toEqual({
    'job.name': ['too long'],
    'If-Match': ['stale'],
  });
  expect(jobsErrorBody('JobPartUsage_Save', error()).ModelState).toEqual({
    'job_part_usage.name': ['too long'],
    'If-Match': ['stale'],
  });
  // No operation (a 404 or 405): the jobs API's own name.
  expect(Object.keys(jobsErrorBody(undefined, error()).ModelState as object)).toContain('job.name');
});

test('the body has the Message always, and the violations that name a rule', () => {
  const body = jobsErrorBody('Jobs_Put', error());
  expect(body.Message).toBe('The request is invalid.');
  expect(body.RuleViolations).toEqual([
    { rule: 'JOB-NAME', source: '000', field: '/name', message: 'too long' },
  ]);
  const bare = jobsErrorBody('Jobs_Get', new ApiError(404, 'gone'));
  expect(bare).toEqual({ Message: 'gone' });
});
