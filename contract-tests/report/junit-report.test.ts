import { XMLValidator } from 'fast-xml-parser';
import { expect, it } from 'vitest';
import { junitReport } from './junit-report.ts';
import { sampleResult } from './sample-result.ts';

it('writes well-formed JUnit XML with failures, skips and their rules', () => {
  const xml = junitReport(sampleResult());
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).toContain(
    '<testsuites name="work-order-contracts 0.1.0" tests="3" failures="1" errors="0" skipped="1"',
  );
  expect(xml).toContain('type="JOB-MAX-LENGTH"');
  expect(xml).toContain('Received: 200 / Documented: 400');
  expect(xml).toContain('<skipped message="skipped: no type has a structure"/>');
});
