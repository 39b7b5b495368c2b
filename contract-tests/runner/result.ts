// The outcome of a run, as every report reads it.
import type { Failure } from '../checks/failure.ts';
import type { Exchange } from '../http/exchange.ts';
import type { Family, Host } from '../spec/api-catalog.ts';

export type Outcome = 'passed' | 'failed' | 'skipped' | 'not-applicable' | 'error';

export type CaseResult = {
  id: string;
  title: string;
  family: Family;
  operationId: string;
  rules: string[];
  outcome: Outcome;
  /** Why a case was skipped, not applicable or errored. */
  reason?: string;
  failures: Failure[];
  exchanges: Exchange[];
  /** Changes the case made that the API gives no way to undo. */
  unrestored: string[];
  durationMs: number;
};

export type CoverageRow = {
  operationId: string;
  status: string;
  contentType: string;
  covered: boolean;
  /** false when no client request can make this answer; `reason` says why (coverage.ts). */
  provokable: boolean;
  reason?: string;
};

export type RunResult = {
  suite: { name: string; version: string };
  systemUnderTest: { baseUrls: Record<Host, string>; server?: string; version?: string };
  startedAt: string;
  durationMs: number;
  cases: CaseResult[];
  coverage: CoverageRow[];
  /** What discovery could not find, and so why some cases were skipped. */
  notes: string[];
};

export function countOutcomes(cases: CaseResult[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { passed: 0, failed: 0, skipped: 0, 'not-applicable': 0, error: 0 };
  for (const c of cases) counts[c.outcome] += 1;
  return counts;
}

/** 0 when nothing failed or errored, 1 otherwise. */
export function exitCodeOf(result: RunResult): 0 | 1 {
  return result.cases.some((c) => c.outcome === 'failed' || c.outcome === 'error') ? 1 : 0;
}
