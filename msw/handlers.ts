// MSW request handlers that hand every call of the four hosts to one pipeline function: the same
// one the Node server runs, so that rules, seeded data and sessions behave alike in the page (service
// worker), in msw/node and over HTTP. No `node:` import: this runs in the browser.
import { type HttpHandler, http } from 'msw';
import type { PlainRequest, PlainResponse } from '../mock/pipeline/types.ts';
import { toPlainRequest, toResponse } from './plain.ts';

export type Host = 'main' | 'servicedesk' | 'serviceapp' | 'nextgen';

/** Base URL per host, as an app is configured with them, e.g. `{ nextgen: 'https://fsm.example.com/api' }`. */
export type BaseUrls = Partial<Record<Host, string>>;

type Handle = (request: PlainRequest) => Promise<PlainResponse>;

/**
 * Where each host's paths start below its base URL (the specs' paths): only those are taken, so
 * hosts that share an origin (main on https://x.test, NextGen on https://x.test/api) do not take
 * each other's calls, and anything else the page fetches goes to the network.
 */
const PATH_ROOTS: Record<Host, string[]> = {
  main: ['/api/'],
  servicedesk: ['/api/'],
  serviceapp: ['/api/'],
  nextgen: ['/work-orders/', '/configurations/'],
};

function base(url: string): { origin: string; path: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`base URL '${url}' is not an absolute URL, e.g. https://api.example.com`);
  }
  return { origin: parsed.origin, path: parsed.pathname.replace(/\/+$/, '') };
}

/** One MSW handler per host and path root; the same base URL for several hosts is taken once. */
export function handlersFor(baseUrls: BaseUrls, handle: Handle): HttpHandler[] {
  const routes = new Map<string, string>();
  for (const [host, url] of Object.entries(baseUrls) as [Host, string | undefined][]) {
    if (!url) continue;
    const { origin, path } = base(url);
    for (const root of PATH_ROOTS[host]) {
      routes.set(`${origin}${path}${root}*`, path);
    }
  }
  // The longest pattern first: NextGen on https://x.test/api must win over main's https://x.test/api/*.
  const handlers = [...routes]
    .sort(([a], [b]) => b.length - a.length)
    .map(([pattern, path]) =>
      http.all(pattern, async ({ request }) => toResponse(await handle(toPlainRequest(request, path)))),
    );
  return handlers;
}
