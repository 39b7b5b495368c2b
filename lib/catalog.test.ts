import { describe, expect, it } from 'vitest';
import { COMPONENT_NAME, createCatalog, type OperationId } from './catalog.ts';
import { catalog, type JsonSchema, loadSpec, type OpenApiDocument } from './spec.ts';
import { toXml } from './xml/index.ts';

const c = catalog();
const docs = () => structuredClone({ jobs: loadSpec('jobs'), nextgen: loadSpec('nextgen') });

/** Every `$ref` left in a schema, with the component names of the schemas it sits in. */
function refsIn(node: unknown, within: string[] = [], found: { ref: string; within: string[] }[] = []) {
  if (Array.isArray(node)) for (const n of node) refsIn(n, within, found);
  else if (node !== null && typeof node === 'object') {
    const o = node as JsonSchema;
    const here = typeof o[COMPONENT_NAME] === 'string' ? [...within, o[COMPONENT_NAME] as string] : within;
    if (typeof o.$ref === 'string') found.push({ ref: o.$ref, within: here });
    for (const v of Object.values(o)) refsIn(v, here, found);
  }
  return found;
}

describe('catalog', () => {
  it('indexes every operation of both specs by its operationId', () => {
    const inSpecs = (['jobs', 'nextgen'] as const).flatMap((f) =>
      Object.values(loadSpec(f).paths).flatMap((item) =>
        Object.values(item)
          .map((op) => (op as { operationId?: string }).operationId)
          .filter((id) => id !== undefined),
      ),
    );
    expect([...c.operations.keys()].sort()).toEqual(inSpecs.sort());
    expect(c.family('jobs').map((o) => o.id)).toEqual([
      'Jobs_Get',
      'Jobs_Put',
      'JobsView_List',
      'JobsView_Get',
      'JobPartUsage_Save',
    ]);
  });

  it('gives path, method, family, parameters (path-level ones merged) and bodies per media type', () => {
    const put = c.operation('Jobs_Put');
    expect(put).toMatchObject({ family: 'jobs', method: 'PUT', path: '/api/Jobs({id})', host: 'main' });
    expect(put.parameters.find((p) => p.in === 'path')).toMatchObject({ name: 'id', required: true });
    expect(Object.keys(put.requestBody?.content ?? {})).toEqual([
      'application/json',
      'text/json',
      'application/xml',
      'text/xml',
    ]);
    expect(put.requestBody?.content['application/json']?.[COMPONENT_NAME]).toBe('jobs_write');
    const patch = c.operation('WorkOrderTypes_Patch');
    expect(patch.parameters.map((p) => `${p.in}:${p.name}`)).toContain('path:typeId');
    expect(patch.parameters.find((p) => p.name === 'typeId')?.schema.format).toBe('int64');
  });

  it('gives security, permission, rules with status and code, and error codes per answer', () => {
    expect(c.operation('Jobs_Get').security).toEqual(['basicAuth']);
    expect(c.operation('JobsView_List').security).toEqual(['contactBasicAuth']);
    expect(c.operation('Tokens_Create').security).toEqual([]);
    const patch = c.operation('WorkOrderTypes_Patch');
    expect(patch.permission).toBe('fsm.core.workorder.configuration.edit');
    expect(patch.rules.find((r) => r.id === 'WOT-TOT-ONLY-ONE')).toMatchObject({
      status: 400,
      errorCode: 'WORKORDERS_ORCHESTRATOR_027',
    });
    expect(patch.responses['400']?.errorCodes).toContain('WORKORDERS_ORCHESTRATOR_027');
    // A response shared through components/responses is resolved as well.
    expect(patch.responses['401']?.errorCodes).toEqual(['UNAUTHORIZED']);
    expect(patch.responses['401']?.headers['WWW-Authenticate']).toEqual({ type: 'string' });
    expect(c.errorCodes.WORKORDERS_ORCHESTRATOR_027?.status).toBe(400);
    expect(c.rule('jobs', 'JPU-JOB-EXISTS').status).toBe(422);
  });

  it('resolves every $ref except a schema referring to itself, and keeps component names', () => {
    for (const op of c.operations.values()) {
      for (const { ref, within } of refsIn(op)) {
        const target = ref.split('/').pop() ?? '';
        expect(within, `${op.id}: ${ref} is not a self-reference`).toContain(target);
      }
    }
    const write = c.schema('jobs', 'jobs_write');
    const parent = (write.properties as Record<string, JsonSchema>)._parent_job;
    expect(parent?.allOf).toEqual([{ $ref: '#/components/schemas/jobs_write' }]);
    expect(c.resolve('jobs', '#/components/schemas/jobs_write')).toBe(write);
    // Resolved once: every use shares the one object.
    expect(c.operation('Jobs_Put').requestBody?.content['text/xml']).toBe(write);
  });

  it('answers PUT and Save in XML with the entity element, not anyType (documents 001, 003)', () => {
    const xml = (id: OperationId, status: string, value: unknown) =>
      toXml(value, c.operation(id).responses[status]?.content['application/xml'], c.resolver('jobs'));
    expect(xml('Jobs_Put', '200', { id: 'a', name: 'n' })).toMatch(
      /^<jobs [^>]*><id>a<\/id><name>n<\/name><\/jobs>$/,
    );
    expect(xml('Jobs_Put', '200', { id: 'a' })).toMatch(/^<jobs /);
    expect(xml('JobPartUsage_Save', '201', { id: 'a' })).toMatch(/^<job_part_usage .*<\/job_part_usage>$/);
    expect(xml('JobPartUsage_Save', '200', { id: 'a', price: 3 })).toMatch(/^<job_part_usage /);
    expect(xml('JobsView_Get', '200', { id: 'a' })).toMatch(/^<jobs_view /);
  });

  it('refuses a spec whose operation names a rule x-rules lacks, or a ref that names nothing', () => {
    const noRule = docs();
    noRule.nextgen['x-rules'] = noRule.nextgen['x-rules'].filter((r) => r.id !== 'NEXTGEN-AUTH');
    expect(() => createCatalog(noRule)).toThrow(/names rule NEXTGEN-AUTH/);
    const badRef = docs();
    const schemas = badRef.jobs.components.schemas as Record<string, unknown>;
    delete schemas.MinimalId;
    expect(() => createCatalog(badRef as Record<'jobs' | 'nextgen', OpenApiDocument>)).toThrow(
      /unresolved ref #\/components\/schemas\/MinimalId/,
    );
  });
});
