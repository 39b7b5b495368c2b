import { expect, it } from 'vitest';
import { parseCliArgs } from './parse-args.ts';

it('reads every option, repeatable ones as lists', () => {
  const o = parseCliArgs([
    '--base-url',
    'http://h',
    '--only',
    'JOB-MAX-LENGTH',
    '--only',
    'Jobs_Get',
    '--header',
    'A: 1',
    '--read-only',
    '--timeout',
    '500',
    '--report-dir',
    'out',
    '--config',
    'c.yaml',
    '--redact',
  ]);
  expect(o).toMatchObject({
    baseUrl: 'http://h',
    only: ['JOB-MAX-LENGTH', 'Jobs_Get'],
    headers: ['A: 1'],
    readOnly: true,
    timeoutMs: 500,
    reportDir: 'out',
    config: 'c.yaml',
    redact: true,
  });
});

it('refuses unknown options and a timeout that is not a number', () => {
  expect(() => parseCliArgs(['--bogus'])).toThrow(/usage: wo-contract/);
  expect(() => parseCliArgs(['--timeout', 'soon'])).toThrow(/--timeout "soon"/);
});
