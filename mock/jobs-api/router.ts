// The jobs API family: its routes and its error boundary.
import express, { type NextFunction, type Request, type Response } from 'express';
import { isApiError } from '../http/api-error.ts';
import { savePartUsageRoute } from '../job-part-usage/part-usage-routes.ts';
import { getJob, putJob } from '../jobs/job-routes.ts';
import { getJobsViewRow, listJobsView } from '../jobs-view/view-routes.ts';
import { sendJobsError } from './errors.ts';
import { keyRoute } from './keys.ts';

export function createJobsRouter(): express.Router {
  const router = express.Router({ caseSensitive: false });
  router.get(keyRoute('Jobs'), getJob);
  router.put(keyRoute('Jobs'), putJob);
  router.get(/^\/api\/JobsView\/?$/i, listJobsView);
  router.get(keyRoute('JobsView'), getJobsViewRow);
  router.post(/^\/api\/JobPartUsage\/Save\/?$/i, savePartUsageRoute);
  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (isApiError(err)) sendJobsError(req, res, err);
    else next(err);
  });
  return router;
}
