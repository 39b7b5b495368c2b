// What a handler gets and gives: the request after every stage before it (authenticated caller,
// session state, negotiated format, key, validated body), and the answer as plain data. Handlers
// are a few lines: they read a store, or call it and turn its refusal into the rule's error.

import type { OperationId } from '../../lib/catalog.ts';
import type { Format } from '../http/content.ts';
import type { RequestContext } from '../http/context.ts';
import type { Int64Key } from './keys.ts';

/** Query parameters: a repeated name gives a list (as Node's querystring reads them). */
export type Query = Record<string, string | string[] | undefined>;

export type Exchange = {
  ctx: RequestContext;
  format: Format;
  query: Query;
  /** The path's key, read by the family's key syntax (keys.ts): a GUID, or an int64 id. */
  key: string | Int64Key | undefined;
  /** The request body, parsed and valid against the operation's schema; undefined without one. */
  body: unknown;
  headers: Record<string, string | undefined>;
  /** `http://host` of the request, for links the answer carries. */
  origin: string;
  /** The prefix the client used before the spec's path ('' or '/api' for NextGen, ASSUMPTIONS.md N2). */
  prefix: string;
  /** What the operation's query reader made of the query (validation stage), if it has one. */
  parsed: unknown;
};

export type Answer = {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** A `$select`/`_fields` answer: only some fields, so not checked against the full schema. */
  partial?: boolean;
};

export type Handler = (x: Exchange) => Answer;

/**
 * An operation with query parameters reads them in the validation stage (an invalid query wins
 * over `Prefer: code=`, ASSUMPTIONS.md M3); the handler finds the result in `parsed`.
 */
export type WithQuery = { query: (x: Exchange) => unknown; handle: Handler };

/** One entry per operation of both specs: a missing one is a compile error. */
export type Handlers = { [K in OperationId]: Handler | WithQuery };
