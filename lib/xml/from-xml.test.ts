import { describe, expect, it } from 'vitest';
import { fromXml } from './from-xml.ts';

const schemas: Record<string, unknown> = {
  job_part_usage: {
    type: 'object',
    properties: {
      article_code: { type: 'string' },
      article_id: { type: 'string', format: 'uuid' },
      discount: { type: 'number' },
      is_dummy: { type: 'boolean' },
      qty: { type: ['integer', 'null'] },
      working_date: { type: 'string', format: 'date-time' },
      translations: { type: 'array', items: { $ref: '#/components/schemas/translation' } },
    },
  },
  translation: { type: 'object', properties: { text: { type: 'string' } } },
};
const resolve = (ref: string): unknown => schemas[ref.replace('#/components/schemas/', '')];
const schema = { $ref: '#/components/schemas/job_part_usage' };

describe('fromXml', () => {
  it('reads the vendor sample (with whitespace between elements)', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<job_part_usage xmlns:i="http://www.w3.org/2001/XMLSchema-instance"> <article_code>sample string 7</article_code> <article_id>bba806de-564d-4451-80da-cd2507109604</article_id> <discount>15</discount> <is_dummy>true</is_dummy> <qty i:nil="true"/> <working_date>2026-06-16T21:16:49.251Z</working_date> <translations> <translation><text> a &amp; b </text></translation> </translations> </job_part_usage>`;
    expect(fromXml(xml, schema, resolve)).toEqual({
      ok: true,
      root: 'job_part_usage',
      value: {
        article_code: 'sample string 7',
        article_id: 'bba806de-564d-4451-80da-cd2507109604',
        discount: 15,
        is_dummy: true,
        qty: null,
        working_date: '2026-06-16T21:16:49.251Z',
        translations: [{ text: ' a & b ' }],
      },
    });
  });

  it('leaves values that do not parse as the declared type as strings and keeps unknown elements', () => {
    const xml =
      '<x><discount>abc</discount><is_dummy>yes</is_dummy><qty>1.5</qty><extra>7</extra>' +
      '<deep><a>1</a><a>2</a><b/></deep><translations>oops</translations></x>';
    const r = fromXml(xml, schema, resolve);
    expect(r).toEqual({
      ok: true,
      root: 'x',
      value: {
        discount: 'abc',
        is_dummy: 'yes',
        qty: 1.5,
        extra: '7',
        deep: { a: ['1', '2'], b: '' },
        translations: 'oops',
      },
    });
  });

  it('handles nil via any prefix bound to the XSI namespace only', () => {
    const xml =
      '<x xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:n="urn:other">' +
      '<article_code xsi:nil="true"/><discount n:nil="true">3</discount></x>';
    expect(fromXml(xml, schema, resolve)).toMatchObject({ value: { article_code: null, discount: 3 } });
  });

  it('reads CDATA, character references and prefixed elements', () => {
    const xml = '<a:x xmlns:a="urn:a"><a:article_code><![CDATA[<&>]]>&#x41;&#66;</a:article_code></a:x>';
    expect(fromXml(xml, schema, resolve)).toEqual({ ok: true, root: 'x', value: { article_code: '<&>AB' } });
  });

  it('does not pollute prototypes', () => {
    const r = fromXml(
      '<x><__proto__><polluted>1</polluted></__proto__><constructor>c</constructor></x>',
      {},
      resolve,
    );
    expect(r.ok).toBe(true);
    const value = (r as { value: Record<string, unknown> }).value;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(value.constructor).toBe('c');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('validates the root element name only when asked', () => {
    expect(fromXml('<a/>', {}, resolve).ok).toBe(true);
    expect(fromXml('<a/>', {}, resolve, { expectedRoot: 'a' }).ok).toBe(true);
    expect(fromXml('<a/>', {}, resolve, { expectedRoot: 'b' })).toEqual({
      ok: false,
      error: 'unexpected root element <a>, expected <b>',
    });
  });

  it('reports malformed XML with line and column', () => {
    const bad: Array<[string, RegExp]> = [
      ['<a>\n  <b></a>', /malformed XML: .*line 2/],
      ['<a>1 < 2</a>', /line 1, column/],
      ['<a>&foo;</a>', /undefined entity &foo; at line 1, column 4/],
      ['<a>x & y</a>', /line 1, column 6/],
      ['<a b="1" b="2"/>', /repeated/],
      ['', /malformed XML/],
      ['   ', /malformed XML/],
      ['<a/><b/>', /more than one root/],
      ['<a>\u0001</a>', /U\+0001 is not allowed in XML 1\.0 \(line 1, column 4\)/],
      ['<1a/>', /invalid name/],
      ['<a', /malformed XML/],
    ];
    for (const [xml, message] of bad) {
      const r = fromXml(xml, schema, resolve);
      expect(r.ok, xml).toBe(false);
      expect((r as { error: string }).error, xml).toMatch(message);
    }
  });

  it('rejects DOCTYPE (billion laughs) and oversized input', () => {
    const laughs =
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n<lolz>&lol2;</lolz>';
    expect(fromXml(laughs, {}, resolve)).toEqual({
      ok: false,
      error: 'DOCTYPE declarations are not allowed (line 2, column 1)',
    });
    expect(fromXml('<!doctype a><a/>', {}, resolve).ok).toBe(false);
    const big = `<a>${'x'.repeat(2000)}</a>`;
    expect(fromXml(big, {}, resolve, { maxBytes: 1000 })).toEqual({
      ok: false,
      error: 'XML input is larger than 1000 bytes',
    });
    expect(fromXml(`<a>${'é'.repeat(400)}</a>`, {}, resolve, { maxBytes: 800 }).ok).toBe(false);
    expect(fromXml(`<a>${'x'.repeat(2_000_000)}</a>`, {}, resolve).ok).toBe(false);
    expect(fromXml(big, {}, resolve).ok).toBe(true);
  });

  it('counts the byte limit in UTF-8 as Node does, astral characters included', () => {
    for (const text of ['😀'.repeat(300), `é€${'😀'.repeat(100)}x`]) {
      const xml = `<a>${text}</a>`;
      const size = Buffer.byteLength(xml, 'utf8');
      expect(fromXml(xml, {}, resolve, { maxBytes: size }).ok).toBe(true);
      expect(fromXml(xml, {}, resolve, { maxBytes: size - 1 })).toEqual({
        ok: false,
        error: `XML input is larger than ${size - 1} bytes`,
      });
    }
  });

  it('never throws', () => {
    const throwing = (): unknown => {
      throw new Error('no such ref');
    };
    expect(fromXml('<a><b>1</b></a>', { $ref: '#/x' }, throwing)).toEqual({
      ok: false,
      error: 'cannot read XML: no such ref',
    });
    expect(fromXml(undefined as unknown as string, {}, resolve).ok).toBe(false);
    const deep = `${'<a>'.repeat(300)}${'</a>'.repeat(300)}`;
    expect(fromXml(deep, {}, resolve).ok).toBe(false);
  });
});
