// POST /api/JobPartUsage/Save of the Service App API (document 003).
import type { Request, Response } from 'express';
import { JOBS_MEDIA, negotiate, readBody, requestFormat } from '../http/content.ts';
import { contextOf } from '../http/context.ts';
import { respond } from '../http/respond.ts';
import { refusal } from '../http/rules.ts';
import { forcedResponse } from '../http/scenario.ts';
import { assertBody } from '../http/validate-body.ts';
import { notAcceptable } from '../jobs/job-routes.ts';
import { type PartUsageWrite, savePartUsage } from './part-usage-store.ts';

export function savePartUsageRoute(req: Request, res: Response): void {
  const ctx = contextOf(res);
  const format = negotiate(req.headers.accept, JOBS_MEDIA);
  if (!format) throw notAcceptable();
  const body = readBody(req, requestFormat(req, JOBS_MEDIA), 'jobs', '#/components/schemas/job_part_usage');
  assertBody('jobs', '#/components/schemas/job_part_usage', body);
  const forced = forcedResponse('jobs', 'JobPartUsage_Save', ctx.prefs, format.mediaType);
  if (forced) {
    respond(res, 'jobs', 'JobPartUsage_Save', forced.status, format, forced.body);
    return;
  }
  const saved = savePartUsage(ctx.state, body as PartUsageWrite, ctx.now.toISOString());
  if (!saved.ok) throw refusal(saved.violations, 'The part usage refers to records that do not exist.');
  const { record, created } = saved.value;
  // 201 for a new record, 200 for an update (ASSUMPTIONS.md A8).
  respond(
    res,
    'jobs',
    'JobPartUsage_Save',
    created ? 201 : 200,
    format,
    ctx.prefs.returnMinimal ? { id: record.id } : record,
  );
}
