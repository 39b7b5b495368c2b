// Which handler answers which operation (typed by the generated operation ids: a new operation in a
// spec fails to compile until it has one here).
import { savePartUsageRoute } from '../job-part-usage/part-usage-routes.ts';
import { getJob, putJob } from '../jobs/job-routes.ts';
import { getJobsViewRow, listJobsView } from '../jobs-view/view-routes.ts';
import { createToken } from '../nextgen/token-routes.ts';
import type { TokenStore } from '../nextgen/tokens.ts';
import { createType, getType, listTypes, patchType } from '../nextgen/work-order-type-routes.ts';
import type { Handlers } from './handler.ts';

export function createHandlers(tokens: TokenStore): Handlers {
  return {
    Jobs_Get: getJob,
    Jobs_Put: putJob,
    JobsView_List: listJobsView,
    JobsView_Get: getJobsViewRow,
    JobPartUsage_Save: savePartUsageRoute,
    Tokens_Create: createToken(tokens),
    WorkOrderTypes_List: listTypes,
    WorkOrderTypes_Get: getType,
    WorkOrderTypes_Create: createType,
    WorkOrderTypes_Patch: patchType,
  };
}
