// Work order types: reading, listing and the write rules of document 004 (x-rules WOT-*). Pure:
// no HTTP. Every check runs on the type as it would be after the write, and nothing is written
// unless all pass, so a refused request changes nothing.

import type { components } from '../../generated/nextgen.ts';
import type {
  TechnicalObjectKind,
  WorkOrderStatus,
  WorkOrderType,
} from '../../generators/fixtures/data-set.ts';
import { type Result as ModelResult, refused } from '../../model/result.ts';
import type { MockState } from '../state/mock-state.ts';
import { type RuleIssue, ruleViolation } from './errors.ts';
import type { Filter, Page, SortKey } from './list-query.ts';
import { isAvailable } from './release.ts';
import { wildcardMatcher } from './wildcard.ts';

export type WorkOrderTypePatch = components['schemas']['WorkOrderTypePatch'];
export type WorkOrderTypeCreate = components['schemas']['WorkOrderTypeCreate'];
/** What the store answers: the type, or the rules broken (each with its x-rules code). */
type Result<T> = ModelResult<T, RuleIssue>;
/** What a write depends on besides the state: the release played and the writer's language. */
type WriteContext = { release: number; language: string };

/** The specific technical object type ids and the kind of technical object type each must name. */
const SPECIFIC_TYPE_IDS = {
  assetTypeId: 'asset',
  accountTypeId: 'account',
  familyTypeId: 'family',
  ownerTypeId: 'owner',
} as const satisfies Record<string, TechnicalObjectKind>;
type SpecificField = keyof typeof SPECIFIC_TYPE_IDS;
const SPECIFIC_FIELDS = Object.keys(SPECIFIC_TYPE_IDS) as SpecificField[];

/** Work orders in these statuses no longer use their type (ASSUMPTIONS.md N8). */
const INACTIVE_WORK_ORDER_STATUSES: ReadonlySet<WorkOrderStatus> = new Set(['closed', 'canceled', 'aligned']);

type Body = WorkOrderTypePatch | WorkOrderTypeCreate;
type Mutable = Record<string, unknown> & { description: Record<string, string> };

const isId = (v: unknown): v is number => typeof v === 'number';

export function getWorkOrderType(state: MockState, id: number): WorkOrderType | undefined {
  return state.nextgen.workOrderTypes.get(id);
}

// ---------------------------------------------------------------------------------------------
// Listing (ASSUMPTIONS.md N12)

function matches(
  type: WorkOrderType,
  filter: Filter,
  description: () => string,
  pattern: ((text: string) => boolean) | undefined,
): boolean {
  if (filter.ids && !filter.ids.includes(type.id)) return false;
  if (filter.codes && !filter.codes.includes(type.code)) return false;
  for (const key of [
    'order',
    'active',
    'requestTypeId',
    'serviceTypeId',
    'technicalObjectTypeId',
    'structureId',
    'booking',
  ] as const) {
    const wanted = filter[key];
    if (wanted !== undefined && type[key] !== wanted) return false;
  }
  return pattern === undefined || pattern(description());
}

/** Nulls sort after every value (ascending); text case-insensitively. */
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'string' && typeof b === 'string')
    return a.localeCompare(b, 'en', { sensitivity: 'base' });
  return Number(a) - Number(b);
}

type ListResult = { items: WorkOrderType[]; hasMore: boolean };

/**
 * One page of the types that pass the filter, in the given order (then by id).
 * `describe` gives the description in the language of the answer: the one filtered and sorted on.
 */
