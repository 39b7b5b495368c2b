// What the mock refuses, the specs say (issue 11: an outside property-based tester found these
// refusals missing from the specs). Each case reads the statement back from the spec.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OperationId, ResponseEntry } from '../lib/catalog.ts';
import { catalog, compileInline, type JsonSchema, loadSpec, type SpecName } from '../lib/spec.ts';

const c = catalog();
const parameter = (op: OperationId, name: string) => {
  const p = c.operation(op).parameters.find((x) => x.name === name);
  if (!p) throw new Error(`no parameter ${name} on ${op}`);
  return compileInline(c.operation(op).family, p.schema);
};
const schemas = (spec: SpecName) => loadSpec(spec).components.schemas;

describe('JobsView query options', () => {
  it.each(['$filter', '$orderby', '$select'])('%s: an empty value is refused, a long one too', (name) => {
    const valid = parameter('JobsView_List', name);
    expect([valid(''), valid('name'), valid('x'.repeat(2001))]).toEqual([false, true, false]);
  });
  it.each(['$skip', '$top'])('%s: at most Int32', (name) => {
    const valid = parameter('JobsView_List', name);
    expect([valid(2 ** 31 - 1), valid(2 ** 31), valid(-1)]).toEqual([true, false, false]);
  });
});

describe('NextGen list conventions', () => {
  const fields = Object.keys(schemas('nextgen').WorkOrderType?.properties as object);

  it.each(['WorkOrderTypes_List', 'WorkOrderTypes_Get'] as const)(
    '%s: _fields takes the fields of WorkOrderType',
    (op) => {
      const valid = parameter(op, '_fields');
      expect(schemas('nextgen').WorkOrderTypeField?.enum).toEqual(fields);
      expect([valid(['id', 'code', 'autoGisPackage']), valid(['nope']), valid(['id,code'])]).toEqual([
        true,
        false,
        false,
      ]);
    },
  );

  it('_order: comma list of signed field names', () => {
    const valid = parameter('WorkOrderTypes_List', '_order');
    for (const ok of ['order', '+order', '-code,+id', ' booking', 'bookingForSLA,-booking', fields.join(',')])
      expect(valid(ok), ok).toBe(true);
    for (const bad of ['', 'nope', '+order,', 'order,,code', '++order', 'order ', 'Order', 'order;code'])
      expect(valid(bad), bad).toBe(false);
  });

  it('_order: the pattern names exactly the fields of WorkOrderType', () => {
    const op = c.operation('WorkOrderTypes_List');
    const pattern = op.parameters.find((p) => p.name === '_order')?.schema.pattern as string;
    const groups = [...pattern.matchAll(/\(([\w|]+)\)/g)].map((m) => m[1]?.split('|'));
    expect(groups).toEqual([fields, fields]);
  });
});

describe('NextGen error codes are statements of each error response', () => {
  const statusOf = c.errorCodes;
  const errorResponses = c.family('nextgen').flatMap((op) =>
    Object.entries(op.responses)
      .filter(([status]) => Number(status) >= 400)
      .map(([status, response]) => ({ op: op.id, status: Number(status), response })),
  );
  const codesOf = (r: ResponseEntry) => r.errorCodes;

  it.each(errorResponses.map((e) => [`${e.op} ${e.status}`, e] as const))(
    '%s',
    (_name, { status, response }) => {
      const codes = codesOf(response);
      expect(codes?.length).toBeGreaterThan(0);
      // The prose list of the description and the schema's list are the same ...
      expect(response.description).toContain(`Codes: ${codes.join(', ')}.`);
      // ... and each code's status in x-error-codes is this response's.
      for (const code of codes) expect(statusOf[code]?.status, code).toBe(status);
    },
  );

  it('every rule with a code can be answered by each of its operations', () => {
    const missing: string[] = [];
    for (const rule of c.rules('nextgen').filter((r) => r.errorCode))
      for (const op of rule.operations) {
        const answered = errorResponses.some(
          (e) =>
            e.op === op && e.status === rule.status && codesOf(e.response).includes(rule.errorCode ?? ''),
        );
        if (!answered) missing.push(`${rule.id} ${op} ${rule.status} ${rule.errorCode}`);
      }
    expect(missing).toEqual([]);
  });

  it('rule 2 of 004 (WORKORDERS_ORCHESTRATOR_027) is a schema statement with its status and code', () => {
    const rule = c.rule('nextgen', 'WOT-TOT-ONLY-ONE');
    expect(rule).toMatchObject({
      enforcedBy: 'schema',
      status: 400,
      errorCode: 'WORKORDERS_ORCHESTRATOR_027',
    });
    for (const name of ['WorkOrderTypePatch', 'WorkOrderTypeCreate']) {
      const allOf = schemas('nextgen')[name]?.allOf as JsonSchema[];
      expect(allOf.map((s) => s['x-rule'])).toContain('WOT-TOT-ONLY-ONE');
    }
  });
});

describe('JobPartUsage Save: only id is required (document 003)', () => {
  const assumptions = readFileSync(new URL('./ASSUMPTIONS.md', import.meta.url), 'utf8');
  it('the request schema requires id alone and says what happens without jobs_id', () => {
    const body = schemas('jobs').job_part_usage as JsonSchema & { properties: Record<string, JsonSchema> };
    expect(body.required).toEqual(['id']);
    expect(body.properties.jobs_id?.description).toMatch(/keeps the stored one.*422.*A25/);
    const rule = c.rule('jobs', 'JPU-JOB-EXISTS');
    expect(rule).toMatchObject({ status: 422, fields: ['jobs_id'] });
    expect(rule?.summary).toMatch(/A25/);
    expect(assumptions).toMatch(/^\| A25 \| .*jobs_id/m);
  });
});

describe('int64 in the assumptions', () => {
  it('N23 says what the spec means by int64', () => {
    const assumptions = readFileSync(new URL('./ASSUMPTIONS.md', import.meta.url), 'utf8');
    expect(assumptions).toMatch(/^\| N23 \| .*int64/m);
  });
});
