// Tests the tester: each named fault, injected by a proxy in front of the mock, must make the suite
// fail with the matching rule; without a fault the suite passes through the same proxy.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { allCases } from './cases/all-cases.ts';
import { FAULT_KINDS, type FaultKind } from './faults/fault-kinds.ts';
import { NEAR_CONFORMANT_FAULTS } from './faults/near-conformant.ts';
import { startProxy } from './faults/proxy.ts';
import { MEDIA_TYPES_ID, runSuite, selectCases } from './runner/run-suite.ts';
import type { RunningServer } from './support/start-mock.ts';
import { systemUnderTest, testConfig } from './support/suite-under-test.ts';

let mock: RunningServer | undefined;
let baseUrl = '';

beforeAll(async () => {
  const sut = await systemUnderTest();
  mock = sut.server;
  baseUrl = sut.baseUrl;
}, 60_000);

afterAll(async () => {
  await mock?.stop();
});

async function run(fault: FaultKind | undefined, only: string[]) {
  const proxy = await startProxy(baseUrl, fault ?? {});
  try {
    const config = testConfig(proxy.baseUrl, `faults-${fault?.name ?? 'none'}`, { only });
    return await runSuite(config, allCases());
  } finally {
    await proxy.close();
  }
}

it('passes every case on the unmodified mock behind the proxy', async () => {
  const result = await run(undefined, []);
  expect(result.cases.length).toBe(allCases().length + 2); // discovery and the media-type replay
  const bad = result.cases.filter((c) => c.outcome === 'failed' || c.outcome === 'error');
  expect(bad.map((c) => `${c.id}: ${c.failures.map((f) => f.message).join('; ')}${c.reason ?? ''}`)).toEqual(
    [],
  );
}, 120_000);

it("lists every fault kind in the README's fault table", () => {
  const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
  expect(FAULT_KINDS.filter((f) => !readme.includes(`| \`${f.name}\` |`)).map((f) => f.name)).toEqual([]);
});

it('keeps the first 18 fault kinds and adds at least 25 near-conformant ones, all distinct', () => {
  const names = FAULT_KINDS.map((f) => f.name);
  expect(new Set(names).size).toBe(names.length);
  expect(NEAR_CONFORMANT_FAULTS.length).toBeGreaterThanOrEqual(25);
  expect(names.length).toBeGreaterThanOrEqual(18 + 25);
});

it.each(FAULT_KINDS.map((f) => [f.name, f] as const))(
  'catches the fault %s with its rule',
  async (_name, fault) => {
    const result = await run(fault, fault.only);
    expect(result.cases.length).toBeGreaterThan(0);
    // Caught by the named check of one of the fault's own cases (or of the replay of their refusals
    // in other media types), not by discovery or something incidental.
    const ids = new Set([...selectCases(allCases(), fault.only).map((c) => c.id), MEDIA_TYPES_ID]);
    const own = result.cases.filter((c) => ids.has(c.id));
    expect(own.length).toBeGreaterThan(0);
    const failedRules = new Set(own.flatMap((c) => c.failures.map((f) => f.rule)));
    expect([...failedRules]).toContain(fault.caughtBy);
  },
  30_000,
);
