// The spec documents under Node: the rules of the refusals are read from lib/spec-runtime.ts.
import '../../lib/spec.ts';
import { expect, test } from 'vitest';
import { generateDataSet } from '../../generators/fixtures/generate.ts';
import { ApiError } from '../http/api-error.ts';
import { MockState } from '../state/mock-state.ts';
import { authenticateContact, authenticateUser, sameSecret } from './auth.ts';

const data = generateDataSet({ seed: 3, jobs: 20 });
const basic = (login: string, password: string, domain: string) =>
  `Basic ${btoa(`${login}:${password}@${domain}`)}`;
const statusOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return e.status;
    throw e;
  }
  return 200;
};

function aUser(state: MockState, readOnly: boolean) {
  const user = [...state.jobs.users.values()].find((u) => !u.disabled && u.read_only === readOnly);
  if (!user) throw new Error(`no ${readOnly ? 'read-only' : 'writing'} user`);
  return user;
}

test('a user is accepted with login, password and the tenant domain, and refused otherwise', () => {
  const state = new MockState(data);
  const user = aUser(state, false);
  const domain = state.tenantDomain;
  expect(authenticateUser(basic(user.username.toUpperCase(), user.password, domain), state, true)).toBe(user);
  expect(
    statusOf(() => authenticateUser(basic(user.username, `${user.password}x`, domain), state, false)),
  ).toBe(401);
  expect(statusOf(() => authenticateUser(basic(user.username, user.password, 'other'), state, false))).toBe(
    401,
  );
  expect(statusOf(() => authenticateUser(basic('nobody', user.password, domain), state, false))).toBe(401);
  expect(statusOf(() => authenticateUser(undefined, state, false))).toBe(401);
  expect(statusOf(() => authenticateUser('Basic !!', state, false))).toBe(401);
});

test('a read-only user may read, not write (403)', () => {
  const state = new MockState(data);
  const user = aUser(state, true);
  const header = basic(user.username, user.password, state.tenantDomain);
  expect(authenticateUser(header, state, false)).toBe(user);
  expect(statusOf(() => authenticateUser(header, state, true))).toBe(403);
});

test('an accepted header stays accepted across other writes, and is checked again once its user changed', () => {
  const state = new MockState(data);
  const user = aUser(state, false);
  const header = basic(user.username, user.password, state.tenantDomain);
  expect(authenticateUser(header, state, true)).toBe(user);
  // Another record written: the same user, without a new check.
  const job = [...state.jobs.jobs.values()][0];
  if (!job) throw new Error('no job');
  state.setJob({ ...job, name: 'changed' });
  state.touch();
  expect(authenticateUser(header, state, true)).toBe(user);
  // The password changed: the old header no longer works, the new one does.
  state.put('jobs.users', user.id, { ...user, password: 'new secret' });
  state.touch();
  expect(statusOf(() => authenticateUser(header, state, true))).toBe(401);
  const changed = authenticateUser(basic(user.username, 'new secret', state.tenantDomain), state, true);
  expect(changed.password).toBe('new secret');
  // Disabled: refused, though the header was accepted a moment ago.
  state.put('jobs.users', user.id, { ...changed, disabled: true });
  state.touch();
  expect(
    statusOf(() => authenticateUser(basic(user.username, 'new secret', state.tenantDomain), state, true)),
  ).toBe(401);
});

test('a contact logs in with e_login and e_password; a changed password is checked again', () => {
  const state = new MockState(data);
  const contact = [...state.jobs.contacts.values()].find((c) => c.e_login && c.e_password);
  if (!contact) throw new Error('no contact with a login');
  const header = basic(contact.e_login, contact.e_password, state.tenantDomain);
  expect(authenticateContact(header, state)).toBe(contact);
  expect(authenticateContact(header, state)).toBe(contact);
  state.put('jobs.contacts', contact.id, { ...contact, e_password: 'other' });
  state.touch();
  expect(statusOf(() => authenticateContact(header, state))).toBe(401);
});

test('sameSecret compares whole secrets', () => {
  expect(sameSecret('abc', 'abc')).toBe(true);
  expect(sameSecret('abc', 'abd')).toBe(false);
  expect(sameSecret('abc', 'abcabc')).toBe(false);
  expect(sameSecret('', '')).toBe(true);
});
