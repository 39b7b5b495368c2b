// The machine-readable result: everything the run saw, failures with their rule details and curl.

import { coverageCounts } from '../runner/coverage.ts';
import type { RunResult } from '../runner/result.ts';
import { countOutcomes } from '../runner/result.ts';
import { failureDetails } from './failure-details.ts';

export function jsonReport(result: RunResult, options: { redact?: boolean } = {}): string {
  return JSON.stringify(
    {
      ...result,
      totals: countOutcomes(result.cases),
      exchangeCount: result.cases.reduce((n, c) => n + c.exchanges.length, 0),
      coverageTotals: (({ missing, ...counts }) => counts)(coverageCounts(result.coverage)),
      cases: result.cases.map((c) => ({
        ...c,
        failures: c.failures.map((f) => failureDetails(c, f, options)),
        exchanges: c.exchanges.map((x) => ({
          ...x,
          request: options.redact
            ? {
                ...x.request,
                headers: {
                  ...x.request.headers,
                  authorization: x.request.headers.authorization ? '<redacted>' : undefined,
                },
              }
            : x.request,
        })),
      })),
    },
    null,
    2,
  );
}
