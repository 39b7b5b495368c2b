// The work order type operations (document 004 and its public neighbours). The pipeline has
// checked token (401), permission (403), Accept (406), Content-Type (415), key, body and query
// (400) and `Prefer` before a handler runs; handlers apply the store's rules.
import { callerOf, type RequestContext } from '../http/context.ts';
import type { Exchange, Handler, WithQuery } from '../pipeline/handler.ts';
import type { Int64Key } from '../pipeline/keys.ts';
import { errorOfViolations, ruleViolation } from './errors.ts';
import { type ListQuery, orderText, parseListQuery, parseViewQuery, type ViewQuery } from './list-query.ts';
import type { Principal } from './tokens.ts';
import {
  createWorkOrderType,
  getWorkOrderType,
  listWorkOrderTypes,
  patchWorkOrderType,
  type WorkOrderTypeCreate,
  type WorkOrderTypePatch,
} from './work-order-type-store.ts';
import { descriptionIn, languageOf, toBody, type View } from './work-order-type-view.ts';

const COLLECTION = '/work-orders/r1/types';

const notFound = ({ text }: Int64Key) =>
  errorOfViolations([ruleViolation('WOT-NOT-FOUND', `No work order type has the id ${text}.`)]);

const writeView = (ctx: RequestContext, principal: Principal): View => ({
  language: { kind: 'user' },
  userLanguage: principal.language,
  release: ctx.options.fsmRelease,
});

const readList = ({ query, ctx }: Exchange): ListQuery => {
  const parsed = parseListQuery(query, ctx.options.fsmRelease);
  if (!parsed.ok) throw errorOfViolations(parsed.issues);
  return parsed.value;
};

const readView = ({ query, ctx }: Exchange): ViewQuery => {
  const parsed = parseViewQuery(query, ctx.options.fsmRelease);
  if (!parsed.ok) throw errorOfViolations(parsed.issues);
  return parsed.value;
};

const list: Handler = ({ ctx, parsed }) => {
  const { principal } = callerOf(ctx, 'bearer');
  const query = parsed as ListQuery;
  const view: View = {
    language: query.language,
    userLanguage: principal.language,
    release: ctx.options.fsmRelease,
    ...(query.fields ? { fields: query.fields } : {}),
  };
  const language = languageOf(view);
  // With _language=ALL the filter and the order use the user's language.
  const describe = (t: { description: Record<string, string> }) =>
    descriptionIn(t.description, language ?? principal.language);
  const page = listWorkOrderTypes(ctx.state, query, describe);
  const body = {
    content: page.items.map((t) => toBody(t, view)),
    _page: { num: query.page.num, size: query.page.size, hasMore: page.hasMore },
    _order: orderText(query.order),
  };
  return { status: 200, body, partial: query.fields !== undefined };
};

const getOne: Handler = ({ ctx, key, parsed }) => {
  const { principal } = callerOf(ctx, 'bearer');
  const typeId = key as Int64Key;
  const type = typeId.id === undefined ? undefined : getWorkOrderType(ctx.state, typeId.id);
  if (!type) throw notFound(typeId);
  const { fields, language } = parsed as ViewQuery;
  const view: View = {
    language,
    userLanguage: principal.language,
    release: ctx.options.fsmRelease,
    ...(fields ? { fields } : {}),
  };
  return { status: 200, body: toBody(type, view), partial: fields !== undefined };
};

export const listTypes: WithQuery = { query: readList, handle: list };
export const getType: WithQuery = { query: readView, handle: getOne };

export const createType: Handler = ({ ctx, body, prefix }) => {
  const { principal } = callerOf(ctx, 'bearer');
  const result = createWorkOrderType(ctx.state, body as WorkOrderTypeCreate, {
    release: ctx.options.fsmRelease,
    language: principal.language,
  });
  if (!result.ok) throw errorOfViolations(result.violations);
  return {
    status: 201,
    body: toBody(result.value, writeView(ctx, principal)),
    headers: { Location: `${prefix}${COLLECTION}/${result.value.id}` },
  };
};

export const patchType: Handler = ({ ctx, key, body }) => {
  const { principal } = callerOf(ctx, 'bearer');
  const typeId = key as Int64Key;
  if (typeId.id === undefined) throw notFound(typeId);
  const result = patchWorkOrderType(ctx.state, typeId.id, body as WorkOrderTypePatch, {
    release: ctx.options.fsmRelease,
    language: principal.language,
  });
  if (!result.ok) throw errorOfViolations(result.violations);
  return { status: 200, body: toBody(result.value, writeView(ctx, principal)) };
};
