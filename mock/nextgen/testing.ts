// Test support for the NextGen tests: a running mock over HTTP, the data set it was seeded with
// (to pick ids by what they are, not by number) and a small client. Used by *.test.ts only.
import { randomUUID } from 'node:crypto';
import type { DataSet, NextGenData, WorkOrderType } from '../../generators/fixtures/data-set.ts';
import { DEFAULT_SEED, generateDataSet } from '../../generators/fixtures/generate.ts';
import { INACTIVE_WORK_ORDER_STATUSES as CLOSED } from '../../generators/fixtures/nextgen.ts';
import type { MockOptions } from '../options.ts';
import { startMock } from '../server.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read reply bodies field by field.
export type Reply = { status: number; headers: Headers; body: any };
type CallOptions = {
  token?: string;
  body?: unknown;
  /** Sent as is, with the given content type (default application/json). */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
};

export const TYPES = '/work-orders/r1/types';
export const TOKENS = '/configurations/identity/r1/tokens';

export type NextGenMock = {
  url: string;
  data: NextGenData;
  /** A client on a fresh session of its own (X-Mock-Session), so tests do not see each other's writes. */
  client(): NextGenClient;
  close(): Promise<void>;
};

export async function startNextGen(
  options: Partial<MockOptions> & { data?: DataSet } = {},
): Promise<NextGenMock> {
  const data = options.data ?? generateDataSet({ seed: DEFAULT_SEED, jobs: 3 });
  const mock = await startMock({ ...options, data });
  return {
    url: mock.url,
    data: structuredClone(data.nextgen),
    client: () => new NextGenClient(mock.url, `nextgen-${randomUUID()}`),
    close: () => mock.close(),
  };
}

export class NextGenClient {
  readonly #tokens = new Map<string, string>();
  constructor(
    readonly url: string,
    readonly session: string,
  ) {}

  async call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { 'X-Mock-Session': this.session, ...options.headers };
    if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.raw !== undefined || options.body !== undefined) {
      body = options.raw ?? JSON.stringify(options.body);
      headers['Content-Type'] ??= options.contentType ?? 'application/json';
    }
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await res.text();
    const json = (res.headers.get('content-type') ?? '').includes('json') && text !== '';
    return { status: res.status, headers: res.headers, body: json ? JSON.parse(text) : text };
  }

  /** A token of a demo user (ASSUMPTIONS.md N9), taken once per client. */
  async token(username = 'admin@demo'): Promise<string> {
    let token = this.#tokens.get(username);
    if (!token) {
      const reply = await this.call('POST', TOKENS, { body: { username, password: 'demo' } });
      if (reply.status !== 200) throw new Error(`no token for ${username}: ${reply.status}`);
      token = reply.body.accessToken as string;
      this.#tokens.set(username, token);
    }
    return token;
  }

  /** As the demo administrator (view + edit). */
  async as(
    method: string,
    path: string,
    options: Omit<CallOptions, 'token'> = {},
    user = 'admin@demo',
  ): Promise<Reply> {
    return this.call(method, path, { ...options, token: await this.token(user) });
  }
}

// Picking records by what they are.

export function typeUsedByActiveWorkOrder(data: NextGenData): WorkOrderType {
  const type = data.workOrderTypes.find(
    (t) => t.active && data.workOrders.some((w) => w.typeId === t.id && !CLOSED.includes(w.status)),
  );
  if (!type) throw new Error('the data set has no type used by an active work order');
  return type;
}

export function typeUsedOnlyByInactiveWorkOrders(data: NextGenData): WorkOrderType {
  const type = data.workOrderTypes.find((t) => {
    const orders = data.workOrders.filter((w) => w.typeId === t.id);
    return t.active && orders.length > 0 && orders.every((w) => CLOSED.includes(w.status));
  });
  if (!type) throw new Error('the data set has no type used only by closed work orders');
  return type;
}

export function typeWithStructure(data: NextGenData): WorkOrderType & { structureId: number } {
  const type = data.workOrderTypes.find((t) => typeof t.structureId === 'number');
  if (!type) throw new Error('the data set has no type with a structure');
  return type as WorkOrderType & { structureId: number };
}

/** A (request, service, technical object type) triplet no type has yet. */
export function freeTriplet(data: NextGenData): {
  requestTypeId: number;
  serviceTypeId: number;
  technicalObjectTypeId: number;
} {
  for (const r of data.requestTypes)
    for (const s of data.serviceTypes)
      for (const t of data.technicalObjectTypes) {
        const taken = data.workOrderTypes.some(
          (w) => w.requestTypeId === r.id && w.serviceTypeId === s.id && w.technicalObjectTypeId === t.id,
        );
        if (!taken) return { requestTypeId: r.id, serviceTypeId: s.id, technicalObjectTypeId: t.id };
      }
  throw new Error('every triplet is taken');
}

export const technicalObjectTypeOfKind = (data: NextGenData, kind: string, not?: number): number => {
  const found = data.technicalObjectTypes.find((t) => t.kind === kind && t.id !== not);
  if (!found) throw new Error(`no technical object type of kind ${kind}`);
  return found.id;
};
