// The work order type routes (document 004 and its public neighbours). Each handler checks, in
// this order: token (401), permission (403), Accept (406), Content-Type (415), body and parameters
// (400), then lets `Prefer` force an answer, then runs the store's rules.
import { type Request, type Response, Router } from 'express';
import { int64Of } from '../../lib/int64.ts';
import { JSON_ONLY, negotiate } from '../http/content.ts';
import { callerOf, contextOf, type RequestContext } from '../http/context.ts';
import { respond } from '../http/respond.ts';
import { forcedResponse } from '../http/scenario.ts';
import { errorOfViolations, nextGenError, ruleViolation } from './errors.ts';
import { orderText, parseListQuery, parseViewQuery } from './list-query.ts';
import { JSON_FORMAT, setOperation } from './operation.ts';
import { releaseViolations } from './release.ts';
import { readJsonBody, schemaViolations } from './request-body.ts';
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
const ITEM = '/work-orders/r1/types/:typeId';
const PATCH_SCHEMA = '#/components/schemas/WorkOrderTypePatch';
const CREATE_SCHEMA = '#/components/schemas/WorkOrderTypeCreate';

type Begun = { ctx: RequestContext; principal: Principal };

function begin(req: Request, res: Response, operationId: string): Begun {
  setOperation(res, operationId);
  const ctx = contextOf(res);
  const { principal } = callerOf(ctx, 'bearer');
  if (!negotiate(req.headers.accept, JSON_ONLY)) {
    throw nextGenError(
      'NOT_ACCEPTABLE',
      `No acceptable format in Accept '${req.headers.accept}'; this API answers application/json.`,
    );
  }
  return { ctx, principal };
}

/** The forced answer of `Prefer`, if any; true when it was sent. */
function answeredByPreference(res: Response, ctx: RequestContext, operationId: string): boolean {
  const forced = forcedResponse('nextgen', operationId, ctx.prefs, JSON_FORMAT.mediaType);
  if (!forced) return false;
  respond(res, 'nextgen', operationId, forced.status, JSON_FORMAT, forced.body);
  return true;
}

/**
 * The type id of the path: an int64 of at least 1, read exactly (lib/int64.ts). An id above 2^53
 * names no type (the mock gives out smaller ids), so it is kept as `undefined`: a 404 like any
 * unknown id (ASSUMPTIONS.md N19). Anything else is a 400 BASE_0001.
 */
function typeIdOf(req: Request): { id: number | undefined; text: string } {
  const text = String(req.params.typeId ?? '');
  const id = int64Of(text);
  if (id === undefined || id < 1n) {
    throw nextGenError('BASE_0001', `typeId '${text}' is not a positive integer.`, {
      violations: [
        { code: 'BASE_0001', field: 'typeId', message: `typeId '${text}' is not a positive integer.` },
      ],
    });
  }
  return { id: id <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(id) : undefined, text: id.toString() };
}

const notFound = (text: string) =>
  errorOfViolations([ruleViolation('WOT-NOT-FOUND', `No work order type has the id ${text}.`)]);

/** The body of a write: JSON, of the schema, with no field the release lacks. */
function writeBody(req: Request, ctx: RequestContext, schemaRef: string): unknown {
  const body = readJsonBody(req, schemaRef);
  const issues = [...releaseViolations(body, ctx.options.fsmRelease), ...schemaViolations(schemaRef, body)];
  if (issues.length > 0)
    throw errorOfViolations(issues, issues.length === 1 ? undefined : 'The body is invalid.');
  return body;
}

const writeView = (ctx: RequestContext, principal: Principal): View => ({
  language: { kind: 'user' },
  userLanguage: principal.language,
  release: ctx.options.fsmRelease,
});

export function workOrderTypeRoutes(): Router {
  const router = Router();

  router.get(COLLECTION, (req, res) => {
    const operation = 'WorkOrderTypes_List';
    const { ctx, principal } = begin(req, res, operation);
    const release = ctx.options.fsmRelease;
    const parsed = parseListQuery(req.query as Record<string, unknown>, release);
    if (!parsed.ok) throw errorOfViolations(parsed.issues);
    if (answeredByPreference(res, ctx, operation)) return;
    const query = parsed.value;
    const view: View = {
      language: query.language,
      userLanguage: principal.language,
      release,
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
    respond(res, 'nextgen', operation, 200, JSON_FORMAT, body, { partial: query.fields !== undefined });
  });

  router.get(ITEM, (req, res) => {
    const operation = 'WorkOrderTypes_Get';
    const { ctx, principal } = begin(req, res, operation);
    const { id, text } = typeIdOf(req);
    const parsed = parseViewQuery(req.query as Record<string, unknown>, ctx.options.fsmRelease);
    if (!parsed.ok) throw errorOfViolations(parsed.issues);
    if (answeredByPreference(res, ctx, operation)) return;
    const type = id === undefined ? undefined : getWorkOrderType(ctx.state, id);
    if (!type) throw notFound(text);
    const { fields, language } = parsed.value;
    const view: View = {
      language,
      userLanguage: principal.language,
      release: ctx.options.fsmRelease,
      ...(fields ? { fields } : {}),
    };
    respond(res, 'nextgen', operation, 200, JSON_FORMAT, toBody(type, view), {
      partial: fields !== undefined,
    });
  });

  router.post(COLLECTION, (req, res) => {
    const operation = 'WorkOrderTypes_Create';
    const { ctx, principal } = begin(req, res, operation);
    const body = writeBody(req, ctx, CREATE_SCHEMA) as WorkOrderTypeCreate;
    if (answeredByPreference(res, ctx, operation)) return;
    const result = createWorkOrderType(ctx.state, body, {
      release: ctx.options.fsmRelease,
      language: principal.language,
    });
    if (!result.ok) throw errorOfViolations(result.issues);
    res.location(`${req.baseUrl}${COLLECTION}/${result.value.id}`);
    respond(res, 'nextgen', operation, 201, JSON_FORMAT, toBody(result.value, writeView(ctx, principal)));
  });

  router.patch(ITEM, (req, res) => {
    const operation = 'WorkOrderTypes_Patch';
    const { ctx, principal } = begin(req, res, operation);
    const body = writeBody(req, ctx, PATCH_SCHEMA) as WorkOrderTypePatch;
    const { id, text } = typeIdOf(req);
    if (answeredByPreference(res, ctx, operation)) return;
    if (id === undefined) throw notFound(text);
    const result = patchWorkOrderType(ctx.state, id, body, {
      release: ctx.options.fsmRelease,
      language: principal.language,
    });
    if (!result.ok) throw errorOfViolations(result.issues);
    respond(res, 'nextgen', operation, 200, JSON_FORMAT, toBody(result.value, writeView(ctx, principal)));
  });

  return router;
}
