import { describe, expect, it } from 'vitest';
import { fromXml, type SchemaResolver, toXml } from './index.ts';

const schemas: Record<string, unknown> = {
  flat: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      count: { type: 'integer', format: 'int32' },
      price: { type: 'number', format: 'double' },
      active: { type: 'boolean' },
      created: { type: 'string', format: 'date-time' },
      id: { type: 'string', format: 'uuid' },
      note: { type: ['string', 'null'] },
    },
  },
  address: { type: 'object', properties: { street: { type: 'string' }, zip: { type: 'string' } } },
  customer: {
    allOf: [
      { $ref: '#/components/schemas/flat' },
      { type: 'object', properties: { address: { $ref: '#/components/schemas/address' } } },
    ],
  },
  jobs: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      _parent_job: { anyOf: [{ $ref: '#/components/schemas/jobs' }, { type: 'null' }] },
      children: { type: 'array', items: { $ref: '#/components/schemas/jobs' } },
      depth: { type: 'integer' },
    },
  },
  translation: { type: 'object', xml: { name: 'Translation' }, properties: { lang: { type: 'string' } } },
  renamed: {
    type: 'object',
    properties: {
      zz: { type: 'string', xml: { name: 'AA' } },
      translations: { type: 'array', items: { $ref: '#/components/schemas/translation' } },
      codes: { type: 'array', xml: { wrapped: false }, items: { type: 'integer', xml: { name: 'code' } } },
      matrix: { type: 'array', items: { type: 'array', items: { type: 'number' } } },
    },
  },
};
const resolve: SchemaResolver = (ref) => schemas[ref.replace('#/components/schemas/', '')];
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function roundTrip(value: unknown, schema: unknown): unknown {
  const xml = toXml(value, schema, resolve);
  const back = fromXml(xml, schema, resolve);
  if (!back.ok) throw new Error(`${back.error}\n${xml}`);
  return back.value;
}

const flat = {
  name: 'a & <b> "c" \'d\' \r\n\t ünï 😀',
  count: -42,
  price: 15.25,
  active: false,
  created: '2026-06-16T21:16:49.251Z',
  id: 'bba806de-564d-4451-80da-cd2507109604',
  note: null,
};

describe('round trip fromXml(toXml(x)) === x', () => {
  it('flat schema with string/integer/number/boolean/date-time/uuid/null', () => {
    expect(roundTrip(flat, ref('flat'))).toEqual(flat);
    const sparse = { name: '', count: 0, price: 1e-7, active: true };
    expect(roundTrip(sparse, ref('flat'))).toEqual(sparse);
    expect(roundTrip({ name: '  padded  ', note: '   ' }, ref('flat'))).toEqual({
      name: '  padded  ',
      note: '   ',
    });
  });

  it('nested schema merged through allOf', () => {
    const value = { ...flat, address: { street: 'Main St 1', zip: '01234' } };
    expect(roundTrip(value, ref('customer'))).toEqual(value);
    expect(roundTrip({ address: {} }, ref('customer'))).toEqual({ address: {} });
  });

  it('recursive schema', () => {
    const value = {
      id: '447f0000-0000-0000-0000-000000000001',
      depth: 0,
      _parent_job: { id: 'p', depth: 1, _parent_job: { depth: 2, _parent_job: null } },
      children: [
        { depth: 1, children: [] },
        { depth: 1, children: [{ depth: 2 }] },
      ],
    };
    expect(roundTrip(value, ref('jobs'))).toEqual(value);
  });

  it('array of objects (list response)', () => {
    const schema = { type: 'array', items: ref('flat') };
    const value = [flat, { name: 'second', count: 2 }, null];
    expect(toXml(value, schema, resolve).startsWith('<ArrayOfflat ')).toBe(true);
    expect(roundTrip(value, schema)).toEqual(value);
    expect(roundTrip([], schema)).toEqual([]);
  });

  it('xml.name, xml.wrapped: false and nested arrays', () => {
    const value = {
      zz: 'renamed',
      translations: [{ lang: 'de' }, { lang: 'en' }],
      codes: [3, 1, 2],
      matrix: [[1, 2.5], [], [-3]],
    };
    const xml = toXml(value, ref('renamed'), resolve);
    expect(xml).toContain('<AA>renamed</AA>');
    expect(xml).toContain('<translations><Translation><lang>de</lang></Translation>');
    expect(xml).toContain('<code>3</code><code>1</code><code>2</code>');
    expect(xml).toContain('<matrix><ArrayOfdouble><double>1</double><double>2.5</double></ArrayOfdouble>');
    expect(roundTrip(value, ref('renamed'))).toEqual(value);
  });

  it('normalises date-times to milliseconds UTC', () => {
    expect(roundTrip({ created: '2026-06-16T23:16:49.2514588+02:00' }, ref('flat'))).toEqual({
      created: '2026-06-16T21:16:49.251Z',
    });
  });

  it('is fast enough for 20-item pages of 40-field objects', () => {
    const properties: Record<string, unknown> = {};
    const item: Record<string, unknown> = {};
    for (let i = 0; i < 40; i++) {
      const kind = i % 4;
      properties[`field_${i}`] =
        kind === 0
          ? { type: 'string' }
          : kind === 1
            ? { type: 'integer' }
            : kind === 2
              ? { type: 'boolean' }
              : { type: 'string', format: 'date-time' };
      item[`field_${i}`] =
        kind === 0 ? `value ${i}` : kind === 1 ? i : kind === 2 ? true : '2026-06-16T21:16:49.251Z';
    }
    schemas.wide = { type: 'object', properties };
    const schema = { type: 'array', items: ref('wide') };
    const page = Array.from({ length: 20 }, () => item);
    // Speed is measured by npm run bench, never asserted in a test (machines are noisy).
    const xml = toXml(page, schema, resolve);
    expect(roundTrip(page, schema)).toEqual(page);
    expect(xml.length).toBeGreaterThan(0);
  });
});
