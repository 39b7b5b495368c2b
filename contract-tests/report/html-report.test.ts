import { expect, it } from 'vitest';
import { htmlReport } from './html-report.ts';
import { sampleResult } from './sample-result.ts';

it('is self-contained: no external scripts, styles or fetches', () => {
  const html = htmlReport(sampleResult());
  expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
  expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[a-z]/i);
});

it('states the system, suite version and verdict, and escapes what the server sent', () => {
  const html = htmlReport(sampleResult());
  expect(html).toContain('work-order-contracts 0.1.0');
  expect(html).toContain('Does not conform: 1 failed');
  expect(html).toContain('&lt;long&gt;');
  expect(html).toContain('no type has a structure');
});
