// Live progress while the suite runs, then a summary table and every failure in full.
// On a TTY the progress line rewrites itself; elsewhere (CI=true, pipes) it prints plain lines.

import { coverageCounts } from '../runner/coverage.ts';
import type { CaseResult, Outcome, RunResult } from '../runner/result.ts';
import { countOutcomes } from '../runner/result.ts';
import type { SuiteEvents } from '../runner/run-suite.ts';
import { failureDetails, formatFailure } from './failure-details.ts';

const MARK: Record<Outcome, string> = {
  passed: '✓',
  failed: '✗',
  skipped: '-',
  'not-applicable': '○',
  error: '!',
};

export function progressReporter(out: NodeJS.WriteStream, interactive: boolean): SuiteEvents {
  return {
    onStart: (total) => out.write(`running ${total} cases\n`),
    onCaseEnd: (result, done, total, counts) => {
      const tally = `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped + counts['not-applicable']} skipped, ${counts.error} errors`;
      if (interactive) {
        out.write(`\r\x1b[2K[${done}/${total}] ${tally}  ${result.id}`.slice(0, (out.columns ?? 120) + 8));
        if (result.outcome === 'failed' || result.outcome === 'error')
          out.write(`\r\x1b[2K${MARK[result.outcome]} ${result.id}\n`);
        if (done === total) out.write('\n');
      } else if (result.outcome !== 'passed' || done === total || done % 50 === 0) {
        out.write(
          `[${done}/${total}] ${MARK[result.outcome]} ${result.id}${result.reason ? ` (${result.reason.split('\n')[0]})` : ''}\n`,
        );
      }
    },
  };
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function summaryTable(result: RunResult): string {
  const byOp = new Map<string, CaseResult[]>();
  for (const c of result.cases)
    byOp.set(`${c.family} ${c.operationId}`, [...(byOp.get(`${c.family} ${c.operationId}`) ?? []), c]);
  const rows = [['operation', 'passed', 'failed', 'skipped', 'n/a', 'error']];
  for (const [op, cases] of byOp) {
    const n = countOutcomes(cases);
    rows.push([op, n.passed, n.failed, n.skipped, n['not-applicable'], n.error].map(String));
  }
  const t = countOutcomes(result.cases);
  rows.push(['total', t.passed, t.failed, t.skipped, t['not-applicable'], t.error].map(String));
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0))) ?? [];
  const line = (r: string[]) => r.map((cell, i) => pad(cell, widths[i] ?? 0)).join('  ');
  return [
    line(rows[0] ?? []),
    ...rows.slice(1, -1).map(line),
    widths.map((w) => '-'.repeat(w)).join('  '),
    line(rows.at(-1) ?? []),
  ].join('\n');
}

export function finalReport(result: RunResult, options: { redact?: boolean } = {}): string {
  const parts: string[] = [];
  for (const c of result.cases) {
    if (c.outcome === 'error') parts.push(`! ${c.id}: ${c.title}\n  error: ${c.reason ?? ''}`);
    for (const f of c.failures) parts.push(formatFailure(failureDetails(c, f, options)));
  }
  const unrestored = result.cases.flatMap((c) => c.unrestored);
  if (unrestored.length)
    parts.push(`left behind (the API cannot undo these):\n${unrestored.map((u) => `  - ${u}`).join('\n')}`);
  if (result.notes.length) parts.push(`notes:\n${result.notes.map((n) => `  - ${n}`).join('\n')}`);
  const n = coverageCounts(result.coverage);
  parts.push(summaryTable(result));
  const missing = n.missing.map((r) => `${r.operationId} ${r.status} ${r.contentType}`);
  parts.push(
    [
      `coverage: ${n.covered}/${n.provokable} documented (operation, status, content type) answers a client can provoke were seen; ${n.unprovokable} cannot be provoked by a client (see the report)`,
      ...(missing.length === 0
        ? []
        : missing.length <= 20
          ? [`  not covered: ${missing.join(', ')}`]
          : [`  not covered: ${missing.length} rows (the report's coverage table lists them)`]),
      `${result.cases.length} cases, ${result.cases.reduce((s, c) => s + c.exchanges.length, 0)} exchanges, ${(result.durationMs / 1000).toFixed(1)} s`,
    ].join('\n'),
  );
  return `${parts.join('\n\n')}\n`;
}
