// `work-order-contracts/contract`: the contract suite run from code, in the caller's process (no
// child process), for QA's own test runners. The same cases and configuration as `wo-contract`.
import { allCases } from './cases/all-cases.ts';
import { buildConfig, type NextGenLogin, type NextGenRole, readConfigFile } from './config/suite-config.ts';
import { exitCodeOf, type RunResult } from './runner/result.ts';
import { runSuite, type SuiteEvents } from './runner/run-suite.ts';
import type { Host } from './spec/api-catalog.ts';

export { htmlReport } from './report/html-report.ts';
export { jsonReport } from './report/json-report.ts';
export { junitReport } from './report/junit-report.ts';
export type { CaseResult, Outcome, RunResult } from './runner/result.ts';

export type ContractOptions = {
  /** System under test for every host, unless `baseUrls` names one. */
  baseUrl?: string;
  baseUrls?: Partial<Record<Host, string>>;
  /** A JSON/YAML file as `wo-contract --config` reads it; these options win over it. */
  configFile?: string;
  credentials?: {
    jobs?: { writer?: string; readOnly?: string };
    servicedesk?: { contacts?: string[] };
    nextgen?: Partial<Record<NextGenRole, NextGenLogin>>;
  };
  fixtures?: { jobIds?: string[]; workOrderTypeIds?: number[] };
  /** Only these rule ids, operationIds or case ids. */
  only?: string[];
  /** Send no writes (writing cases are reported as skipped). */
  readOnly?: boolean;
  writes?: boolean | string[];
  /** Extra headers on every request, e.g. `{ 'X-Mock-Session': 'qa' }`. */
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Results without credentials or tokens in them. */
  redact?: boolean;
  onCaseEnd?: SuiteEvents['onCaseEnd'];
};

export type ContractResult = RunResult & { exitCode: 0 | 1 };

/** Runs the suite and answers its results; `exitCode` is what `wo-contract` would exit with. */
export async function runContract(options: ContractOptions): Promise<ContractResult> {
  const config = buildConfig(
    {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      ...(options.only ? { only: options.only } : {}),
      ...(options.readOnly ? { readOnly: true } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.redact ? { redact: true } : {}),
    },
    {
      ...(options.configFile ? readConfigFile(options.configFile) : {}),
      ...(options.baseUrls ? { baseUrls: options.baseUrls } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(options.fixtures ? { fixtures: options.fixtures } : {}),
      ...(options.writes !== undefined ? { writes: options.writes } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
    },
  );
  const result = await runSuite(
    config,
    allCases(),
    options.onCaseEnd ? { onCaseEnd: options.onCaseEnd } : {},
  );
  return { ...result, exitCode: exitCodeOf(result) };
}
