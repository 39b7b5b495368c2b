// PATCH /work-orders/r1/types/{typeId} (document 004): its business rules, with the error codes of
// x-error-codes, on types the suite finds through the list; changes are PATCHed back afterwards.

import type { JsonSchema } from '../../lib/spec.ts';
import { expectErrorCode, expectStatus, expectValue } from '../checks/expectations.ts';
import { jsonBody } from '../http/body.ts';
import type { Row, WorkOrderType } from '../runner/discovery.ts';
import type { ApiRequest } from '../runner/session.ts';
import { componentSchema } from '../spec/api-catalog.ts';
import type { Case, CaseContext } from './case.ts';
import { liveTypes, ownLeftovers, restoreType, someTypes, tripletKey } from './fixtures.ts';
import { readsUnchanged, refusalProof } from './write-targets.ts';

const SPECIFIC = ['assetTypeId', 'accountTypeId', 'familyTypeId', 'ownerTypeId'] as const;
const MISSING_ID = 2_000_000_000;

function patchCase(id: string, title: string, rules: string[], run: (t: CaseContext) => Promise<void>): Case {
  return {
    id: `WorkOrderTypes_Patch.${id}`,
    title,
    family: 'nextgen',
    operationId: 'WorkOrderTypes_Patch',
    rules,
    writes: true,
    run,
  };
}

/** PATCHes a type; a refused PATCH is followed by a read that proves it changed nothing (S23). */
async function patch(t: CaseContext, type: WorkOrderType, body: Row, rule: string) {
  const request: ApiRequest = { op: 'WorkOrderTypes_Patch', params: { typeId: type.id }, json: body };
  const unchanged = await refusalProof(t, request, rule);
  const x = await t.send(request);
  if (x.response?.status === 200) restoreType(t, type, Object.keys(body));
  else await unchanged();
  return x;
}

/** Ids of each technical object kind the types use: the only way a client learns them. */
function technicalObjectIds(types: WorkOrderType[]): Record<string, number[]> {
  const out: Record<string, number[]> = { technicalObjectTypeId: [] };
  for (const f of SPECIFIC) out[f] = [];
  for (const type of types) {
    for (const f of Object.keys(out)) {
      const v = type[f];
      if (typeof v === 'number' && !out[f]?.includes(v)) out[f]?.push(v);
    }
  }
  return out;
}

/** One case per field that must name an existing record (x-references), from the PATCH schema. */
function referenceCases(): Case[] {
  const props = (componentSchema('nextgen', 'WorkOrderTypePatch').properties ?? {}) as Record<
    string,
    JsonSchema
  >;
  return Object.entries(props)
    .filter(([, p]) => typeof p['x-references'] === 'string')
    .map(([field]) =>
      patchCase(
        `reference.${field}`,
        `a ${field} that names nothing answers 422 BASE_0003`,
        ['WOT-REFERENCES-EXIST'],
        async (t: CaseContext) => {
          const [type] = someTypes(t, 1) as [WorkOrderType];
          const x = await patch(t, type, { [field]: MISSING_ID }, 'WOT-REFERENCES-EXIST');
          t.check(expectErrorCode(x, 'BASE_0003', 'WOT-REFERENCES-EXIST'));
        },
      ),
    );
}

