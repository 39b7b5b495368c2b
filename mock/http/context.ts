// What every route handler gets about its request: the session's state, the preferences, the clock.
// Made by the pipeline's session stage (mock/pipeline/pipeline.ts).
import type { Contact, User } from '../../generators/fixtures/data-set.ts';
import type { Principal } from '../nextgen/tokens.ts';
import type { MockOptions } from '../options.ts';
import type { MockState } from '../state/mock-state.ts';
import type { Preferences } from './prefer.ts';

/** Who the authentication stage found the caller to be (the operation's security scheme). */
export type Caller =
  | { kind: 'user'; user: User }
  | { kind: 'contact'; contact: Contact }
  | { kind: 'bearer'; principal: Principal }
  | { kind: 'anonymous' };

export type RequestContext = {
  state: MockState;
  caller: Caller;
  session: string;
  prefs: Preferences;
  options: MockOptions;
  /** The request's time; every timestamp a write sets comes from here. */
  now: Date;
  /** Validation problems found in this exchange (request log, inspector page). */
  problems: string[];
};

/** The caller the authentication stage accepted, of the kind the operation's security names. */
export function callerOf<K extends Caller['kind']>(
  ctx: RequestContext,
  kind: K,
): Extract<Caller, { kind: K }> {
  if (ctx.caller.kind !== kind)
    throw new Error(`the operation expects a ${kind} caller, not ${ctx.caller.kind}`);
  return ctx.caller as Extract<Caller, { kind: K }>;
}
