// Parts used on work orders (document 003): Save adds or updates by the client's id.
import type { components } from '../../generated/jobs.ts';
import type { JobPartUsage } from '../../generators/fixtures/data-set.ts';
import { ok, type Result, type RuleViolation, refused } from '../../model/result.ts';
import { defaultsOf, isSet, scalarsOf } from '../jobs-api/no-nulls.ts';
import type { MockState } from '../state/mock-state.ts';

export type PartUsageWrite = components['schemas']['job_part_usage'];

type Saved = { record: JobPartUsage; created: boolean };

/**
 * Upsert (rule JPU-UPSERT): the stored record and whether it was created. Only `id` is required
 * (document 003): an update without `jobs_id` keeps the stored one; a new part usage needs it
 * (ASSUMPTIONS.md A25).
 */
export function savePartUsage(state: MockState, body: PartUsageWrite, now: string): Result<Saved> {
  const t = state.jobs;
  const id = body.id.toLowerCase();
  const existing = t.jobPartUsages.get(id);
  const violations: RuleViolation[] = [];
  const missing = (field: string, message: string) =>
    violations.push({ rule: 'JPU-JOB-EXISTS', field: `/${field}`, message });
  // The job must exist (rule JPU-JOB-EXISTS); so must the article and the user when given.
  if (!isSet(body.jobs_id)) {
    if (!existing) missing('jobs_id', 'jobs_id is required to attach a new part usage to a work order.');
  } else if (!t.jobs.has(body.jobs_id.toLowerCase()))
    missing('jobs_id', `jobs_id names no work order (${body.jobs_id}).`);
  if (isSet(body.article_id) && !t.articles.has(body.article_id.toLowerCase()))
    missing('article_id', `article_id names no article (${body.article_id}).`);
  if (isSet(body.user_id) && !t.users.has(body.user_id.toLowerCase()))
    missing('user_id', `user_id names no user (${body.user_id}).`);
  if (violations.length > 0) return refused(violations);

  const given = scalarsOf('job_part_usage', body as Record<string, unknown>);
  delete given.modified_dateutc;
  if (existing && !isSet(body.jobs_id)) given.jobs_id = existing.jobs_id;
  const record = { ...defaultsOf('job_part_usage'), ...given, id } as JobPartUsage;
  // Rule JPU-WARRANTY-DISCOUNT: under warranty the discount is the price.
  if (record.is_under_warranty) record.discount = record.price;
  // Rule JPU-MODIFIED-DATEUTC.
  record.modified_dateutc = now;
  state.put('jobs.jobPartUsages', id, record);
  // No view row derives from part usages.
  state.touch({ jobs: [] });
  return ok({ record, created: !existing });
}
