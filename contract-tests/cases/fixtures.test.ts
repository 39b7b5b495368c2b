import { describe, expect, it } from 'vitest';
import type { WorkOrderType } from '../runner/discovery.ts';
import {
  freeCode,
  freeTriplets,
  ownLeftovers,
  SUITE_CODE_PREFIX,
  tripletKey,
  writeBodyOf,
} from './fixtures.ts';

const type = (id: number, code: string, r: number, s: number, o: number): WorkOrderType => ({
  id,
  code,
  requestTypeId: r,
  serviceTypeId: s,
  technicalObjectTypeId: o,
});

describe('free values in the live data', () => {
  const types = [type(1, 'A', 1, 1, 1), type(2, 'B', 2, 1, 2), type(3, `${SUITE_CODE_PREFIX}X`, 1, 1, 2)];

  it('combines only ids in use into triplets no type has', () => {
    const free = freeTriplets(types).map(tripletKey);
    expect(free).toEqual(['2/1/1']);
    expect(free).not.toContain('1/1/1');
  });

  it('answers none when every combination is taken', () => {
    expect(freeTriplets([type(1, 'A', 1, 1, 1)])).toEqual([]);
  });

  it('makes codes of the asked length with the suite prefix that no type has', () => {
    const code = freeCode(types, 20);
    expect(code).toHaveLength(20);
    expect(code.startsWith(SUITE_CODE_PREFIX)).toBe(true);
    expect(types.map((x) => x.code)).not.toContain(code);
  });

  it("recognises the suite's own leftovers by their code", () => {
    expect(ownLeftovers(types).map((x) => x.id)).toEqual([3]);
  });
});

it('turns a read job into a PUT body without embedded entities and server fields', () => {
  const body = writeBodyOf({
    id: 'x',
    name: 'n',
    company_id: 'c',
    modified_dateutc: 'd',
    project: { id: 'p' },
  });
  expect(body).toEqual({ id: 'x', name: 'n' });
});
