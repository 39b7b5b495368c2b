import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildConfig, ConfigError, readConfigFile } from './suite-config.ts';

it('uses the base URL for every host and the demo accounts by default', () => {
  const config = buildConfig({ baseUrl: 'http://127.0.0.1:4010/' }, {});
  expect(config.baseUrls).toEqual({
    main: 'http://127.0.0.1:4010',
    servicedesk: 'http://127.0.0.1:4010',
    serviceapp: 'http://127.0.0.1:4010',
    nextgen: 'http://127.0.0.1:4010',
  });
  expect(config.credentials.jobsWriter).toBe('admin:demo@demo');
  expect(config.writes).toBe(true);
});

it('takes a base URL per host from the file, falling back to --base-url', () => {
  const config = buildConfig({ baseUrl: 'http://a' }, { baseUrls: { nextgen: 'http://b/api' } });
  expect(config.baseUrls.nextgen).toBe('http://b/api');
  expect(config.baseUrls.servicedesk).toBe('http://a');
});

it('reads YAML config files with credentials, fixtures and writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wo-config-'));
  const file = join(dir, 'c.yaml');
  writeFileSync(
    file,
    'baseUrl: http://x\ncredentials:\n  jobs:\n    writer: "u:p@d"\nfixtures:\n  jobIds: [3f6c2a4e-0000-4000-8000-000000000001]\nwrites: [Jobs_Put]\n',
  );
  const config = buildConfig({ config: file });
  expect(config.credentials.jobsWriter).toBe('u:p@d');
  expect(config.credentials.jobsReadOnly).toBeUndefined();
  expect(config.fixtures.jobIds).toEqual(['3f6c2a4e-0000-4000-8000-000000000001']);
  expect(config.writes).toEqual(['Jobs_Put']);
});

it('lets --read-only win over the file and --header add headers', () => {
  const config = buildConfig(
    { baseUrl: 'http://x', readOnly: true, headers: ['X-Mock-Session: s1'] },
    { writes: true },
  );
  expect(config.writes).toBe(false);
  expect(config.headers).toEqual({ 'X-Mock-Session': 's1' });
});

it('says what to fix when the base URL is missing or wrong', () => {
  expect(() => buildConfig({}, {})).toThrow(/no base URL for the main host: pass --base-url/);
  expect(() => buildConfig({ baseUrl: 'localhost:4010' }, {})).toThrow(ConfigError);
  expect(() => buildConfig({ baseUrl: 'http://x', headers: ['nocolon'] }, {})).toThrow(/Name: value/);
});

it('names the file that cannot be read or parsed', () => {
  expect(() => readConfigFile('/nonexistent/c.yaml')).toThrow(/cannot read --config \/nonexistent\/c.yaml/);
  const dir = mkdtempSync(join(tmpdir(), 'wo-config-'));
  writeFileSync(join(dir, 'bad.json'), '{');
  expect(() => readConfigFile(join(dir, 'bad.json'))).toThrow(/not valid JSON or YAML/);
});

it('takes the seed from the file, --seed winning', () => {
  expect(buildConfig({ baseUrl: 'http://a' }, {}).seed).toBeUndefined();
  expect(buildConfig({ baseUrl: 'http://a' }, { seed: 7 }).seed).toBe(7);
  expect(buildConfig({ baseUrl: 'http://a', seed: 9 }, { seed: 7 }).seed).toBe(9);
});
