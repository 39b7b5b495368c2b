// `work-order-contracts/nextgen`: the NextGen API's generated types and a typed client over
// openapi-fetch that logs in with a user's name and password (token endpoint) on its first call.
import createClient, { type Client } from 'openapi-fetch';
import type { components, operations, paths } from '../generated/nextgen.ts';
import { sessionHeaders } from './session.ts';

export { newSessionName, SESSION_HEADER, sessionHeaders } from './session.ts';
export type { components, operations, paths };

type Schemas = components['schemas'];
export type WorkOrderType = Schemas['WorkOrderType'];
export type WorkOrderTypePatch = Schemas['WorkOrderTypePatch'];
export type WorkOrderTypeCreate = Schemas['WorkOrderTypeCreate'];
export type WorkOrderTypePage = Schemas['WorkOrderTypePage'];
export type Token = Schemas['Token'];
export type NextGenError = Schemas['Error'];

/** A NextGen login: `user@company` and its password. */
export type NextGenCredentials = { username: string; password: string };

export type NextGenClientOptions = {
  /** Where the NextGen API is served, e.g. http://127.0.0.1:4010. */
  baseUrl: string;
  /** Logs in on the first call and again when the token has expired. */
  credentials?: NextGenCredentials;
  /** A token got elsewhere (instead of credentials). */
  token?: string;
  /** Sends X-Mock-Session on every call (and on the login). */
  session?: string;
  fetch?: (request: Request) => Promise<Response>;
  headers?: Record<string, string>;
};

export type NextGenClient = Client<paths, 'application/json'>;

export class NextGenLoginError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`NextGen login refused with ${status}`);
  }
}

/** POST /configurations/identity/r1/tokens: a token for this user, or NextGenLoginError. */
export async function loginNextGen(
  options: Pick<NextGenClientOptions, 'baseUrl' | 'session' | 'fetch'> & { credentials: NextGenCredentials },
): Promise<Token> {
  const client = createClient<paths, 'application/json'>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const { data, error, response } = await client.POST('/configurations/identity/r1/tokens', {
    body: options.credentials,
    headers: options.session ? sessionHeaders(options.session) : {},
  });
  if (!data) throw new NextGenLoginError(response.status, error);
  return data;
}

/** A client of the NextGen API; with credentials it gets (and renews) its bearer token itself. */
export function createNextGenClient(options: NextGenClientOptions): NextGenClient {
  const client = createClient<paths, 'application/json'>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers: { Accept: 'application/json' },
  });
  let token: { value: string; until: number } | undefined = options.token
    ? { value: options.token, until: Number.POSITIVE_INFINITY }
    : undefined;
  const fixed = { ...options.headers, ...(options.session ? sessionHeaders(options.session) : {}) };
  client.use({
    async onRequest({ request }) {
      for (const [name, value] of Object.entries(fixed))
        if (!request.headers.has(name)) request.headers.set(name, value);
      if (request.headers.has('Authorization')) return request;
      if (options.credentials && (!token || Date.now() >= token.until)) {
        const t = await loginNextGen({ ...options, credentials: options.credentials });
        token = { value: t.accessToken, until: Date.parse(t.refreshAfter) };
      }
      if (token) request.headers.set('Authorization', `Bearer ${token.value}`);
      return request;
    },
  });
  return client;
}