export function listWorkOrderTypes(
  state: MockState,
  query: { filter: Filter; order: readonly SortKey[]; page: Page },
  describe: (type: WorkOrderType) => string,
): ListResult {
  const sortValue = (type: WorkOrderType, field: string): unknown =>
    field === 'description' ? describe(type) : (type as unknown as Record<string, unknown>)[field];
  const pattern =
    query.filter.description === undefined ? undefined : wildcardMatcher(query.filter.description);
  const all = [...state.nextgen.workOrderTypes.values()]
    .filter((t) => matches(t, query.filter, () => describe(t), pattern))
    .sort((a, b) => {
      for (const key of query.order) {
        const c = compareValues(sortValue(a, key.field), sortValue(b, key.field));
        if (c !== 0) return key.descending ? -c : c;
      }
      return a.id - b.id;
    });
  const { num, size } = query.page;
  if (size === 0) return { items: num === 0 ? all : [], hasMore: false };
  const start = num * size;
  return { items: all.slice(start, start + size), hasMore: all.length > start + size };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** A new type before the body is applied: usable, not booked, nothing associated. */
function blank(id: number): Mutable {
  return {
    id,
    code: '',
    description: {},
    order: null,
    active: true,
    requestTypeId: null,
    serviceTypeId: null,
    technicalObjectTypeId: null,
    assetTypeId: null,
    accountTypeId: null,
    familyTypeId: null,
    ownerTypeId: null,
    serviceLevelDays: null,
    structureId: null,
    color: null,
    booking: false,
    totalOutcomes: false,
    mobileAccountingTypeId: null,
    preDistributedWorkOrder: false,
    bookingForSLA: false,
    autoGisPackage: false,
  };
}

/** Rules 2 and 3 of "Technical Object Type ID Validation", on the body (ASSUMPTIONS.md N11). */
function bodyTypeIdIssues(body: Body): RuleIssue[] {
  const given = SPECIFIC_FIELDS.filter((f) => isId(body[f]));
  if (given.length > 1) {
    return [
      ruleViolation(
        'WOT-TOT-ONLY-ONE',
        `Only one technical object type id may be given; got ${given.join(', ')}.`,
        given[1],
      ),
    ];
  }
  const [specific] = given;
  const generic = body.technicalObjectTypeId;
  if (specific !== undefined && isId(generic) && generic !== body[specific]) {
    return [
      ruleViolation(
        'WOT-TOT-CONSISTENT',
        `${specific} (${body[specific]}) and technicalObjectTypeId (${generic}) must be equal.`,
        'technicalObjectTypeId',
      ),
    ];
  }
  return [];
}

/** The type as it would be after the write, with rule 4 (automatic mapping) applied. */
function merge(current: Mutable, body: Body, ctx: WriteContext): Mutable {
  const next: Mutable = { ...current, description: { ...current.description } };
  for (const [field, value] of Object.entries(body)) {
    if (field === 'description') next.description[ctx.language] = value as string;
    else next[field] = value;
  }
  const specifics = SPECIFIC_FIELDS.filter((f) => isId(body[f]));
  const [only] = specifics;
  if (specifics.length === 1 && only) {
    // Rule WOT-TOT-AUTOMAP (rule 4 of document 004); the other specific ids are cleared (ASSUMPTIONS.md N11).
    next.technicalObjectTypeId = body[only];
    for (const f of SPECIFIC_FIELDS) if (f !== only) next[f] = null;
  } else if (specifics.length === 0 && isId(body.technicalObjectTypeId)) {
    // A new technicalObjectTypeId alone: specific ids that no longer match it would break rule 3.
    for (const f of SPECIFIC_FIELDS) if (next[f] !== body.technicalObjectTypeId) next[f] = null;
  }
  return next;
}

/** Rule 1 on the resulting type: the fields of the release that name a technical object type. */
function atLeastOneIssues(next: Mutable, release: number): RuleIssue[] {
  const fields = ['technicalObjectTypeId', ...SPECIFIC_FIELDS].filter((f) => isAvailable(f, release));
  if (fields.some((f) => isId(next[f]))) return [];
  return [
    ruleViolation(
      'WOT-TOT-AT-LEAST-ONE',
      `At least one technical object type id (${fields.join(', ')}) is required.`,
      'technicalObjectTypeId',
    ),
  ];
}

/** A specific id left alone after a write still names the type (rule 4 holds for the stored type). */
function completeMapping(next: Mutable): void {
  const set = SPECIFIC_FIELDS.filter((f) => isId(next[f]));
  const [only] = set;
  if (!isId(next.technicalObjectTypeId) && set.length === 1 && only) next.technicalObjectTypeId = next[only];
}

function referenceIssues(state: MockState, body: Body): RuleIssue[] {
  const n = state.nextgen;
  const issues: RuleIssue[] = [];
  const missing = (field: string, what: string) =>
    issues.push(
      ruleViolation(
        'WOT-REFERENCES-EXIST',
        `${field}: no ${what} has the id ${String((body as Record<string, unknown>)[field])}.`,
        field,
      ),
    );
  if (isId(body.requestTypeId) && !n.requestTypes.has(body.requestTypeId))
    missing('requestTypeId', 'request type');
  if (isId(body.serviceTypeId) && !n.serviceTypes.has(body.serviceTypeId))
    missing('serviceTypeId', 'service type');
  if (isId(body.technicalObjectTypeId) && !n.technicalObjectTypes.has(body.technicalObjectTypeId)) {
    missing('technicalObjectTypeId', 'technical object type');
  }
  for (const field of SPECIFIC_FIELDS) {
    const id = body[field];
    if (isId(id) && n.technicalObjectTypes.get(id)?.kind !== SPECIFIC_TYPE_IDS[field]) {
      missing(field, `technical object type of kind ${SPECIFIC_TYPE_IDS[field]}`);
    }
  }
  if (isId(body.structureId) && !n.structures.has(body.structureId)) missing('structureId', 'structure');
  if (isId(body.mobileAccountingTypeId) && !n.mobileAccountingTypes.has(body.mobileAccountingTypeId)) {
    missing('mobileAccountingTypeId', 'mobile accounting type');
  }
  return issues;
}

const TRIPLET = ['requestTypeId', 'serviceTypeId', 'technicalObjectTypeId'] as const;
const TRIPLET_INPUTS: readonly string[] = [...TRIPLET, ...SPECIFIC_FIELDS];

/** The rules of the "Business Logic" section, in the document's order. */
function conflictIssues(
  state: MockState,
  current: WorkOrderType | undefined,
  next: Mutable,
  body: Body,
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const others = [...state.nextgen.workOrderTypes.values()].filter((t) => t.id !== next.id);
  if (!current || Object.keys(body).some((f) => TRIPLET_INPUTS.includes(f))) {
    const twin = others.find((t) => TRIPLET.every((f) => t[f] === next[f]));
    if (twin) {
      issues.push(
        ruleViolation(
          'WOT-TRIPLET-UNIQUE',
          `Work order type ${twin.code} (${twin.id}) already has request type ${String(next.requestTypeId)}, service type ${String(next.serviceTypeId)} and technical object type ${String(next.technicalObjectTypeId)}.`,
          'technicalObjectTypeId',
        ),
      );
    }
  }
  if (body.code !== undefined) {
    const twin = others.find((t) => t.code === body.code);
    if (twin)
      issues.push(
        ruleViolation(
          'WOT-CODE-UNIQUE',
          `The code ${body.code} is already used by work order type ${twin.id}.`,
          'code',
        ),
      );
  }
  if (current && body.active === false) {
    const user = [...state.nextgen.workOrders.values()].find(
      (w) => w.typeId === current.id && !INACTIVE_WORK_ORDER_STATUSES.has(w.status),
    );
    if (user) {
      issues.push(
        ruleViolation(
          'WOT-ACTIVE-IN-USE',
          `Work order ${user.code} (status ${user.status}) uses this type; it cannot be deactivated.`,
          'active',
        ),
      );
    }
  }
  if (
    current &&
    'structureId' in body &&
    isId(body.structureId) &&
    current.structureId === body.structureId
  ) {
    issues.push(
      ruleViolation(
        'WOT-STRUCTURE-SAME',
        `Structure ${body.structureId} is already associated with this type.`,
        'structureId',
      ),
    );
  }
  return issues;
}

/** Every rule, phase by phase (400, 400, 422, 409): the first phase that finds issues decides. */
function check(
  state: MockState,
  current: WorkOrderType | undefined,
  start: Mutable,
  body: Body,
  ctx: WriteContext,
): Result<Mutable> {
  const bodyIssues = bodyTypeIdIssues(body);
  if (bodyIssues.length > 0) return refused(bodyIssues);
  const next = merge(start, body, ctx);
  const ruleOne = atLeastOneIssues(next, ctx.release);
  if (ruleOne.length > 0) return refused(ruleOne);
  completeMapping(next);
  const references = referenceIssues(state, body);
  if (references.length > 0) return refused(references);
  const conflicts = conflictIssues(state, current, next, body);
  if (conflicts.length > 0) return refused(conflicts);
  return { ok: true, value: next };
}

function store(state: MockState, next: Mutable): WorkOrderType {
  const type = next as unknown as WorkOrderType;
  state.put('nextgen.workOrderTypes', type.id, type);
  // The jobs view derives nothing from NextGen records.
  state.touch({ jobs: [] });
  return type;
}

/** Changes the fields the body gives (document 004); NOT_FOUND for an unknown id. */
export function patchWorkOrderType(
  state: MockState,
  id: number,
  body: WorkOrderTypePatch,
  ctx: WriteContext,
): Result<WorkOrderType> {
  const current = getWorkOrderType(state, id);
  if (!current) return refused([ruleViolation('WOT-NOT-FOUND', `No work order type has the id ${id}.`)]);
  const checked = check(state, current, current as unknown as Mutable, body, ctx);
  return checked.ok ? { ok: true, value: store(state, checked.value) } : checked;
}

/** A new type under the next free id, by the same rules as PATCH. */
export function createWorkOrderType(
  state: MockState,
  body: WorkOrderTypeCreate,
  ctx: WriteContext,
): Result<WorkOrderType> {
  const id = Math.max(0, ...state.nextgen.workOrderTypes.keys()) + 1;
  const checked = check(state, undefined, blank(id), body, ctx);
  return checked.ok ? { ok: true, value: store(state, checked.value) } : checked;
}
