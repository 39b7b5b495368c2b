// GET and PUT /api/Jobs({id}) (documents 001 and 000).
import { reusableBody } from '../http/content.ts';
import { callerOf } from '../http/context.ts';
import { refusal } from '../http/rules.ts';
import type { Handler } from '../pipeline/handler.ts';
import { type ApiJob, etagOf, findJob, type JobWrite, jobResource, updateJob } from './job-store.ts';

/** An unknown key: rule JOB-NOT-FOUND, whose status (404) is in x-rules. */
export const jobNotFound = (id: string, message = `No work order has the key ${id}.`) =>
  refusal([{ rule: 'JOB-NOT-FOUND', field: 'id', message: 'Unknown key.' }], message);

const newResourceMap = () => new Map<string, ApiJob>();

export const getJob: Handler = ({ ctx, key }) => {
  const id = key as string;
  const job = findJob(ctx.state, id);
  if (!job) throw jobNotFound(id);
  // The embedded entities are joined once per job until the data changes.
  const resources = ctx.state.derived('job-resources', newResourceMap);
  let resource = resources.get(job.id);
  if (!resource) {
    resource = reusableBody(jobResource(ctx.state, job));
    resources.set(job.id, resource);
  }
  return { status: 200, body: resource, headers: { ETag: etagOf(job) } };
};

export const putJob: Handler = ({ ctx, key, body, headers }) => {
  const { user } = callerOf(ctx, 'user');
  const updated = updateJob(ctx.state, key as string, body as JobWrite, {
    now: ctx.now.toISOString(),
    user,
    putMode: ctx.options.putMode,
    ifMatch: headers['if-match'],
  });
  if (!updated.ok) throw refusal(updated.violations, updated.message);
  const job = updated.value;
  const answer = ctx.prefs.returnMinimal ? { id: job.id } : jobResource(ctx.state, job);
  return { status: 200, body: answer, headers: { ETag: etagOf(job) } };
};
