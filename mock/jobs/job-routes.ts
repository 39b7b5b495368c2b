// GET and PUT /api/Jobs({id}) (documents 001 and 000).
import type { Request, Response } from 'express';
import { ApiError } from '../http/api-error.ts';
import { JOBS_MEDIA, negotiate, readBody, requestFormat, reusableBody } from '../http/content.ts';
import { callerOf, contextOf } from '../http/context.ts';
import { respond } from '../http/respond.ts';
import { violation } from '../http/rules.ts';
import { forcedResponse } from '../http/scenario.ts';
import { assertBody } from '../http/validate-body.ts';
import { parseKey } from '../jobs-api/keys.ts';
import { type ApiJob, etagOf, findJob, type JobWrite, jobResource, updateJob } from './job-store.ts';

export const notAcceptable = () =>
  new ApiError(
    406,
    'The Accept header names no format this resource can write: use application/json, text/json, application/xml or text/xml.',
    {
      violations: [{ field: 'Accept', message: 'Not acceptable.' }],
    },
  );

export function getJob(req: Request, res: Response): void {
  const ctx = contextOf(res);
  const format = negotiate(req.headers.accept, JOBS_MEDIA);
  if (!format) throw notAcceptable();
  const id = parseKey(req.params[0]);
  const forced = forcedResponse('jobs', 'Jobs_Get', ctx.prefs, format.mediaType);
  if (forced) {
    respond(res, 'jobs', 'Jobs_Get', forced.status, format, forced.body);
    return;
  }
  const job = findJob(ctx.state, id);
  if (!job)
    throw new ApiError(404, `No work order has the key ${id}.`, {
      violations: [violation('JOB-NOT-FOUND', 'Unknown key.', 'id')],
    });
  res.setHeader('ETag', etagOf(job));
  // The embedded entities are joined once per job until the data changes.
  const resources = ctx.state.derived('job-resources', () => new Map<string, ApiJob>());
  let resource = resources.get(job.id);
  if (!resource) {
    resource = reusableBody(jobResource(ctx.state, job));
    resources.set(job.id, resource);
  }
  respond(res, 'jobs', 'Jobs_Get', 200, format, resource);
}

export function putJob(req: Request, res: Response): void {
  const ctx = contextOf(res);
  const { user } = callerOf(ctx, 'user');
  const format = negotiate(req.headers.accept, JOBS_MEDIA);
  if (!format) throw notAcceptable();
  const id = parseKey(req.params[0]);
  const body = readBody(req, requestFormat(req, JOBS_MEDIA), 'jobs', '#/components/schemas/jobs_write');
  assertBody('jobs', '#/components/schemas/jobs_write', body);
  const forced = forcedResponse('jobs', 'Jobs_Put', ctx.prefs, format.mediaType);
  if (forced) {
    respond(res, 'jobs', 'Jobs_Put', forced.status, format, forced.body);
    return;
  }
  const ifMatch = req.get('if-match');
  const job = updateJob(ctx.state, id, body as JobWrite, {
    now: ctx.now.toISOString(),
    user,
    putMode: ctx.options.putMode,
    ifMatch,
  });
  res.setHeader('ETag', etagOf(job));
  respond(
    res,
    'jobs',
    'Jobs_Put',
    200,
    format,
    ctx.prefs.returnMinimal ? { id: job.id } : jobResource(ctx.state, job),
  );
}
