// The jobs API family's routes (errors go to the one boundary, mock/pipeline/errors.ts).
import express from 'express';
import { savePartUsageRoute } from '../job-part-usage/part-usage-routes.ts';
import { getJob, putJob } from '../jobs/job-routes.ts';
import { getJobsViewRow, listJobsView } from '../jobs-view/view-routes.ts';
import { keyRoute } from './keys.ts';

export function createJobsRouter(): express.Router {
  const router = express.Router({ caseSensitive: false });
  router.get(keyRoute('Jobs'), getJob);
  router.put(keyRoute('Jobs'), putJob);
  router.get(/^\/api\/JobsView\/?$/i, listJobsView);
  router.get(keyRoute('JobsView'), getJobsViewRow);
  router.post(/^\/api\/JobPartUsage\/Save\/?$/i, savePartUsageRoute);
  return router;
}
