// The system a vitest run of the suite talks to: WO_BASE_URL when set, else a mock started here.
import { buildConfig, type SuiteConfig } from '../config/suite-config.ts';
import { type RunningServer, startMock } from './start-mock.ts';

export async function systemUnderTest(): Promise<{ baseUrl: string; server?: RunningServer }> {
  const given = process.env.WO_BASE_URL;
  if (given) return { baseUrl: given };
  const server = await startMock();
  return { baseUrl: server.baseUrl, server };
}

/** A config for one test file: its own mock session, so files do not see each other's writes. */
export function testConfig(baseUrl: string, session: string, extra: Partial<SuiteConfig> = {}): SuiteConfig {
  const config = buildConfig({
    baseUrl,
    // The mock takes session names of at most 64 characters.
    headers: [`X-Mock-Session: ${session.slice(0, 40)}-${process.pid}-${Date.now()}`],
  });
  return { ...config, ...extra };
}
