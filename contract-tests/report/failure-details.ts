// What a reader needs to act on a failure: the check, the rule with its source and summary,
// Received / Documented, and a curl command that sends the same request again.
import type { Failure } from '../checks/failure.ts';
import { curlCommand } from '../http/curl.ts';
import type { CaseResult } from '../runner/result.ts';
import { ruleInfo } from '../spec/api-catalog.ts';

type FailureDetails = {
  caseId: string;
  title: string;
  check: string;
  rule: string;
  source: string;
  summary: string;
  message: string;
  curl?: string;
  status?: number;
};

export function failureDetails(
  c: CaseResult,
  f: Failure,
  options: { redact?: boolean } = {},
): FailureDetails {
  const info = ruleInfo(f.rule);
  return {
    caseId: c.id,
    title: c.title,
    check: f.check,
    rule: f.rule,
    source: info.section ? `${info.source}, ${info.section}` : info.source,
    summary: info.summary,
    message: f.message,
    ...(f.exchange ? { curl: curlCommand(f.exchange.request, options) } : {}),
    ...(f.exchange?.response ? { status: f.exchange.response.status } : {}),
  };
}

export function formatFailure(d: FailureDetails): string {
  return [
    `✗ ${d.caseId}: ${d.title}`,
    `  check:  ${d.check}`,
    `  rule:   ${d.rule} (${d.source}): ${d.summary}`,
    `  ${d.message}`,
    ...(d.curl ? [`  repro:  ${d.curl}`] : []),
  ].join('\n');
}
