// Placeholder replaced below.
import type { AttachableLog } from './open-state.ts';
export async function openRedisLog(
  _url: string,
  _seed: { seed: number; jobs: number },
): Promise<
  { ok: true; log: AttachableLog & { seed: { seed: number; jobs: number } } } | { ok: false; error: string }
> {
  return { ok: false, error: '--redis is not available yet' };
}
