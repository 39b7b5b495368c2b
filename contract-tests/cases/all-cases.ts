// The whole suite, and the rules it cannot check over HTTP (with why).
import { accessCases } from './access-cases.ts';
import { boundaryCases } from './boundary-cases.ts';
import type { Case } from './case.ts';
import { deviationCases } from './deviation-cases.ts';
import { httpCases } from './http-cases.ts';
import { jobsCases } from './jobs-cases.ts';
import { jobsViewCases } from './jobs-view-cases.ts';
import { negativeCases } from './negative-cases.ts';
import { nextgenListCases } from './nextgen-list-cases.ts';
import { partUsageCases } from './part-usage-cases.ts';
import { queryOracleCases } from './query-oracle-cases.ts';
import { repetitionCases } from './repetition-cases.ts';
import { roundTripCases } from './round-trip-cases.ts';
import { workOrderTypeCases } from './work-order-type-cases.ts';

export function allCases(): Case[] {
  return [
    ...httpCases(),
    ...accessCases(),
    ...jobsCases(),
    ...jobsViewCases(),
    ...queryOracleCases(),
    ...partUsageCases(),
    ...workOrderTypeCases(),
    ...nextgenListCases(),
    ...negativeCases(),
    ...boundaryCases(),
    ...roundTripCases(),
    ...repetitionCases(),
    ...deviationCases(),
  ];
}

/** x-rules that no client can check against one system, and why. */
export const UNTESTABLE_RULES: Record<string, string> = {
  'WOT-RELEASE-GATING':
    'needs a system on a release before FSM 23.0 (which refuses the FSM 23.0 fields with BASE_0001); a client cannot make an FSM 23.0 system act as an older release',
};
