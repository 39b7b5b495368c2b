import { expect, it } from 'vitest';
import { OverlayMap } from './overlay-map.ts';

it('reads through to the base, keeps its writes and deletes to itself, and counts what it changed', () => {
  const base = new Map([
    ['a', 1],
    ['b', 2],
  ]);
  const m = new OverlayMap(base);
  expect(m.get('a')).toBe(1);
  expect(m.size).toBe(2);
  expect(m.ownSize).toBe(0);
  m.set('a', 10);
  m.set('c', 3);
  m.delete('b');
  expect([...m]).toEqual([
    ['a', 10],
    ['c', 3],
  ]);
  expect(m.size).toBe(2);
  expect(m.has('b')).toBe(false);
  expect(base.get('a')).toBe(1);
  expect(base.has('b')).toBe(true);
  expect([...m.ownEntries()]).toEqual([
    ['a', 10],
    ['c', 3],
    ['b', undefined],
  ]);
  expect(m.ownSize).toBe(3);
  m.set('b', 20);
  m.delete('c');
  expect(m.size).toBe(2);
  expect([...m.keys()]).toEqual(['a', 'b']);
  expect([...m.values()]).toEqual([10, 20]);
  m.set('a', 1);
  m.set('b', 2);
  expect(m.ownSize).toBe(0);
});
