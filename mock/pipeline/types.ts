// The plain values the pipeline works on (ARCHITECTURE.md): a request in, a response out. A host
// (mock/server.ts for Node's HTTP server) builds the request and writes the response; nothing here
// knows the host.

export type PlainRequest = {
  method: string;
  /** The path as sent, percent-encoded, without the query. */
  path: string;
  /** The raw query string, without '?'. */
  query: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /** Reads the whole body; refuses (BodyTooLarge) past `limitBytes`, counted after any Content-Encoding is undone. */
  body: { read(limitBytes: number): Promise<Uint8Array> };
};

export type PlainResponse = {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
};

/** What a body reader throws when a body is larger than the limit it was given. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than the limit of ${limit} bytes.`);
  }
}

/** What a body reader throws for a body it cannot read: broken off (400), an unknown Content-Encoding (415). */
export class BodyUnreadable extends Error {
  constructor(
    readonly status: 400 | 415,
    message: string,
  ) {
    super(message);
  }
}
