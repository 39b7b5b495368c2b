// Turns a case's request (operation, parameters, who) into HTTP: URL from the spec's path and x-host,
// credentials from the config, the config's extra headers; and checks every answer for conformance.
import { randomUUID } from 'node:crypto';
import { conformanceFailures } from '../checks/conformance.ts';
import type { Failure } from '../checks/failure.ts';
import type { NextGenRole, SuiteConfig } from '../config/suite-config.ts';
import { jsonBody } from '../http/body.ts';
import { send } from '../http/client.ts';
import type { Exchange } from '../http/exchange.ts';
import { resolveLink, sameEndpoint } from '../http/link.ts';
import { type OperationId, operation } from '../spec/api-catalog.ts';

/** Who sends the request. Without `as`, the writer (main, Service App), the first contact (ServiceDesk), NextGen admin. */
export type Who =
  | { basic: string }
  | { nextgen: NextGenRole }
  | { bearer: string }
  | { authorization: string }
  | 'anonymous';

export type ApiRequest = {
  op: OperationId;
  params?: Record<string, string | number>;
  query?: Record<string, string | number | boolean | (string | number)[]>;
  /**
   * A URL the server gave (an @odata.nextLink), sent exactly as given instead of path and query:
   * relative ones are resolved against the operation's URL; it must lead to the operation's own
   * origin and path, so credentials never go to another endpoint (S30).
   */
  url?: string;
  as?: Who;
  headers?: Record<string, string>;
  /** Sent as JSON (application/json unless contentType says otherwise). */
  json?: unknown;
  /** Sent as is. */
  body?: string;
  contentType?: string;
  accept?: string;
  /** The answer carries only $select-ed fields. */
  partialItems?: boolean;
};

export class NoCredentialsError extends Error {}

/** A request's `url` leads elsewhere than its operation: never sent (the caller reports the link). */
export class ForeignLinkError extends Error {}

function encodeKey(key: string): string {
  return /^[\w$[\].-]+$/.test(key) ? key : encodeURIComponent(key);
}

export function buildQuery(query: ApiRequest['query']): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      parts.push(`${encodeKey(key)}=${encodeURIComponent(String(v))}`);
    }
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

export class Session {
  private readonly tokens = new Map<string, string>();

  constructor(readonly config: SuiteConfig) {}

  url(request: Pick<ApiRequest, 'op' | 'params' | 'query' | 'url'>): string {
    if (request.url !== undefined) {
      const endpoint = this.url({ op: request.op, ...(request.params ? { params: request.params } : {}) });
      const resolved = resolveLink(request.url, endpoint);
      if (!sameEndpoint(resolved, endpoint))
        throw new ForeignLinkError(`${request.url} does not lead to ${endpoint}: not sent`);
      return resolved;
    }
    const op = operation(request.op);
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = request.params?.[name];
      if (value === undefined) throw new Error(`${request.op} needs the path parameter ${name}`);
      return encodeURIComponent(String(value));
    });
    return `${this.config.baseUrls[op.host]}${path}${buildQuery(request.query)}`;
  }

  private defaultWho(op: OperationId): Who {
    const host = operation(op).host;
    if (host === 'nextgen') return { nextgen: 'admin' };
    if (host === 'servicedesk') {
      const contact = this.config.credentials.contacts[0];
      if (!contact)
        throw new NoCredentialsError('no ServiceDesk contact in the config (credentials.servicedesk)');
      return { basic: contact };
    }
    const writer = this.config.credentials.jobsWriter;
    if (!writer) throw new NoCredentialsError('no jobs API user in the config (credentials.jobs.writer)');
    return { basic: writer };
  }

  /** Logs a NextGen role in; the token is kept for the rest of the run. The exchange is recorded like any other. */
  async login(role: NextGenRole, record: (x: Exchange) => void): Promise<Exchange> {
    const login = this.config.credentials.nextgen[role];
    if (!login)
      throw new NoCredentialsError(`no NextGen ${role} user in the config (credentials.nextgen.${role})`);
    const x = await this.exchange({ op: 'Tokens_Create', as: 'anonymous', json: login }, record);
    const token = jsonBody<{ accessToken?: string }>(x)?.accessToken;
    if (token) this.tokens.set(role, token);
    return x;
  }

  /** The bearer token of a NextGen role, fetched once. */
  async token(role: NextGenRole, record: (x: Exchange) => void): Promise<string> {
    const cached = this.tokens.get(role);
    if (cached) return cached;
    const x = await this.login(role, record);
    const token = this.tokens.get(role);
    if (!token) {
      throw new NoCredentialsError(
        `NextGen login of ${this.config.credentials.nextgen[role]?.username} answered ${x.response?.status ?? x.error}`,
      );
    }
    return token;
  }

  private async authorization(who: Who, record: (x: Exchange) => void): Promise<string | undefined> {
    if (who === 'anonymous') return undefined;
    if ('basic' in who) return `Basic ${Buffer.from(who.basic, 'utf8').toString('base64')}`;
    if ('bearer' in who) return `Bearer ${who.bearer}`;
    if ('authorization' in who) return who.authorization;
    return `Bearer ${await this.token(who.nextgen, record)}`;
  }

  /** Sends the request, records it through `record`, and answers the exchange. */
  async exchange(request: ApiRequest, record: (x: Exchange) => void): Promise<Exchange> {
    const op = operation(request.op);
    const headers: Record<string, string> = {
      ...this.config.headers,
      accept: request.accept ?? 'application/json',
    };
    const auth = await this.authorization(request.as ?? this.defaultWho(request.op), record);
    if (auth) headers.authorization = auth;
    let body = request.body;
    if (request.json !== undefined) body = JSON.stringify(request.json);
    if (body !== undefined) headers['content-type'] = request.contentType ?? 'application/json';
    Object.assign(headers, request.headers);
    const x = await send(
      {
        operationId: op.id,
        method: op.method,
        url: this.url(request),
        headers,
        ...(body === undefined ? {} : { body }),
        ...(request.partialItems ? { partialItems: true } : {}),
      },
      this.config.timeoutMs,
    );
    record(x);
    return x;
  }
}

/** Conformance failures of an exchange, once per exchange. */
export function responseFailures(x: Exchange): Failure[] {
  return x.response ? conformanceFailures(x) : [];
}

export function newId(): string {
  return randomUUID();
}
