// HTTP Basic as the jobs API does it: decoded credentials `username:password@domain`, the domain
// naming the tenant (vendor-apis.md; ASSUMPTIONS.md A5, A18). Users log in to the main and Service
// App hosts, ServiceDesk contacts with their e-login to JobsView.
import type { Contact, User } from '../../generators/fixtures/data-set.ts';
import { ApiError } from '../http/api-error.ts';
import { violation } from '../http/rules.ts';
import type { MockState } from '../state/mock-state.ts';

const UTF8 = new TextDecoder();

type Credentials = { login: string; password: string; domain: string };

/** Splits `username:password@domain`; the domain is after the last '@' so passwords may hold one. */
function parseBasic(header: string | undefined): Credentials | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m?.[1]) return undefined;
  let decoded: string;
  try {
    decoded = UTF8.decode(Uint8Array.from(atob(m[1]), (c) => c.charCodeAt(0)));
  } catch {
    return undefined; // not base64 after all (bad padding)
  }
  const colon = decoded.indexOf(':');
  const at = decoded.lastIndexOf('@');
  if (colon <= 0 || at <= colon) return undefined;
  return {
    login: decoded.slice(0, colon),
    password: decoded.slice(colon + 1, at),
    domain: decoded.slice(at + 1),
  };
}

/**
 * Compares two secrets without stopping at the first difference, so that the time does not tell
 * how much of a guess was right. Plain JavaScript (the pipeline imports no `node:` module).
 */
export function sameSecret(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length, 1);
  for (let i = 0; i < n; i++) diff |= a.charCodeAt(i % (a.length || 1)) ^ b.charCodeAt(i % (b.length || 1));
  return diff === 0;
}

const denied = () =>
  new ApiError(401, 'Authorization has been denied for this request.', {
    headers: { 'WWW-Authenticate': 'Basic realm="jobs", charset="UTF-8"' },
    violations: [
      violation('JOBS-AUTH', 'Missing or wrong credentials (username:password@domain).', 'Authorization'),
    ],
  });

function check(header: string | undefined, state: MockState): Credentials {
  const creds = parseBasic(header);
  if (!creds || !sameSecret(creds.domain.toLowerCase(), state.tenantDomain.toLowerCase())) throw denied();
  return creds;
}

// Accepted Authorization headers of a state (at most 1000), each with the record it named. A write
// replaces a record, never changes it: while the table holds the same object, the password,
// `disabled` and the tenant are what was checked, whatever else was written since (otherwise every
// write drops the cache, and the next request decodes, compares and rebuilds the logins index).
const MAX_ACCEPTED = 1000;
const acceptedUsers = new WeakMap<MockState, Map<string, User>>();
const acceptedContacts = new WeakMap<MockState, Map<string, Contact>>();
function acceptedOf<T>(caches: WeakMap<MockState, Map<string, T>>, state: MockState): Map<string, T> {
  let accepted = caches.get(state);
  if (!accepted) {
    accepted = new Map();
    caches.set(state, accepted);
  }
  return accepted;
}

/** The user of a main API / Service App call; `write` also requires a user who may write (403). */
export function authenticateUser(header: string | undefined, state: MockState, write: boolean): User {
  const accepted = acceptedOf(acceptedUsers, state);
  const known = header !== undefined ? accepted.get(header) : undefined;
  if (known && state.jobs.users.get(known.id) === known) return writable(known, write);
  const user = checkUser(header, state);
  if (header !== undefined && (accepted.size < MAX_ACCEPTED || accepted.has(header)))
    accepted.set(header, user);
  return writable(user, write);
}

function writable(user: User, write: boolean): User {
  if (write && user.read_only) {
    throw new ApiError(403, `The user '${user.username}' may read but not write.`, {
      violations: [{ field: 'Authorization', message: 'Read-only account (ASSUMPTIONS.md A5).' }],
    });
  }
  return user;
}

function checkUser(header: string | undefined, state: MockState): User {
  const creds = check(header, state);
  const users = state.derived(
    'users-by-login',
    () => new Map([...state.jobs.users.values()].map((u) => [u.username.toLowerCase(), u])),
  );
  const user = users.get(creds.login.toLowerCase());
  // Compare a password even for an unknown login, so that timing does not tell which logins exist.
  const ok = sameSecret(creds.password, user?.password ?? '\u0000no user');
  if (!user || !ok || user.disabled) throw denied();
  return user;
}

/** The ServiceDesk contact of a JobsView call. */
export function authenticateContact(header: string | undefined, state: MockState): Contact {
  const accepted = acceptedOf(acceptedContacts, state);
  const known = header !== undefined ? accepted.get(header) : undefined;
  if (known && state.jobs.contacts.get(known.id) === known) return known;
  const contact = checkContact(header, state);
  if (header !== undefined && (accepted.size < MAX_ACCEPTED || accepted.has(header)))
    accepted.set(header, contact);
  return contact;
}

function checkContact(header: string | undefined, state: MockState): Contact {
  const creds = check(header, state);
  const contacts = state.derived(
    'contacts-by-login',
    () => new Map([...state.jobs.contacts.values()].map((c) => [c.e_login.toLowerCase(), c])),
  );
  const contact = contacts.get(creds.login.toLowerCase());
  const ok = sameSecret(creds.password, contact?.e_password ?? '\u0000no contact');
  if (!contact || !ok) throw denied();
  return contact;
}
