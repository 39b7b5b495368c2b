import { expect, it } from 'vitest';
import { sampleResult } from './sample-result.ts';
import { finalReport } from './terminal-report.ts';

it('prints each failure with its rule, source, Received / Documented and a curl, then the summary', () => {
  const text = finalReport(sampleResult());
  expect(text).toContain('✗ Jobs_Put.negative.maxLength.name');
  expect(text).toContain(
    'rule:   JOB-MAX-LENGTH (000, Body Parameters: Max length): Text fields may not exceed',
  );
  expect(text).toContain('Received: 200 / Documented: 400');
  expect(text).toContain("repro:  curl -i -X PUT 'http://127.0.0.1:4010/api/Jobs(x)'");
  expect(text).toContain('left behind');
  expect(text).toMatch(/total\s+1\s+1\s+1\s+0\s+0/);
});
