// OData-style keys in parentheses: /api/Jobs(3f6c2a4e-...) (vendor-apis.md).
import { ApiError } from '../http/api-error.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Express route for `/api/<Set>(<key>)`, case-insensitive like ASP.NET routing; the key is params[0]. */
export const keyRoute = (entitySet: string): RegExp => new RegExp(`^/api/${entitySet}\\(([^)/]*)\\)/?$`, 'i');

// Express has decoded the key once already; a '%' left in it that is not an escape (a client's
// `%25ZZ`) stays as it is, so it fails the GUID test (400) instead of throwing a URIError (500).
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The GUID inside the parentheses (optionally quoted); 400 when it is not one. */
export function parseKey(raw: string | undefined): string {
  const key = decoded(raw ?? '').replace(/^'(.*)'$/, '$1');
  if (!GUID.test(key)) {
    throw new ApiError(400, `The key '${key}' is not a valid GUID.`, {
      violations: [{ field: 'id', message: 'Expected a GUID such as 3f6c2a4e-0000-4000-8000-000000000000.' }],
    });
  }
  return key.toLowerCase();
}
