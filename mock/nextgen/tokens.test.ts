import { expect, test } from 'vitest';
import type { NextGenUser } from '../../generators/fixtures/data-set.ts';
import { findUser, TokenStore } from './tokens.ts';

const user: NextGenUser = {
  username: 'Admin@demo',
  password: 'demo',
  permissions: ['p.view'],
  language: 'it',
};
const at = (iso: string) => new Date(iso);

test('a token is valid until its expires instant and not from then on', () => {
  const store = new TokenStore();
  const token = store.issue(user, at('2026-01-01T00:00:00Z'), 60);
  expect(token).toMatchObject({
    tokenType: 'Bearer',
    expiresIn: 60,
    expires: '2026-01-01T00:01:00.000Z',
    refreshAfter: '2026-01-01T00:00:48.000Z',
  });
  expect(store.verify(token.accessToken, at('2026-01-01T00:00:59.999Z'))).toEqual({
    ok: true,
    value: { username: 'Admin@demo', permissions: ['p.view'], language: 'IT' },
  });
  expect(store.verify(token.accessToken, at('2026-01-01T00:01:00Z'))).toEqual({
    ok: false,
    reason: 'expired',
  });
  expect(store.verify(token.accessToken, at('2026-01-01T00:00:30Z'))).toEqual({
    ok: false,
    reason: 'unknown',
  });
});

test('an unknown token does not verify', () => {
  expect(new TokenStore().verify('nope', new Date())).toEqual({ ok: false, reason: 'unknown' });
});

test('the store drops expired tokens and then the oldest ones beyond its capacity', () => {
  const store = new TokenStore(3);
  const now = at('2026-01-01T00:00:00Z');
  const expired = store.issue(user, now, 0);
  const tokens = [1, 2, 3, 4].map(() => store.issue(user, at('2026-01-01T00:00:01Z'), 60).accessToken);
  expect(store.size).toBe(3);
  const later = at('2026-01-01T00:00:02Z');
  expect(store.verify(expired.accessToken, later).ok).toBe(false);
  expect(tokens.map((t) => store.verify(t, later).ok)).toEqual([false, true, true, true]);
});

test('findUser matches the username case-insensitively and the password exactly', () => {
  const users = new Map([['admin@demo', user]]);
  expect(findUser(users, 'ADMIN@DEMO', 'demo')).toBe(user);
  expect(findUser(users, 'admin@demo', 'DEMO')).toBeUndefined();
  expect(findUser(users, 'other@demo', 'demo')).toBeUndefined();
});

test('shares tokens by hash: another store accepts an adopted token until it expires, never an unknown one', () => {
  const hash = (t: string) => `h:${t}`;
  const passed: [string, number][] = [];
  const issuer = new TokenStore();
  issuer.shared = { hash, issued: (h, _p, e) => passed.push([h, e]) };
  const token = issuer.issue(user, at('2026-01-01T00:00:00Z'), 60).accessToken;
  expect(passed).toEqual([[`h:${token}`, Date.parse('2026-01-01T00:01:00Z')]]);
  const other = new TokenStore();
  other.shared = { hash, issued: () => {} };
  expect(other.verify(token, at('2026-01-01T00:00:30Z')).ok).toBe(false);
  other.adopt(
    `h:${token}`,
    { username: user.username, permissions: ['p.view'], language: 'IT' },
    passed[0]?.[1] ?? 0,
  );
  expect(other.verify(token, at('2026-01-01T00:00:30Z'))).toMatchObject({
    ok: true,
    value: { username: 'Admin@demo' },
  });
  expect(other.verify('not-a-token', at('2026-01-01T00:00:30Z'))).toEqual({ ok: false, reason: 'unknown' });
  expect(other.verify(token, at('2026-01-01T00:01:00Z'))).toEqual({ ok: false, reason: 'expired' });
});
