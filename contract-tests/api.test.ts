// `runContract` (the ./contract entry) in this process against a mock started here: results come
// back as values, with the exit code wo-contract would give, and no child process is started.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type RunningMock, startMock } from '../mock/server.ts';
import { runContract } from './api.ts';

// Any child process started during these tests fails them.
vi.mock('node:child_process', () => {
  const refuse = () => {
    throw new Error('runContract started a child process');
  };
  return {
    spawn: refuse,
    fork: refuse,
    exec: refuse,
    execFile: refuse,
    spawnSync: refuse,
    execFileSync: refuse,
  };
});

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ seed: 42 });
});
afterAll(() => mock.close());

it('runs the selected cases in this process and answers their results', async () => {
  const seen: string[] = [];
  const result = await runContract({
    baseUrl: mock.url,
    only: ['Jobs_Get'],
    headers: { 'X-Mock-Session': 'contract-api' },
    onCaseEnd: (c) => seen.push(c.id),
  });
  // The suite's requests reached this process's mock, in the session its headers named.
  expect(mock.services.sessions.has('contract-api')).toBe(true);
  const cases = result.cases.filter((c) => c.operationId === 'Jobs_Get');
  expect(cases.length).toBeGreaterThan(0);
  expect(cases.every((c) => c.outcome === 'passed' || c.outcome === 'skipped')).toBe(true);
  expect(result.exitCode).toBe(0);
  expect(seen).toEqual(result.cases.map((c) => c.id));
});

it('a run against nothing listening is refused with a connection error naming the address', async () => {
  await expect(
    runContract({ baseUrl: 'http://127.0.0.1:9', only: ['Jobs_Get'], timeoutMs: 2000 }),
  ).rejects.toThrow(/127\.0\.0\.1:9/);
});
