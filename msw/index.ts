// `work-order-contracts/msw`: MSW handlers that run the mock's own pipeline (the same rules, seeded
// data and sessions as wo-mock) inside the page through MSW's service worker, or in msw/node: no
// server. State lives where the handlers were made (the page, the test process) and starts from the
// seed each time they are made (a page reload). No `node:` import: this runs in the browser.
import type { HttpHandler } from 'msw';
import { generateDataSet } from '../generators/fixtures/generate.ts';
import { useSpecSource } from '../lib/spec-runtime.ts';
import { TokenStore } from '../mock/nextgen/tokens.ts';
import { DEFAULT_OPTIONS, type MockOptions } from '../mock/options.ts';
import { createPipeline } from '../mock/pipeline/pipeline.ts';
import { RequestLog } from '../mock/state/request-log.ts';
import { DEFAULT_SESSION, Sessions } from '../mock/state/sessions.ts';
import { type BaseUrls, handlersFor } from './handlers.ts';
import { SPEC_DOCUMENTS } from './spec-documents.generated.ts';

export type { BaseUrls, Host } from './handlers.ts';

export type MockHandlersOptions = {
  /** Base URL per host your app calls, e.g. `{ main: 'https://api.example.com', nextgen: 'https://fsm.example.com/api' }`. */
  baseUrls: BaseUrls;
} & Partial<
  Pick<
    MockOptions,
    'seed' | 'jobs' | 'fsmRelease' | 'tokenTtlSec' | 'putMode' | 'maxSessions' | 'validateResponses'
  >
>;

export type MockHandlers = {
  /** Give them to `setupWorker(...)` (msw/browser) or `setupServer(...)` (msw/node). */
  handlers: HttpHandler[];
  /** Puts one session (by its X-Mock-Session name), or every session, back to the seed. */
  reset(session?: string): void;
};

/** The spec documents bundled with the package (lib/spec.ts reads them from files under Node). */
function useBundledSpecs(): void {
  try {
    useSpecSource((name) => SPEC_DOCUMENTS[name]);
  } catch {
    // lib/spec.ts already gave spec/*.yaml in this process (msw/node beside a server): the same
    // documents, generated from those files and checked by npm run check:generated.
  }
}

export function createMockHandlers(options: MockHandlersOptions): MockHandlers {
  const { baseUrls, ...chosen } = options;
  if (!Object.values(baseUrls).some(Boolean))
    throw new Error(
      'createMockHandlers needs a base URL for at least one host (main, servicedesk, serviceapp, nextgen)',
    );
  useBundledSpecs();
  const mockOptions: MockOptions = { ...DEFAULT_OPTIONS, ...chosen, adminToken: undefined, corsOrigins: [] };
  const sessions = new Sessions(generateDataSet({ seed: mockOptions.seed, jobs: mockOptions.jobs }), {
    maxSessions: mockOptions.maxSessions,
    idleMs: mockOptions.sessionIdleMs,
  });
  const pipeline = createPipeline({
    options: mockOptions,
    sessions,
    tokens: new TokenStore(),
    log: new RequestLog(mockOptions.requestLogSize),
    now: () => new Date(),
  });
  return {
    handlers: handlersFor(baseUrls, pipeline),
    reset: (session) =>
      sessions.applyAdmin({ op: 'reset', ...(session !== undefined ? { s: session } : {}) }),
  };
}

export { DEFAULT_SESSION };
