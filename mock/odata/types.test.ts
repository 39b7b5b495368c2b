import { describe, expectTypeOf, it } from 'vitest';
import type { ODataError, ParsedQuery, Result } from './types.ts';

describe('types', () => {
  it('narrows a result to its value when ok is true', () => {
    const r = { ok: true, value: 1 } as Result<number>;
    if (r.ok) expectTypeOf(r.value).toEqualTypeOf<number>();
    else expectTypeOf(r.error).toEqualTypeOf<ODataError>();
  });

  it('accepts a parsed query that only has the required members', () => {
    const q: ParsedQuery = { orderBy: [], skip: 0, count: false };
    expectTypeOf(q.filter).toEqualTypeOf<((r: Record<string, unknown>) => boolean) | undefined>();
  });

  it('accepts order-by items without a type as the public contract describes', () => {
    const q: ParsedQuery = { orderBy: [{ field: 'name', desc: true }], skip: 0, count: false };
    expectTypeOf(q.orderBy[0]?.field).toEqualTypeOf<string | undefined>();
  });
});
