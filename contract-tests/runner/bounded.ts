// Requests whose order does not matter (the independent queries of one oracle case) go out a few at
// a time: the run waits less on the server, and a vendor's system never sees more than `limit` at once.

/** Default for the suite's concurrent reads: a small number a staging system absorbs without noticing. */
export const READ_CONCURRENCY = 4;

/**
 * `fn` over every item, at most `limit` at once; results in the items' order. The first error stops
 * new items from starting and is thrown once the running ones have ended.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed: { error: unknown } | undefined;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i] as T, i);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed) throw failed.error;
  return results;
}
