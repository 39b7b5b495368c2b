// Parts used on work orders (document 003): Save adds or updates by the client's id.
import type { components } from '../../generated/jobs.ts';
import type { JobPartUsage } from '../../generators/fixtures/data-set.ts';
import { ApiError, type Violation } from '../http/api-error.ts';
import { violation } from '../http/rules.ts';
import { defaultsOf, isSet, scalarsOf } from '../jobs-api/no-nulls.ts';
import type { MockState } from '../state/mock-state.ts';

export type PartUsageWrite = components['schemas']['job_part_usage'];

/** Upsert (rule JPU-UPSERT). Returns the stored record and whether it was created. */
export function savePartUsage(
  state: MockState,
  body: PartUsageWrite,
  now: string,
): { record: JobPartUsage; created: boolean } {
  const t = state.jobs;
  const id = body.id.toLowerCase();
  const violations: Violation[] = [];
  // The job must exist (rule JPU-JOB-EXISTS); so must the article and the user when given.
  if (!isSet(body.jobs_id))
    violations.push(
      violation('JPU-JOB-EXISTS', 'jobs_id is required to attach the part to a work order.', '/jobs_id'),
    );
  else if (!t.jobs.has(body.jobs_id.toLowerCase()))
    violations.push(
      violation('JPU-JOB-EXISTS', `jobs_id names no work order (${body.jobs_id}).`, '/jobs_id'),
    );
  if (isSet(body.article_id) && !t.articles.has(body.article_id.toLowerCase()))
    violations.push(
      violation('JPU-JOB-EXISTS', `article_id names no article (${body.article_id}).`, '/article_id'),
    );
  if (isSet(body.user_id) && !t.users.has(body.user_id.toLowerCase()))
    violations.push(violation('JPU-JOB-EXISTS', `user_id names no user (${body.user_id}).`, '/user_id'));
  if (violations.length > 0)
    throw new ApiError(422, 'The part usage refers to records that do not exist.', { violations });

  const existing = t.jobPartUsages.get(id);
  const given = scalarsOf('job_part_usage', body as Record<string, unknown>);
  delete given.modified_dateutc;
  const record = { ...defaultsOf('job_part_usage'), ...given, id } as JobPartUsage;
  // Rule JPU-WARRANTY-DISCOUNT: under warranty the discount is the price.
  if (record.is_under_warranty) record.discount = record.price;
  // Rule JPU-MODIFIED-DATEUTC.
  record.modified_dateutc = now;
  state.put('jobs.jobPartUsages', id, record);
  // No view row derives from part usages.
  state.touch({ jobs: [] });
  return { record, created: !existing };
}
