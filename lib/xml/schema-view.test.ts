import { describe, expect, it } from 'vitest';
import { getView, T_ARRAY, T_INTEGER, T_NULL, T_OBJECT, T_STRING, xmlInfo } from './schema-view.ts';

const schemas: Record<string, unknown> = {
  base: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, b: { type: 'integer' } } },
  jobs: {
    type: 'object',
    properties: { _parent_job: { $ref: '#/components/schemas/jobs' }, code: { type: 'string' } },
  },
  named: { type: 'object', xml: { name: 'Named', namespace: 'urn:x' }, properties: {} },
  alias: { $ref: '#/components/schemas/base' },
};
const resolve = (ref: string): unknown => schemas[ref.slice('#/components/schemas/'.length)];

describe('getView', () => {
  it('caches by schema identity and sorts properties once', () => {
    const s = { type: 'object', properties: { b: {}, _a: {}, A: {} } };
    const v = getView(s, resolve);
    expect(getView(s, resolve)).toBe(v);
    expect(v.props.map((p) => p.key)).toEqual(['A', '_a', 'b']);
  });

  it('merges allOf refs and handles recursive schemas lazily', () => {
    const v = getView(
      { allOf: [{ $ref: '#/components/schemas/base' }, { properties: { a: { type: 'boolean' } } }] },
      resolve,
    );
    expect(v.props.map((p) => p.key)).toEqual(['a', 'b', 'id']);
    expect(v.flags & T_OBJECT).toBeTruthy();
    const jobs = getView({ $ref: '#/components/schemas/jobs' }, resolve);
    expect(jobs.typeName).toBe('jobs');
    const parent = jobs.byKey.get('_parent_job');
    expect(getView(parent?.schema, resolve).typeName).toBe('jobs');
  });

  it('derives type names', () => {
    expect(getView({ $ref: '#/components/schemas/named' }, resolve).typeName).toBe('Named');
    expect(getView({ $ref: '#/components/schemas/alias' }, resolve).typeName).toBe('alias');
    expect(getView({ type: 'array', items: { $ref: '#/components/schemas/base' } }, resolve).typeName).toBe(
      'ArrayOfbase',
    );
    expect(
      getView({ anyOf: [{ $ref: '#/components/schemas/base' }, { type: 'null' }] }, resolve).typeName,
    ).toBe('base');
    expect(getView({ type: 'string', format: 'uuid' }, resolve).typeName).toBe('guid');
    expect(getView({ type: 'integer', format: 'int32' }, resolve).typeName).toBe('int');
    expect(getView({}, resolve).typeName).toBeUndefined();
    const selfArray: Record<string, unknown> = { type: 'array' };
    selfArray.items = selfArray;
    expect(getView(selfArray, resolve).typeName).toBe('ArrayOfanyType');
  });

  it('collects flags from type arrays, nullable and enums', () => {
    expect(getView({ type: ['integer', 'null'] }, resolve).flags).toBe(T_INTEGER | T_NULL);
    expect(getView({ enum: ['a', null] }, resolve).flags).toBe(T_STRING | T_NULL);
    expect(getView({ items: {} }, resolve).flags).toBe(T_ARRAY);
  });

  it('uses property xml.name and xml.wrapped', () => {
    const v = getView(
      {
        properties: {
          zeta: { type: 'string', xml: { name: 'Alpha' } },
          list: { type: 'array', xml: { wrapped: false }, items: { type: 'string', xml: { name: 'entry' } } },
        },
      },
      resolve,
    );
    expect(v.props.map((p) => [p.key, p.elem, p.unwrapped])).toEqual([
      ['zeta', 'Alpha', false],
      ['list', 'entry', true],
    ]);
    expect(v.byElem.get('entry')?.key).toBe('list');
  });

  it('xmlInfo follows the $ref chain', () => {
    expect(xmlInfo({ $ref: '#/components/schemas/named' }, resolve)).toEqual({
      name: 'Named',
      namespace: 'urn:x',
      wrapped: undefined,
      refName: 'named',
    });
  });
});
