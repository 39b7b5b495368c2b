import { expect, it } from 'vitest';
import { configProblems } from './config-schema.ts';

it('accepts the README example', () => {
  expect(
    configProblems(
      {
        baseUrls: { main: 'https://api.example.com', nextgen: 'https://fsm.example.com/api' },
        credentials: {
          jobs: { writer: 'integration:secret@tenant', readOnly: 'auditor:secret@tenant' },
          servicedesk: { contacts: ['contact-a:secret@tenant'] },
          nextgen: { admin: { username: 'admin@tenant', password: 'secret' } },
        },
        fixtures: { jobIds: ['3f6c2a4e-0000-4000-8000-000000000001'], workOrderTypeIds: [3] },
        writes: ['Jobs_Put'],
        headers: { 'X-Tenant': 'a' },
        timeout: 5000,
      },
      'c.yaml',
    ),
  ).toEqual([]);
});

it('names the file, the key, what was found and what is expected, once per key', () => {
  const problems = configProblems(
    {
      writes: 'maybe',
      timeout: -1,
      fixtures: { jobIds: ['x'] },
      credentials: { nextgen: { admin: { username: 'a' } } },
    },
    'c.yaml',
  );
  expect([...problems].sort()).toEqual(
    [
      'c.yaml: writes: found "maybe", expected true, false, or a list of case ids, rule ids or operationIds that may write',
      'c.yaml: timeout: found -1, expected a per-request timeout in ms, an integer ≥ 1',
      'c.yaml: fixtures.jobIds[0]: found "x", expected a work order id (a GUID)',
      'c.yaml: credentials.nextgen.admin.password: found nothing, expected the NextGen password, a string',
    ].sort(),
  );
});

it('never repeats a secret it finds in the wrong place', () => {
  const [problem] = configProblems({ credentials: { jobs: { writer: 'no-domain-secret' } } }, 'c.yaml');
  expect(problem).toBe(
    'c.yaml: credentials.jobs.writer: found a string, expected a login "user:password@domain"',
  );
});

it('refuses a file that is not a mapping', () => {
  expect(configProblems(['a'], 'c.yaml')[0]).toMatch(
    /^c\.yaml: \(top level\): found \["a"\], expected a mapping/,
  );
});

it('checks the seed: an integer from 0 to 2^31-1', () => {
  expect(configProblems({ seed: 5 }, 'c.yaml')).toEqual([]);
  for (const seed of [-1, 1.5, 'x', 2 ** 31])
    expect(configProblems({ seed }, 'c.yaml').join('\n')).toMatch(/c\.yaml.*seed/);
});
