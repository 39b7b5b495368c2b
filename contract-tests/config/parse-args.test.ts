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

it('reads the query oracle bounds --max-rows and --queries, and refuses other than integers', () => {
  expect(parseCliArgs(['--max-rows', '100', '--queries', '0'])).toMatchObject({ maxRows: 100, queries: 0 });
  expect(() => parseCliArgs(['--max-rows', '0'])).toThrow(/--max-rows "0" is not an integer ≥ 1/);
  expect(() => parseCliArgs(['--queries', '1.5'])).toThrow(/--queries "1.5"/);
});

it('reads --seed, an integer from 0 to 2^31-1', () => {
  expect(parseCliArgs(['--seed', '0'])).toMatchObject({ seed: 0 });
  expect(parseCliArgs(['--seed', '2147483647'])).toMatchObject({ seed: 2147483647 });
  expect(() => parseCliArgs(['--seed', '2147483648'])).toThrow(
    /--seed "2147483648" is not an integer ≥ 0 and ≤ 2147483647/,
  );
  expect(() => parseCliArgs(['--seed=-1'])).toThrow(/--seed "-1"/);
  expect(() => parseCliArgs(['--seed', '1e3'])).toThrow(/--seed "1e3"/);
});