export function workOrderTypeCases(): Case[] {
  return [
    patchCase(
      'persists',
      'a PATCH answers the whole type and the next GET shows the change',
      ['HTTP-WRITE-PERSISTS'],
      async (t: CaseContext) => {
        const [type] = someTypes(t, 1) as [WorkOrderType];
        const color = type.color === '#123456' ? '#654321' : '#123456';
        const x = await patch(t, type, { color }, 'HTTP-WRITE-PERSISTS');
        t.must(expectStatus(x, [200], 'HTTP-WRITE-PERSISTS', 'the PATCH was refused'));
        t.check(
          expectValue('color in the PATCH answer', jsonBody(x)?.color, color, 'HTTP-WRITE-PERSISTS', x),
        );
        const read = await t.send({ op: 'WorkOrderTypes_Get', params: { typeId: type.id } });
        t.check(
          expectStatus(read, [200], 'HTTP-WRITE-PERSISTS'),
          expectValue('color read back with GET', jsonBody(read)?.color, color, 'HTTP-WRITE-PERSISTS', read),
          expectValue(
            'code read back with GET (untouched)',
            jsonBody(read)?.code,
            type.code,
            'HTTP-WRITE-PERSISTS',
            read,
          ),
        );
      },
    ),
    patchCase(
      'code-unique',
      "giving a type another type's code answers 409 BASE_0007",
      ['WOT-CODE-UNIQUE'],
      async (t: CaseContext) => {
        const [a, b] = someTypes(t, 2) as [WorkOrderType, WorkOrderType];
        const x = await patch(t, a, { code: b.code }, 'WOT-CODE-UNIQUE');
        t.check(expectErrorCode(x, 'BASE_0007', 'WOT-CODE-UNIQUE'));
      },
    ),
    {
      id: 'WorkOrderTypes_Create.code-unique',
      title: 'creating a type with a code in use answers 409 BASE_0007',
      family: 'nextgen',
      operationId: 'WorkOrderTypes_Create',
      rules: ['WOT-CODE-UNIQUE'],
      writes: true,
      run: async (t: CaseContext) => {
        const [a] = someTypes(t, 1) as [WorkOrderType];
        // The refused create leaves one type with that code, as before.
        const unchanged = await readsUnchanged(
          t,
          () => t.send({ op: 'WorkOrderTypes_List', query: { code: a.code } }),
          `the types with code ${a.code}`,
          'WOT-CODE-UNIQUE',
        );
        const x = await t.send({
          op: 'WorkOrderTypes_Create',
          json: {
            code: a.code,
            description: 'duplicate code',
            requestTypeId: a.requestTypeId,
            serviceTypeId: a.serviceTypeId,
            technicalObjectTypeId: a.technicalObjectTypeId,
          },
        });
        if (x.response?.status === 201) t.unrestorable(`a second work order type with code ${a.code}`);
        // The triplet is taken too; either uniqueness rule may be named first.
        const code = jsonBody(x)?.code;
        t.check(
          expectErrorCode(x, code === 'WORKORDERS_015' ? 'WORKORDERS_015' : 'BASE_0007', 'WOT-CODE-UNIQUE'),
        );
        await unchanged();
      },
    },
    patchCase(
      'triplet-unique',
      "giving a type another type's request, service and technical object type answers 409 WORKORDERS_015",
      ['WOT-TRIPLET-UNIQUE'],
      async (t: CaseContext) => {
        const [a, b] = someTypes(t, 2) as [WorkOrderType, WorkOrderType];
        const x = await patch(
          t,
          a,
          {
            requestTypeId: b.requestTypeId,
            serviceTypeId: b.serviceTypeId,
            technicalObjectTypeId: b.technicalObjectTypeId,
          },
          'WOT-TRIPLET-UNIQUE',
        );
        t.check(expectErrorCode(x, 'WORKORDERS_015', 'WOT-TRIPLET-UNIQUE'));
      },
    ),
    patchCase(
      'active-in-use',
      'a type used by an active work order cannot be deactivated (409 WORKORDERS_016)',
      ['WOT-ACTIVE-IN-USE'],
      async (t: CaseContext) => {
        // No API lists work orders by type, so try the active types: the first refusal is the proof;
        // the ones that could be deactivated are switched back on at once.
        const candidates = t.fixtures.types.filter((x) => x.active === true).slice(0, 15);
        for (const type of candidates) {
          const x = await t.send({
            op: 'WorkOrderTypes_Patch',
            params: { typeId: type.id },
            json: { active: false },
          });
          if (x.response?.status === 200) {
            const back = await t.send({
              op: 'WorkOrderTypes_Patch',
              params: { typeId: type.id },
              json: { active: true },
            });
            if (back.response?.status !== 200) t.unrestorable(`work order type ${type.id} left inactive`);
            continue;
          }
          t.check(expectErrorCode(x, 'WORKORDERS_016', 'WOT-ACTIVE-IN-USE'));
          const read = await t.send({ op: 'WorkOrderTypes_Get', params: { typeId: type.id } });
          t.check(
            expectValue(
              'active after the refused deactivation',
              jsonBody(read)?.active,
              true,
              'WOT-ACTIVE-IN-USE',
              read,
            ),
          );
          return;
        }
        t.skip(
          `none of ${candidates.length} active types is in use by an active work order, or the rule is not enforced: nothing refused the deactivation`,
        );
      },
    ),
    patchCase(
      'structure-same',
      'setting the structure a type already has answers 409 BASE_0010',
      ['WOT-STRUCTURE-SAME'],
      async (t: CaseContext) => {
        const type = t.fixtures.types.find((x) => typeof x.structureId === 'number');
        if (!type) t.skip('no discovered type has a structure');
        const x = await patch(t, type, { structureId: type.structureId }, 'WOT-STRUCTURE-SAME');
        t.check(expectErrorCode(x, 'BASE_0010', 'WOT-STRUCTURE-SAME'));
      },
    ),
    patchCase(
      'tot-at-least-one',
      'clearing every technical object type id answers 400 WORKORDERS_ORCHESTRATOR_026',
      ['WOT-TOT-AT-LEAST-ONE'],
      async (t: CaseContext) => {
        const [type] = someTypes(t, 1) as [WorkOrderType];
        const x = await patch(
          t,
          type,
          {
            technicalObjectTypeId: null,
            assetTypeId: null,
            accountTypeId: null,
            familyTypeId: null,
            ownerTypeId: null,
          },
          'WOT-TOT-AT-LEAST-ONE',
        );
        t.check(expectErrorCode(x, 'WORKORDERS_ORCHESTRATOR_026', 'WOT-TOT-AT-LEAST-ONE'));
      },
    ),
    patchCase(
      'tot-only-one',
      'two different specific technical object type ids answer 400 WORKORDERS_ORCHESTRATOR_027',
      ['WOT-TOT-ONLY-ONE'],
      async (t: CaseContext) => {
        const [type] = someTypes(t, 1) as [WorkOrderType];
        const ids = technicalObjectIds(t.fixtures.types);
        const a = ids.assetTypeId?.[0] ?? ids.technicalObjectTypeId?.[0] ?? 1;
        const b = ids.accountTypeId?.[0] ?? ids.technicalObjectTypeId?.[1] ?? a;
        const x = await patch(t, type, { assetTypeId: a, accountTypeId: b }, 'WOT-TOT-ONLY-ONE');
        t.check(expectErrorCode(x, 'WORKORDERS_ORCHESTRATOR_027', 'WOT-TOT-ONLY-ONE'));
      },
    ),
    patchCase(
      'tot-consistent',
      'a specific id that differs from technicalObjectTypeId answers 400 WORKORDERS_ORCHESTRATOR_028',
      ['WOT-TOT-CONSISTENT'],
      async (t: CaseContext) => {
        const [type] = someTypes(t, 1) as [WorkOrderType];
        const ids = technicalObjectIds(t.fixtures.types).technicalObjectTypeId ?? [];
        if (ids.length < 2) t.skip('needs two technical object type ids in use');
        const [a, b] = ids as [number, number];
        const x = await patch(t, type, { assetTypeId: a, technicalObjectTypeId: b }, 'WOT-TOT-CONSISTENT');
        t.check(expectErrorCode(x, 'WORKORDERS_ORCHESTRATOR_028', 'WOT-TOT-CONSISTENT'));
      },
    ),
    patchCase(
      'tot-automap',
      'a single specific id becomes the technicalObjectTypeId',
      ['WOT-TOT-AUTOMAP'],
      async (t: CaseContext) => {
        // The list as it is now: earlier cases (and earlier runs) create types and take triplets.
        const types = await liveTypes(t);
        const ids = technicalObjectIds(types);
        const triplets = new Set(types.map(tripletKey));
        // A type (the suite's own leftovers first), a kind and an id of that kind that make a triplet
        // no type has (else 409 WORKORDERS_015).
        const candidates = [...ownLeftovers(types), ...types.filter((x) => !ownLeftovers([x]).length)];
        for (const type of candidates) {
          for (const kind of SPECIFIC) {
            for (const id of ids[kind] ?? []) {
              if (
                id === type.technicalObjectTypeId ||
                triplets.has(tripletKey({ ...type, technicalObjectTypeId: id }))
              )
                continue;
              const original: Row = { technicalObjectTypeId: type.technicalObjectTypeId };
              for (const f of SPECIFIC) if (typeof type[f] === 'number') original[f] = type[f];
              const x = await t.send({
                op: 'WorkOrderTypes_Patch',
                params: { typeId: type.id },
                json: { [kind]: id },
              });
              if (x.response?.status === 200) {
                t.restore(`technical object type ids of work order type ${type.id}`, async () => {
                  const back = await t.send({
                    op: 'WorkOrderTypes_Patch',
                    params: { typeId: type.id },
                    json: original,
                  });
                  return back.response?.status === 200;
                });
              }
              t.must(expectStatus(x, [200], 'WOT-TOT-AUTOMAP', `PATCH {${kind}: ${id}} was refused`));
              const read = await t.send({ op: 'WorkOrderTypes_Get', params: { typeId: type.id } });
              for (const [what, answer] of [
                ['PATCH answer', x],
                ['GET after the PATCH', read],
              ] as const) {
                t.check(
                  expectValue(
                    `technicalObjectTypeId in the ${what} to {${kind}: ${id}}`,
                    jsonBody(answer)?.technicalObjectTypeId,
                    id,
                    'WOT-TOT-AUTOMAP',
                    answer,
                  ),
                  expectValue(
                    `${kind} in the ${what}`,
                    jsonBody(answer)?.[kind],
                    id,
                    'WOT-TOT-AUTOMAP',
                    answer,
                  ),
                );
              }
              return;
            }
          }
        }
        t.skip('no specific technical object type id in use would give a type a free triplet');
      },
    ),
    ...referenceCases(),
  ];
}
