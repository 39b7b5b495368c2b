import { expect, it } from 'vitest';
import { RequestLog } from './request-log.ts';

const entry = (session: string, path: string) => ({
  time: '2026-01-01T00:00:00.000Z',
  session,
  method: 'GET',
  path,
  status: 200,
  durationMs: 1,
  problems: [],
});

it('keeps only the newest entries of a session', () => {
  const log = new RequestLog(2);
  for (const p of ['/a', '/b', '/c']) log.add(entry('s', p));
  expect(log.recent('s', 10).map((e) => e.path)).toEqual(['/c', '/b']);
});

it('keeps sessions apart and lists all of them newest first', () => {
  const log = new RequestLog(5);
  log.add(entry('one', '/1'));
  log.add(entry('two', '/2'));
  expect(log.recent('one', 10).map((e) => e.path)).toEqual(['/1']);
  expect(log.recent(undefined, 10).map((e) => e.path)).toEqual(['/2', '/1']);
});

it('forgets sessions that are gone', () => {
  const log = new RequestLog(5);
  log.add(entry('gone', '/x'));
  log.retain(new Set(['default']));
  expect(log.recent('gone', 10)).toEqual([]);
});

it('cuts long request bodies', () => {
  const log = new RequestLog(5);
  log.add({ ...entry('s', '/big'), requestBody: 'x'.repeat(5000) });
  expect(log.recent('s', 1)[0]?.requestBody?.length).toBe(2001);
});
