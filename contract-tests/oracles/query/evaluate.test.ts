import { describe, expect, it } from 'vitest';
import { describeRow, evaluateQuery, firstDifference } from './evaluate.ts';
import type { FieldTypes } from './filter-eval.ts';

const types: FieldTypes = { id: 'integer', name: 'string', n: 'integer' };
const rows = [
  { id: 1, name: 'b', n: 2 },
  { id: 2, name: 'A', n: 1 },
  { id: 3, name: 'a', n: 2 },
  { id: 4, name: 'c', n: 1 },
];

describe('evaluateQuery', () => {
  it('filters, sorts on every key and direction, and cuts $skip/$top', () => {
    const e = evaluateQuery(rows, { $filter: 'n ge 1', $orderby: 'n desc,name', $skip: 1, $top: 2 }, types);
    expect(e.rows.map((r) => r.id)).toEqual([3, 1, 2, 4]);
    expect(e.groups).toEqual([0, 1, 2, 3]);
    expect([e.start, e.end]).toEqual([1, 3]);
  });

  it('groups rows tied on every key (text ties ignore case, A13)', () => {
    const e = evaluateQuery(rows, { $orderby: 'name' }, types);
    expect(e.groups).toEqual([0, 0, 1, 2]);
  });

  it('keeps the default order without $orderby and clamps the window', () => {
    const e = evaluateQuery(rows, { $skip: 9, $top: 0 }, types);
    expect(e.rows.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    expect([e.start, e.end]).toEqual([4, 4]);
  });
});

describe('firstDifference', () => {
  const e = evaluateQuery(rows, { $orderby: 'name', $select: 'id,name' }, types);
  const sel = (ids: number[]) => ids.map((id) => ({ id, name: rows[id - 1]?.name }));

  it('accepts tied rows in any order', () => {
    expect(firstDifference(e, sel([3, 2, 1, 4]))).toBeUndefined();
    expect(firstDifference(e, sel([2, 3, 1, 4]))).toBeUndefined();
  });

  it('lets $skip and $top cut a tie group anywhere: the window may hold any of its rows, each once', () => {
    const cut = (skip: number, top: number) =>
      evaluateQuery(rows, { $orderby: 'name', $select: 'id,name', $skip: skip, $top: top }, types);
    // Rows 2 and 3 ('A', 'a') tie; $skip=1 cuts between them in the default order.
    expect(firstDifference(cut(1, 1), sel([2]))).toBeUndefined();
    expect(firstDifference(cut(1, 1), sel([3]))).toBeUndefined();
    expect(firstDifference(cut(0, 1), sel([3]))).toBeUndefined();
    expect(firstDifference(cut(1, 2), sel([1, 4]))).toMatchObject({ position: 0 });
    expect(firstDifference(cut(2, 2), sel([1, 4]))).toBeUndefined();
    expect(firstDifference(cut(2, 1), sel([4]))).toMatchObject({
      position: 0,
      why: 'another row at this position',
    });
  });

  it('names the position of a wrong, repeated, extra or missing row', () => {
    expect(firstDifference(e, sel([2, 1, 3, 4]))).toMatchObject({ position: 1 });
    expect(firstDifference(e, sel([2, 2, 1, 4]))).toMatchObject({ position: 1, received: { id: 2 } });
    expect(firstDifference(e, sel([2, 2, 1, 4]))?.why).toMatch(/tied/);
    expect(firstDifference(e, sel([2, 3, 1, 4, 4]))).toMatchObject({ position: 4, why: 'a row too many' });
    expect(firstDifference(e, sel([2, 3, 1]))).toMatchObject({ position: 3, expected: { id: 4 } });
    expect(firstDifference(e, sel([2, 3, 1]), false)).toBeUndefined();
  });

  it('sees fields that were not selected or are missing', () => {
    expect(firstDifference(e, [{ id: 2, name: 'A', n: 1 }], false)?.why).toMatch(/not selected: n/);
    expect(firstDifference(e, [{ id: 2 }], false)?.why).toMatch(/missing: name/);
  });
});

describe('describeRow', () => {
  it('shows the keys, the sort keys and where two rows differ', () => {
    expect(
      describeRow({ id: 1, id2: 7, a: 'x', b: 'y', c: 1 }, ['a'], { id: 2, id2: 7, a: 'x', b: 'z', c: 1 }),
    ).toBe('id2=7, id=1, a="x", b="y"');
    expect(describeRow(undefined, [])).toBe('no row');
  });
});
