// The MSW host's two conversions: a Fetch API Request (what MSW hands a handler, in the page's
// service worker and in msw/node alike) to the pipeline's plain request, and its plain response
// back to a Response. No `node:` import: this runs in the browser.
import { BodyTooLarge, type PlainRequest, type PlainResponse } from '../mock/pipeline/types.ts';

/** Reads a body stream up to `limit` bytes (after any Content-Encoding is undone), else BodyTooLarge. */
async function readLimited(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array> {
  if (!stream) return new Uint8Array();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BodyTooLarge(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

function decoded(request: Request): ReadableStream<Uint8Array> | null {
  const encoding = request.headers.get('content-encoding')?.trim().toLowerCase();
  if (!request.body || !encoding || encoding === 'identity') return request.body;
  if (encoding === 'gzip' || encoding === 'deflate')
    return request.body.pipeThrough(new DecompressionStream(encoding));
  // Left as sent: the pipeline answers an encoding it cannot read as it does for the server.
  return request.body;
}

/**
 * The plain request of the pipeline; `basePath` (the path of the host's base URL, e.g. `/fsm`) is
 * taken off, so that the pipeline sees the spec's paths whatever the page's base URL.
 */
export function toPlainRequest(request: Request, basePath: string): PlainRequest {
  const url = new URL(request.url);
  // The raw path and query as sent (percent-encoded), as the Node host passes them.
  const raw = request.url.slice(url.origin.length);
  const q = raw.indexOf('?');
  const hash = raw.indexOf('#');
  let path = q < 0 ? (hash < 0 ? raw : raw.slice(0, hash)) : raw.slice(0, q);
  const query = q < 0 ? '' : raw.slice(q + 1, hash < 0 ? undefined : hash);
  if (basePath !== '' && path.startsWith(basePath)) path = path.slice(basePath.length) || '/';
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  return {
    method: request.method.toUpperCase(),
    path,
    query,
    headers,
    body: { read: (limit) => readLimited(decoded(request), limit) },
  };
}

export function toResponse(plain: PlainResponse): Response {
  const noBody = plain.status === 204 || plain.status === 304;
  return new Response(noBody ? null : (plain.body as ConstructorParameters<typeof Response>[0]), {
    status: plain.status,
    headers: plain.headers,
  });
}
