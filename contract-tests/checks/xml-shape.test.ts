import { describe, expect, it } from 'vitest';
import type { OperationId } from '../spec/api-catalog.ts';
import { cannedExchange } from '../support/canned-exchange.ts';
import { checkXmlShape, elementTree } from './xml-shape.ts';

const XSI = 'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"';
const xml = (_body: string) => ({
  contentType: 'application/xml; charset=utf-8',
  headers: {} as Record<string, string>,
});

describe('elementTree', () => {
  it('reads nested names and attributes, and refuses tags that do not nest', () => {
    const root = elementTree(`<?xml version="1.0"?><a ${XSI}><b>x</b><c i:nil="true"/><d><e/></d></a>`);
    expect(root?.name).toBe('a');
    expect(root?.children.map((c) => c.name)).toEqual(['b', 'c', 'd']);
    expect(elementTree('<a><b></a></b>')).toBeUndefined();
  });
});

describe('checkXmlShape', () => {
  const check = (body: string, op: OperationId = 'JobsView_Get') =>
    checkXmlShape(cannedExchange(op, 200, body, xml(body)));

  it('accepts the root the schema names, the samples namespace and ordinal order', () => {
    expect(
      check(
        `<jobs_view ${XSI}><_parent_id>x</_parent_id><company_code>c</company_code><name>n</name></jobs_view>`,
      ),
    ).toBeUndefined();
  });

  it('reports another root, a missing namespace, disorder and undocumented elements', () => {
    expect(check(`<anyType ${XSI}><name>n</name></anyType>`)?.message).toContain('root element');
    expect(check('<jobs_view><name>n</name></jobs_view>')?.message).toContain('XMLSchema-instance');
    expect(
      check(`<jobs_view ${XSI}><name>n</name><company_code>c</company_code></jobs_view>`)?.message,
    ).toContain('ordinal order');
    expect(check(`<jobs_view ${XSI}><surprise>n</surprise></jobs_view>`)?.message).toContain('undocumented');
  });

  it('names a union answer by one of its branches, and a list by its items', () => {
    expect(check(`<jobs ${XSI}><id>x</id></jobs>`, 'Jobs_Put')).toBeUndefined();
    expect(check(`<anyType ${XSI}><id>x</id></anyType>`, 'Jobs_Put')?.rule).toBe('XML-SHAPE');
    expect(
      check(
        `<ArrayOfjobs_view ${XSI}><jobs_view><name>n</name></jobs_view></ArrayOfjobs_view>`,
        'JobsView_List',
      ),
    ).toBeUndefined();
    expect(
      check(`<ArrayOfjobs_view ${XSI}><row><name>n</name></row></ArrayOfjobs_view>`, 'JobsView_List')
        ?.message,
    ).toContain('another name');
  });

  it('leaves JSON and errors alone', () => {
    expect(checkXmlShape(cannedExchange('JobsView_Get', 200, { name: 'x' }))).toBeUndefined();
  });
});
