import { expect, it } from 'vitest';
import { mapBounded } from './bounded.ts';

it('keeps the order of the items and never runs more than the limit at once', async () => {
  let running = 0;
  let most = 0;
  const out = await mapBounded([5, 1, 4, 2, 3, 0, 6], 3, async (n, i) => {
    running++;
    most = Math.max(most, running);
    for (let k = 0; k < n; k++) await Promise.resolve();
    running--;
    return `${i}:${n}`;
  });
  expect(out).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3', '5:0', '6:6']);
  expect(most).toBe(3);
});

it('throws the first error after the running items ended, and starts no new ones', async () => {
  const started: number[] = [];
  const ended: number[] = [];
  const run = mapBounded([0, 1, 2, 3, 4], 2, async (n) => {
    started.push(n);
    await Promise.resolve();
    if (n === 1) throw new Error('one');
    await Promise.resolve();
    ended.push(n);
    return n;
  });
  await expect(run).rejects.toThrow('one');
  expect(started).toEqual([0, 1]);
  expect(ended).toEqual([0]);
});

it('answers an empty list without calling fn', async () => {
  expect(await mapBounded([], 4, async () => 1)).toEqual([]);
});
