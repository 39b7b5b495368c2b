// JUnit XML, as CI servers read it: one testsuite per API family and operation, one testcase per case.
import type { RunResult } from '../runner/result.ts';
import { failureDetails, formatFailure } from './failure-details.ts';

function escapeXml(s: string): string {
  // XML 1.0 cannot carry most control characters, even escaped: drop them from server text.
  const printable = [...s].filter((ch) => {
    const code = ch.charCodeAt(0);
    return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
  });
  return printable
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function junitReport(result: RunResult, options: { redact?: boolean } = {}): string {
  const suites = new Map<string, typeof result.cases>();
  for (const c of result.cases) {
    const key = `${c.family}.${c.operationId}`;
    suites.set(key, [...(suites.get(key) ?? []), c]);
  }
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const count = (cs: typeof result.cases, ...o: string[]) => cs.filter((c) => o.includes(c.outcome)).length;
  out.push(
    `<testsuites name="${escapeXml(result.suite.name)} ${escapeXml(result.suite.version)}" tests="${result.cases.length}" failures="${count(result.cases, 'failed')}" errors="${count(result.cases, 'error')}" skipped="${count(result.cases, 'skipped', 'not-applicable')}" time="${(result.durationMs / 1000).toFixed(3)}" timestamp="${result.startedAt}">`,
  );
  for (const [name, cases] of suites) {
    const time = cases.reduce((s, c) => s + c.durationMs, 0) / 1000;
    out.push(
      `  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${count(cases, 'failed')}" errors="${count(cases, 'error')}" skipped="${count(cases, 'skipped', 'not-applicable')}" time="${time.toFixed(3)}">`,
    );
    for (const c of cases) {
      const open = `    <testcase classname="${escapeXml(name)}" name="${escapeXml(`${c.id}: ${c.title}`)}" time="${(c.durationMs / 1000).toFixed(3)}"`;
      if (c.outcome === 'passed') {
        out.push(`${open}/>`);
        continue;
      }
      out.push(`${open}>`);
      if (c.outcome === 'failed') {
        const first = c.failures[0];
        const text = c.failures.map((f) => formatFailure(failureDetails(c, f, options))).join('\n\n');
        out.push(
          `      <failure message="${escapeXml(first ? `${first.rule}: ${first.message}` : 'failed')}" type="${escapeXml(first?.rule ?? 'failure')}">${escapeXml(text)}</failure>`,
        );
      } else if (c.outcome === 'error') {
        out.push(
          `      <error message="${escapeXml((c.reason ?? '').split('\n')[0] ?? '')}">${escapeXml(c.reason ?? '')}</error>`,
        );
      } else {
        out.push(`      <skipped message="${escapeXml(`${c.outcome}: ${c.reason ?? ''}`)}"/>`);
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
