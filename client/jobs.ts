// `work-order-contracts/jobs`: the jobs API's generated types and a typed client over openapi-fetch,
// with JSON as its media type (the spec also lists XML, whose list shape differs from the JSON page).
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from '../generated/jobs.ts';
import { base64, sessionHeaders } from './session.ts';

export { newSessionName, SESSION_HEADER, sessionHeaders } from './session.ts';
export type { components, operations, paths };

type Schemas = components['schemas'];
export type Job = Schemas['jobs'];
export type JobWrite = Schemas['jobs_write'];
export type JobsViewRow = Schemas['jobs_view'];
export type JobsViewPage = Schemas['JobsViewPage'];
export type JobPartUsage = Schemas['job_part_usage'];
export type JobPartUsageSaved = Schemas['job_part_usage_saved'];
export type MinimalId = Schemas['MinimalId'];
/** The body of every jobs API error (its `Message`, and the rule violations where there are any). */
export type JobsError = NonNullable<Awaited<ReturnType<JobsClient['GET']>>['error']>;

/** `user:password@domain` (the jobs API's Basic login), or its three parts. */
export type JobsCredentials = string | { user: string; password: string; domain: string };

/** The `Authorization` header value for a jobs API login. */
export function jobsAuthorization(credentials: JobsCredentials): string {
  if (typeof credentials === 'string') {
    // The user name ends at the first colon; password@domain is the Basic password (vendor-apis).
    if (!/^[^:]+:.+@.+$/.test(credentials))
      throw new Error(`jobs credentials must read user:password@domain, e.g. admin:demo@demo`);
    return `Basic ${base64(credentials)}`;
  }
  return `Basic ${base64(`${credentials.user}:${credentials.password}@${credentials.domain}`)}`;
}

export type JobsClientOptions = {
  /** Where the host serves the jobs API, e.g. http://127.0.0.1:4010 (main, ServiceDesk or Service App). */
  baseUrl: string;
  credentials?: JobsCredentials;
  /** Sends X-Mock-Session on every call: this client works on its own copy of the mock's data. */
  session?: string;
  /** Another fetch (defaults to globalThis.fetch; MSW intercepts either). */
  fetch?: (request: Request) => Promise<Response>;
  headers?: Record<string, string>;
};

export type JobsClient = Client<paths, 'application/json'>;

/** What a wrapper answers: the typed body, or the API's error; `response` either way. */
export type Answer<T> =
  | { data: T; error?: never; response: Response }
  | { data?: never; error: JobsError; response: Response };

type PutOptions = { ifMatch?: string; headers?: Record<string, string> };

export type JobsApi = JobsClient & {
  /** GET /api/Jobs({id}). */
  getJob(id: string): Promise<Answer<Job>>;
  /** PUT /api/Jobs({id}): the stored work order, or only `{ id }` with `return: 'minimal'`. */
  putJob(id: string, body: JobWrite, options: PutOptions & { return: 'minimal' }): Promise<Answer<MinimalId>>;
  putJob(
    id: string,
    body: JobWrite,
    options?: PutOptions & { return?: 'representation' },
  ): Promise<Answer<Job>>;
  /** POST /api/JobPartUsage/Save (upsert by id: 201 new, 200 existing). */
  savePartUsage(
    body: JobPartUsage,
    options: { return: 'minimal'; headers?: Record<string, string> },
  ): Promise<Answer<MinimalId>>;
  savePartUsage(
    body: JobPartUsage,
    options?: { return?: 'representation'; headers?: Record<string, string> },
  ): Promise<Answer<JobPartUsageSaved>>;
  /** GET /api/JobsView with OData options ($filter, $orderby, $select, $top, $skip, $count). */
  listJobsView(query?: operations['JobsView_List']['parameters']['query']): Promise<Answer<JobsViewPage>>;
};

function headerMiddleware(headers: Record<string, string>): Middleware {
  return {
    onRequest({ request }) {
      for (const [name, value] of Object.entries(headers))
        if (!request.headers.has(name)) request.headers.set(name, value);
      return request;
    },
  };
}

/** A client of the jobs API; its wrappers type answers that a request header shapes (Prefer). */
export function createJobsClient(options: JobsClientOptions): JobsApi {
  const client = createClient<paths, 'application/json'>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers: { Accept: 'application/json' },
  });
  client.use(
    headerMiddleware({
      ...options.headers,
      ...(options.session ? sessionHeaders(options.session) : {}),
      ...(options.credentials ? { Authorization: jobsAuthorization(options.credentials) } : {}),
    }),
  );
  const prefer = (o?: { return?: string }) => (o?.return === 'minimal' ? { Prefer: 'return=minimal' } : {});
  const api: Omit<JobsApi, keyof JobsClient> = {
    getJob: (id) => client.GET('/api/Jobs({id})', { params: { path: { id } } }) as Promise<Answer<Job>>,
    putJob: ((id: string, body: JobWrite, o?: PutOptions & { return?: string }) =>
      client.PUT('/api/Jobs({id})', {
        params: { path: { id } },
        body,
        headers: { ...o?.headers, ...prefer(o), ...(o?.ifMatch ? { 'If-Match': o.ifMatch } : {}) },
      })) as JobsApi['putJob'],
    savePartUsage: ((body: JobPartUsage, o?: { return?: string; headers?: Record<string, string> }) =>
      client.POST('/api/JobPartUsage/Save', {
        body,
        headers: { ...o?.headers, ...prefer(o) },
      })) as JobsApi['savePartUsage'],
    listJobsView: (query) =>
      client.GET('/api/JobsView', query ? { params: { query } } : {}) as Promise<Answer<JobsViewPage>>,
  };
  return Object.assign(client, api);
}
