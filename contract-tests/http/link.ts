// Links a server gives (@odata.nextLink) are followed exactly as given (issue 10): resolving a
// relative one and sending it keep its query byte for byte, so the server reads what it wrote. Only
// what cannot travel in an HTTP request line at all (spaces, control and non-ASCII characters) is
// percent-encoded as UTF-8, as browsers do (ASSUMPTIONS S30).

const SCHEME = /^[a-z][a-z\d+.-]*:/i;
const AUTHORITY = /^([a-z][a-z\d+.-]*:\/\/[^/?#]*)([^#]*)/i;

/**
 * `link` resolved against `base` (RFC 3986 section 5.2). An absolute link is kept as written; a
 * relative one takes its origin (and, for a path, the resolved path) from `base`, its query as written.
 */
export function resolveLink(link: string, base: string): string {
  if (SCHEME.test(link)) return link;
  const b = new URL(base);
  if (link.startsWith('//')) return `${b.protocol}${link}`;
  const cut = link.search(/[?#]/);
  const path = cut === -1 ? link : link.slice(0, cut);
  const rest = cut === -1 ? '' : link.slice(cut);
  if (path === '') return `${b.origin}${b.pathname}${rest.startsWith('#') ? b.search : rest}`;
  // The path part alone goes through URL for its dot segments and directory; the query does not.
  const resolved = new URL(path, b);
  return `${resolved.origin}${resolved.pathname}${rest}`;
}

function encodeBytes(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text))
    out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

/** The request line's target of an absolute URL: path and query as written, without the fragment. */
export function requestTarget(url: string): string {
  const m = AUTHORITY.exec(url);
  if (!m) throw new Error(`not an absolute http(s) URL: ${url}`);
  const target = m[2] ?? '';
  const withSlash = target.startsWith('/') ? target : `/${target}`;
  return withSlash.replace(/[^\x21-\x7e]+/g, encodeBytes);
}

/** The URL as it is sent: origin as written, then the request target (what reports and curl show). */
export function sentUrl(url: string): string {
  const m = AUTHORITY.exec(url);
  if (!m) throw new Error(`not an absolute http(s) URL: ${url}`);
  return `${m[1]}${requestTarget(url)}`;
}

/** Whether `url` leads to the same origin and path as `endpoint` (query aside): the only links credentials follow. */
export function sameEndpoint(url: string, endpoint: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(endpoint);
    return a.origin === b.origin && a.pathname === b.pathname;
  } catch {
    return false;
  }
}
