import { describe, expect, it } from 'vitest';
import {
  ACTIVE_WORK_ORDER_STATUSES,
  INACTIVE_WORK_ORDER_STATUSES,
  SPECIFIC_TYPE_FIELD,
} from './work-orders.ts';

describe('work orders', () => {
  it('splits the statuses into active and not active, each once (N8)', () => {
    const all = [...ACTIVE_WORK_ORDER_STATUSES, ...INACTIVE_WORK_ORDER_STATUSES];
    expect(new Set(all).size).toBe(all.length);
    expect(INACTIVE_WORK_ORDER_STATUSES).toEqual(['closed', 'canceled', 'aligned']);
  });
  it('names a distinct specific field for each technical object kind (rule 2 of 004)', () => {
    expect(new Set(Object.values(SPECIFIC_TYPE_FIELD)).size).toBe(4);
  });
});
