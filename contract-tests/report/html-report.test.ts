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

it('shows each request URL as it was sent (a followed link is not re-encoded, S30)', () => {
  const result = sampleResult();
  const url = "http://127.0.0.1:4010/api/JobsView?%24filter=name%20eq%20'a+b'&$skip=20";
  const x = result.cases.flatMap((c) => c.exchanges)[0];
  if (!x) throw new Error('the sample has an exchange');
  x.request = { ...x.request, method: 'GET', url };
  const html = htmlReport(result);
  expect(html).toContain("<summary>GET /api/JobsView?%24filter=name%20eq%20'a+b'&amp;$skip=20 →");
});
