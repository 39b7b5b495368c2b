import { expect, it } from 'vitest';
import {
  MAX_BODY_CHARS,
  MAX_PATH_CHARS,
  MAX_PROBLEMS,
  REDACTED,
  RequestLog,
  redactBody,
} from './request-log.ts';

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

it('keeps no password, token or credentials of a body, in JSON or XML', () => {
  const log = new RequestLog(5);
  const secrets = ['hunter2', 'tok-123', 'c2VjcmV0', 'abc.def'];
  log.add({
    ...entry('s', '/configurations/identity/r1/tokens'),
    requestBody: JSON.stringify({
      username: 'admin@demo',
      password: 'hunter2',
      nested: { refreshToken: 'tok-123', note: 'Basic c2VjcmV0' },
    }),
  });
  log.add({
    ...entry('s', '/x'),
    requestBody: '<login><user>a</user><Password type="x">hunter2</Password><t>Bearer abc.def</t></login>',
  });
  const kept = JSON.stringify(log.recent('s', 10));
  for (const secret of secrets) expect(kept).not.toContain(secret);
  expect(kept).toContain('admin@demo');
  expect(log.recent('s', 10)[1]?.requestBody).toContain(`"password":"${REDACTED}"`);
});

it('keeps no secret of a URL and caps its length and the problems', () => {
  const log = new RequestLog(5);
  log.add({
    ...entry('s', `/api/JobsView?access_token=s3cret&$top=1&x=${'y'.repeat(5000)}`),
    problems: Array.from({ length: 100 }, () => 'p'.repeat(10_000)),
  });
  const [kept] = log.recent('s', 1);
  expect(kept?.path).not.toContain('s3cret');
  expect(kept?.path).toContain('$top=1');
  expect(kept?.path.length).toBe(MAX_PATH_CHARS + 1);
  expect(kept?.problems.length).toBe(MAX_PROBLEMS);
  expect(kept?.problems[0]?.length).toBeLessThan(600);
});

it('redacts in time linear in the body (no backtracking on hostile text)', () => {
  for (const hostile of ['"'.repeat(MAX_BODY_CHARS), `"${'\\'.repeat(MAX_BODY_CHARS)}`, '<a '.repeat(700)])
    expect(redactBody(hostile).length).toBeGreaterThan(0);
});

it("keeps the mock's own sentences whole and still hides a credential quoted in one", () => {
  const log = new RequestLog(5);
  log.add({
    ...entry('s', '/work-orders/r1/types'),
    problems: [
      'NEXTGEN-AUTH: An Authorization: Bearer <token> header is required.',
      'NEXTGEN-AUTH: the token Bearer abc.def-123 has expired.',
    ],
  });
  const [kept] = log.recent('s', 1);
  expect(kept?.problems[0]).toBe('NEXTGEN-AUTH: An Authorization: Bearer <token> header is required.');
  expect(kept?.problems[1]).toBe(`NEXTGEN-AUTH: the token Bearer ${REDACTED} has expired.`);
});
