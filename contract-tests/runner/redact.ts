// --redact: every secret out of every output. The run keeps its secrets in memory to talk to the
// server; what it stores in its results (and so what every report, the progress and the terminal
// print) has them replaced by <redacted>: the configured passwords and logins (as text and as the
// base64 of a Basic header), the values of credential headers, and every token, password or
// secret field of a JSON body, learnt as the exchanges come in (ASSUMPTIONS.md S1).
import type { SuiteConfig } from '../config/suite-config.ts';
import type { Exchange } from '../http/exchange.ts';

export const REDACTED = '<redacted>';

/** Header names whose values are credentials. */
const SECRET_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-admin-token|.*token.*|.*secret.*)$/i;
/** JSON field names whose values are credentials. */
const SECRET_FIELD = /^(password|passwd|secret|client_secret|.*token)$/i;
/** Values shorter than this are hidden only where their field or header names them (S1). */
const MIN_TEXT_SECRET = 4;

export class Redactor {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | undefined;

  constructor(config: SuiteConfig) {
    const { jobsWriter, jobsReadOnly, contacts, nextgen } = config.credentials;
    for (const basic of [jobsWriter, jobsReadOnly, ...contacts]) {
      if (!basic) continue;
      this.add(basic);
      this.add(Buffer.from(basic, 'utf8').toString('base64'));
      const colon = basic.indexOf(':');
      const at = basic.lastIndexOf('@');
      if (colon > 0 && at > colon) this.add(basic.slice(colon + 1, at));
    }
    for (const login of Object.values(nextgen)) if (login) this.add(login.password);
    for (const [name, value] of Object.entries(config.headers))
      if (SECRET_HEADER.test(name)) this.learnHeader(value);
  }

  private add(secret: string | undefined): void {
    if (!secret || secret.length < MIN_TEXT_SECRET || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.pattern = undefined;
  }

  private learnHeader(value: string): void {
    // "Basic x", "Bearer x": the credential is after the scheme; the whole value counts too.
    this.add(value);
    const [, credential] = /^\s*\S+\s+(.+)$/.exec(value) ?? [];
    this.add(credential?.trim());
    if (/^\s*basic\s/i.test(value) && credential)
      this.add(Buffer.from(credential.trim(), 'base64').toString('utf8'));
  }

  private learnJson(text: string | undefined): void {
    if (!text || !/token|password|secret/i.test(text)) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return;
    }
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object')
        for (const [k, inner] of Object.entries(v)) {
          if (SECRET_FIELD.test(k) && typeof inner === 'string') this.add(inner);
          else walk(inner);
        }
    };
    walk(value);
  }

  /** Learns the secrets an exchange carries: credential headers both ways, secret fields of both bodies. */
  learn(x: Exchange): void {
    for (const [name, value] of Object.entries(x.request.headers))
      if (SECRET_HEADER.test(name)) this.learnHeader(value);
    for (const [name, value] of Object.entries(x.response?.headers ?? {}))
      if (SECRET_HEADER.test(name)) this.learnHeader(value);
    this.learnJson(x.request.body);
    this.learnJson(x.response?.body);
  }

  /** The text with every known secret replaced, and credentials named by their field or header hidden whatever their length. */
  text(s: string): string {
    if (!this.pattern && this.secrets.size) {
      const escaped = [...this.secrets]
        .sort((a, b) => b.length - a.length)
        .map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      this.pattern = new RegExp(escaped.join('|'), 'g');
    }
    let out = this.pattern ? s.replace(this.pattern, REDACTED) : s;
    // An auth-scheme followed by a credential (token68), not by a challenge's parameters (realm="...")
    // nor by a word of prose ("Basic credentials"); case-sensitive so that the word test holds.
    out = out.replace(
      /\b([Bb]asic|[Bb]earer)\s+(?!<redacted>)(?![A-Za-z]+=")(?![a-z]+\b)[A-Za-z0-9+/=._~-]{8,}/g,
      `$1 ${REDACTED}`,
    );
    out = out.replace(
      /("(?:password|passwd|secret|client_secret|[A-Za-z_]*[Tt]oken)"\s*:\s*")((?:[^"\\]|\\.)*)"/g,
      (_, head: string, value: string) => (value === REDACTED ? `${head}${value}"` : `${head}${REDACTED}"`),
    );
    return out;
  }

  /** A deep copy of a value with every string (and every header of a secret name) redacted. */
  value<T>(v: T): T {
    const walk = (x: unknown, key?: string): unknown => {
      if (typeof x === 'string')
        return key !== undefined && SECRET_HEADER.test(key) ? this.header(x) : this.text(x);
      if (Array.isArray(x)) return x.map((i) => walk(i));
      if (x !== null && typeof x === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, inner] of Object.entries(x)) out[k] = walk(inner, k);
        return out;
      }
      return x;
    };
    return walk(v) as T;
  }

  private header(value: string): string {
    const scheme = /^\s*(Basic|Bearer|Digest|Negotiate)\s/i.exec(value)?.[1];
    return scheme ? `${scheme} ${REDACTED}` : REDACTED;
  }
}
