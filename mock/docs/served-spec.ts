// The specs as the docs page gets them: `servers` point at the origin the page was loaded from,
// so that "try it" calls this mock wherever it listens (--host, --port), not 127.0.0.1:4010.
import { loadSpec, type OpenApiDocument, type SpecName } from '../../lib/spec.ts';

type Server = { url: string; description?: string };

// What a Host header may hold: a name or an IPv4/IPv6 address, with an optional port.
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The origin of a request, or undefined when its Host header is missing or not a plain host. */
export function originOf(protocol: string, host: string | undefined): string | undefined {
  if (!host || !HOST.test(host) || (protocol !== 'http' && protocol !== 'https')) return undefined;
  return `${protocol}://${host}`;
}

/** A copy of a spec whose servers keep their paths (NextGen's `/api`) on the given origin. */
export function specForOrigin(name: SpecName, origin: string | undefined): OpenApiDocument {
  const spec = loadSpec(name);
  if (origin === undefined) return spec;
  const servers = ((spec.servers ?? []) as Server[]).map((server) => {
    const path = new URL(server.url).pathname.replace(/\/$/, '');
    return { ...server, url: `${origin}${path}` };
  });
  return { ...spec, servers };
}
