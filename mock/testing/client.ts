// Test helpers: a started mock and a small fetch wrapper with the demo credentials.
import type { RunningMock } from '../server.ts';

export const basic = (login: string, password = 'demo', domain = 'demo') =>
  `Basic ${Buffer.from(`${login}:${password}@${domain}`).toString('base64')}`;
export const ADMIN = basic('admin');
export const VIEWER = basic('viewer');
export const CONTACT1 = basic('contact1');
export const CONTACT2 = basic('contact2');

type Reply = { status: number; headers: Headers; text: string; json: any };

export function client(mock: RunningMock, defaults: Record<string, string> = {}) {
  return async (
    method: string,
    path: string,
    options: { headers?: Record<string, string>; body?: unknown; raw?: string } = {},
  ): Promise<Reply> => {
    const headers: Record<string, string> = { ...defaults, ...options.headers };
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(mock.url + path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
}

/** A job as GET /api/Jobs answers it, made into a PUT body: the embedded entities left out. */
export function asPutBody(job: unknown): Record<string, unknown> {
  const {
    project: _p,
    job_type: _t,
    job_priority: _r,
    suggested_user: _u,
    skill: _s,
    ...body
  } = job as Record<string, unknown>;
  return body;
}
