// `work-order-contracts/msw`: MSW handlers that run the mock's own pipeline (the same rules, seeded
// data and sessions as wo-mock) inside the page through MSW's service worker, or in msw/node: no
// server. State lives where the handlers were made (the page, the test process) and starts from the
// seed each time they are made (a page reload). Nothing of Node reaches a browser bundle.
// First, before any module of the mock reads a spec as it loads: under Node the documents of
// spec/*.yaml; in a browser bundle the "browser" field of package.json puts msw/spec-browser.ts in
// its place, which gives the documents bundled in the package.
import '../lib/spec.ts';
import type { HttpHandler } from 'msw';
import { generateDataSet } from '../generators/fixtures/generate.ts';
import { TokenStore } from '../mock/nextgen/tokens.ts';
import { DEFAULT_OPTIONS, type MockOptions } from '../mock/options.ts';
import { createPipeline } from '../mock/pipeline/pipeline.ts';
import { RequestLog } from '../mock/state/request-log.ts';
import { DEFAULT_SESSION, Sessions } from '../mock/state/sessions.ts';
import { type BaseUrls, handlersFor } from './handlers.ts';

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

export function createMockHandlers(options: MockHandlersOptions): MockHandlers {
  const { baseUrls, ...chosen } = options;
  if (!Object.values(baseUrls).some(Boolean))
    throw new Error(
      'createMockHandlers needs a base URL for at least one host (main, servicedesk, serviceapp, nextgen)',
    );
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
