import { expect, it } from 'vitest';
import { jsonReport } from './json-report.ts';
import { sampleResult } from './sample-result.ts';

it('writes totals and each failure with its rule source, summary and curl', () => {
  const json = JSON.parse(jsonReport(sampleResult()));
  expect(json.totals).toMatchObject({ passed: 1, failed: 1, skipped: 1 });
  const failure = json.cases[1].failures[0];
  expect(failure).toMatchObject({ rule: 'JOB-MAX-LENGTH', source: '000, Body Parameters: Max length' });
  expect(failure.curl).toContain("curl -i -X PUT 'http://127.0.0.1:4010/api/Jobs(x)'");
});

it('redacts credentials when asked', () => {
  const text = jsonReport(sampleResult(), { redact: true });
  expect(text).not.toContain('YWRtaW46ZGVtb0BkZW1v');
});
