// Bearer tokens of the NextGen identity endpoint (vendor-apis.md, Authentication; ASSUMPTIONS.md
// N9, N10): opaque random strings that carry the user's permissions until they expire. No HTTP here.
import type { components } from '../../generated/nextgen.ts';
import type { NextGenUser } from '../../generators/fixtures/data-set.ts';

type Token = components['schemas']['Token'];

/** Who a token speaks for. */
export type Principal = { username: string; permissions: readonly string[]; language: string };

/** Share of the lifetime after which clients are told to refresh (ASSUMPTIONS.md N10). */
const REFRESH_AFTER_SHARE = 0.8;
/** Live tokens kept at most; the oldest go first, so a long-running mock keeps bounded memory. */
const MAX_TOKENS = 10_000;

type Entry = { principal: Principal; expiresAt: number };

type Verification = { ok: true; value: Principal } | { ok: false; reason: 'unknown' | 'expired' };

/** The user with these credentials; usernames are case-insensitive, passwords are not. */
export function findUser(
  users: ReadonlyMap<string, NextGenUser>,
  username: string,
  password: string,
): NextGenUser | undefined {
  const user = users.get(username.toLowerCase());
  return user && user.password === password ? user : undefined;
}

/** 32 random bytes, base64url: Web Crypto, a global in Node and browsers (no `node:` import). */
function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/**
 * Instances of one mock sharing a state log (mock/state/redis-log.ts) share their tokens: each new
 * token is passed on by its hash (a token itself never leaves the instance that issued it), and a
 * token issued elsewhere is known here by that hash.
 */
type SharedTokens = {
  hash(accessToken: string): string;
  issued(hashed: string, principal: Principal, expiresAt: number): void;
};

export class TokenStore {
  readonly #entries = new Map<string, Entry>();
  /** Tokens issued by other instances, by hash. */
  readonly #adopted = new Map<string, Entry>();
  readonly #capacity: number;
  shared: SharedTokens | undefined;

  constructor(capacity: number = MAX_TOKENS) {
    this.#capacity = capacity;
  }

  issue(user: NextGenUser, now: Date, ttlSec: number): Token {
    this.#purge(now.getTime());
    const accessToken = randomToken();
    const issuedAt = now.getTime();
    const expiresAt = issuedAt + ttlSec * 1000;
    const principal: Principal = {
      username: user.username,
      permissions: [...user.permissions],
      language: user.language.toUpperCase(),
    };
    this.#entries.set(accessToken, { principal, expiresAt });
    this.shared?.issued(this.shared.hash(accessToken), principal, expiresAt);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: ttlSec,
      expires: new Date(expiresAt).toISOString(),
      refreshAfter: new Date(issuedAt + Math.floor(ttlSec * REFRESH_AFTER_SHARE) * 1000).toISOString(),
    };
  }

  /** The principal of a live token; a token is expired from its `expires` instant on. */
  verify(accessToken: string, now: Date): Verification {
    let table = this.#entries;
    let key = accessToken;
    if (!table.has(key) && this.shared && this.#adopted.size > 0) {
      table = this.#adopted;
      key = this.shared.hash(accessToken);
    }
    const entry = table.get(key);
    if (!entry) return { ok: false, reason: 'unknown' };
    if (now.getTime() >= entry.expiresAt) {
      table.delete(key);
      return { ok: false, reason: 'expired' };
    }
    return { ok: true, value: entry.principal };
  }

  /** True when the token was issued here or adopted (live or not). */
  knows(accessToken: string): boolean {
    if (this.#entries.has(accessToken)) return true;
    return this.shared !== undefined && this.#adopted.has(this.shared.hash(accessToken));
  }

  /** A token another instance issued, known by its hash; bounded like this instance's own. */
  adopt(hashed: string, principal: Principal, expiresAt: number): void {
    this.#adopted.set(hashed, { principal, expiresAt });
    for (const key of this.#adopted.keys()) {
      if (this.#adopted.size <= this.#capacity) break;
      this.#adopted.delete(key);
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  #purge(now: number): void {
    for (const [token, entry] of this.#entries) if (now >= entry.expiresAt) this.#entries.delete(token);
    // Maps iterate in insertion order: the first keys are the oldest tokens.
    for (const token of this.#entries.keys()) {
      if (this.#entries.size < this.#capacity) break;
      this.#entries.delete(token);
    }
  }
}
