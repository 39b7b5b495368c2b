import { describe, expect, it } from 'vitest';
import { toXml } from './to-xml.ts';

const I = 'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"';
const schemas: Record<string, unknown> = {
  job_part_usage: {
    type: 'object',
    properties: {
      working_date: { type: 'string', format: 'date-time' },
      is_dummy: { type: 'boolean' },
      discount: { type: 'number' },
      article_id: { type: 'string', format: 'uuid' },
      article_code: { type: 'string' },
    },
  },
  jobs_view: {
    type: 'object',
    properties: {
      id2: { type: 'integer' },
      has_child: { type: 'boolean' },
      company_code: { type: 'string' },
      _parent_id: { type: 'string', format: 'uuid' },
      _parent_job: { $ref: '#/components/schemas/jobs_view' },
      translations: { type: 'array', items: { $ref: '#/components/schemas/translation' } },
    },
  },
  translation: { type: 'object', properties: { text: { type: 'string' }, lang: { type: 'string' } } },
  ns_thing: { type: 'object', xml: { name: 'Thing', namespace: 'urn:things' }, properties: {} },
};
const resolve = (ref: string): unknown => schemas[ref.replace('#/components/schemas/', '')];
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('toXml', () => {
  it('writes the job_part_usage sample shape exactly', () => {
    const value = {
      article_code: 'sample string 7',
      article_id: 'bba806de-564d-4451-80da-cd2507109604',
      discount: 15.0,
      is_dummy: true,
      working_date: '2026-06-16T21:16:49.2514588+00:00',
    };
    expect(toXml(value, ref('job_part_usage'), resolve)).toBe(
      `<job_part_usage ${I}><article_code>sample string 7</article_code>` +
        '<article_id>bba806de-564d-4451-80da-cd2507109604</article_id><discount>15</discount>' +
        '<is_dummy>true</is_dummy><working_date>2026-06-16T21:16:49.251Z</working_date></job_part_usage>',
    );
  });

  it('writes the jobs_view shape: _ sorts first, nested objects, wrapped arrays, nil', () => {
    const value = {
      id2: 2,
      has_child: false,
      company_code: 'x',
      _parent_id: '447f0000-0000-0000-0000-000000000000',
      _parent_job: { id2: 1, _parent_job: null },
      translations: [{ text: 'Hallo', lang: 'de' }, { lang: 'en' }],
    };
    expect(toXml(value, ref('jobs_view'), resolve)).toBe(
      `<jobs_view ${I}><_parent_id>447f0000-0000-0000-0000-000000000000</_parent_id>` +
        '<_parent_job><_parent_job i:nil="true"/><id2>1</id2></_parent_job><company_code>x</company_code>' +
        '<has_child>false</has_child><id2>2</id2><translations><translation><lang>de</lang><text>Hallo</text>' +
        '</translation><translation><lang>en</lang></translation></translations></jobs_view>',
    );
  });

  it('writes list responses as ArrayOf{item}', () => {
    const schema = { type: 'array', items: ref('translation') };
    expect(toXml([{ lang: 'de' }, null], schema, resolve)).toBe(
      `<ArrayOftranslation ${I}><translation><lang>de</lang></translation><translation i:nil="true"/></ArrayOftranslation>`,
    );
    expect(toXml([], schema, resolve)).toBe(`<ArrayOftranslation ${I}/>`);
  });

  it('merges additional properties into the sorted order and writes them by JSON type', () => {
    const value = { lang: 'de', aaa: 1.5, zzz: { b: true, a: [1, 'x'] }, 'bad name': 'v', text: 't' };
    expect(toXml(value, ref('translation'), resolve)).toBe(
      `<translation ${I}><aaa>1.5</aaa><bad_x0020_name>v</bad_x0020_name><lang>de</lang><text>t</text>` +
        '<zzz><a><long>1</long><string>x</string></a><b>true</b></zzz></translation>',
    );
  });

  it('names a union answer (full entity | MinimalId) by its entity, whichever branch the value takes', () => {
    const named: Record<string, unknown> = {
      ...schemas,
      minimal: { type: 'object', properties: { id: { type: 'string' } } },
      part: { xml: { name: 'job_part_usage' }, allOf: [ref('job_part_usage')] },
    };
    const resolveNamed = (r: string): unknown => named[r.replace('#/components/schemas/', '')];
    const union = { anyOf: [ref('part'), ref('minimal')] };
    expect(toXml({ id: 'a' }, union, resolveNamed)).toBe(`<job_part_usage ${I}><id>a</id></job_part_usage>`);
    expect(toXml({ is_dummy: true }, union, resolveNamed)).toBe(
      `<job_part_usage ${I}><is_dummy>true</is_dummy></job_part_usage>`,
    );
    expect(toXml({ id: 'a' }, { oneOf: [ref('jobs_view'), ref('minimal')] }, resolve)).toMatch(
      /^<jobs_view /,
    );
  });

  it('names a schema resolved by the catalog by its component name (x-component)', () => {
    const resolved = { 'x-component': 'MinimalId', type: 'object', properties: { id: { type: 'string' } } };
    expect(toXml({ id: 'a' }, resolved, resolve)).toBe(`<MinimalId ${I}><id>a</id></MinimalId>`);
  });

  it('honours xml.name, root xml.namespace and rootName', () => {
    expect(toXml({}, ref('ns_thing'), resolve)).toBe(`<Thing ${I} xmlns="urn:things"/>`);
    expect(toXml({ lang: 'x' }, ref('translation'), resolve, 'Other')).toBe(
      `<Other ${I}><lang>x</lang></Other>`,
    );
    const schema = {
      type: 'object',
      properties: {
        b: { type: 'string', xml: { name: 'A' } },
        tags: { type: 'array', xml: { wrapped: false }, items: { type: 'string', xml: { name: 'tag' } } },
        ids: { type: 'array', xml: { name: 'Ids' }, items: { type: 'integer', xml: { name: 'Id' } } },
      },
    };
    expect(toXml({ b: 'x', tags: ['t1', 't2'], ids: [1] }, schema, resolve, 'r')).toBe(
      `<r ${I}><A>x</A><Ids><Id>1</Id></Ids><tag>t1</tag><tag>t2</tag></r>`,
    );
  });

  it('escapes text and never emits characters XML 1.0 forbids', () => {
    const out = toXml({ text: `<b>"Tom" & 'Jerry'</b>\r\u0001\u0085` }, ref('translation'), resolve);
    expect(out).toBe(
      `<translation ${I}><text>&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;&#xD;\ufffd&#x85;</text></translation>`,
    );
  });

  it('writes numbers and special values the .NET way', () => {
    const schema = { type: 'object', properties: {} };
    expect(
      toXml(
        { a: 15.0, b: -0, c: 0.1, d: 1e21, e: Number.POSITIVE_INFINITY, f: undefined },
        schema,
        resolve,
        'n',
      ),
    ).toBe(`<n ${I}><a>15</a><b>0</b><c>0.1</c><d>1e+21</d><e>INF</e></n>`);
    expect(toXml(null, ref('translation'), resolve)).toBe(`<translation i:nil="true" ${I}/>`);
    expect(toXml('', { type: 'string' }, resolve)).toBe(`<string ${I}></string>`);
  });

  it('does not read inherited properties', () => {
    const schema = {
      type: 'object',
      properties: { constructor: { type: 'string' }, toString: { type: 'string' } },
    };
    expect(toXml({}, schema, resolve, 'o')).toBe(`<o ${I}/>`);
    expect(toXml({ constructor: 'c' }, schema, resolve, 'o')).toBe(
      `<o ${I}><constructor>c</constructor></o>`,
    );
  });
});
