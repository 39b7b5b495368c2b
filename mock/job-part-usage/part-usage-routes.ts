// POST /api/JobPartUsage/Save of the Service App API (document 003).
import { refusal } from '../http/rules.ts';
import type { Handler } from '../pipeline/handler.ts';
import { type PartUsageWrite, savePartUsage } from './part-usage-store.ts';

export const savePartUsageRoute: Handler = ({ ctx, body }) => {
  const saved = savePartUsage(ctx.state, body as PartUsageWrite, ctx.now.toISOString());
  if (!saved.ok) throw refusal(saved.violations, 'The part usage refers to records that do not exist.');
  const { record, created } = saved.value;
  // 201 for a new record, 200 for an update (ASSUMPTIONS.md A8).
  return { status: created ? 201 : 200, body: ctx.prefs.returnMinimal ? { id: record.id } : record };
};
