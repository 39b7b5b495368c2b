// The recent exchanges per session, for the admin API and the inspector page. Bounded: each
// session keeps its last `size` entries, only sessions that exist keep any, and each entry keeps at
// most MAX_PATH_CHARS of its URL, MAX_BODY_CHARS of its body and MAX_PROBLEMS problems. No secret
// is kept (issue 11): values of fields and parameters named like a password, token, secret, key or
// Authorization, and Basic/Bearer credentials anywhere, are replaced before an entry is stored.
// The Authorization header itself is never given to the log.

type LoggedRequest = {
  seq: number;
  time: string;
  session: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  problems: string[];
  requestBody?: string;
};

export const MAX_BODY_CHARS = 2000;
export const MAX_PATH_CHARS = 1000;
export const MAX_PROBLEMS = 20;
const MAX_PROBLEM_CHARS = 500;
export const REDACTED = '[redacted]';
const NO_PROBLEMS: string[] = [];

const SECRET_NAME = /pass|secret|token|authori[sz]ation|api[-_]?key|credential/i;
// Each pattern is matched left to right without nested quantifiers: linear in the text.
const CREDENTIALS = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const JSON_MEMBER = /"((?:[^"\\]|\\.)*)"(\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,{}[\]\s"]*)/g;
const XML_ELEMENT = /<([A-Za-z_][\w.:-]{0,100})(\s[^<>]*)?>([^<]*)/g;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** A request body without its secrets, cut to MAX_BODY_CHARS (cut first: only the kept text matters). */
export function redactBody(body: string): string {
  return cut(body, MAX_BODY_CHARS)
    .replace(JSON_MEMBER, (all, name: string, colon: string) =>
      SECRET_NAME.test(name) ? `"${name}"${colon}"${REDACTED}"` : all,
    )
    .replace(XML_ELEMENT, (all, name: string, attributes: string | undefined) =>
      SECRET_NAME.test(name) ? `<${name}${attributes ?? ''}>${REDACTED}` : all,
    )
    .replace(CREDENTIALS, `$1 ${REDACTED}`);
}

/**
 * A problem (the mock's own sentence, which may quote what the client sent) without credentials.
 * Not read as JSON or XML: a sentence such as "Authorization: Bearer <token>" is no element.
 */
function redactProblem(problem: string): string {
  return cut(problem, MAX_PROBLEM_CHARS).replace(CREDENTIALS, `$1 ${REDACTED}`);
}

/** A URL without the values of secret-named query parameters, cut to MAX_PATH_CHARS. */
function redactPath(path: string): string {
  const q = path.indexOf('?');
  if (q < 0) return cut(path.replace(CREDENTIALS, `$1 ${REDACTED}`), MAX_PATH_CHARS);
  const query = path
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {}
      return eq >= 0 && SECRET_NAME.test(decoded) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return cut(`${path.slice(0, q + 1)}${query}`.replace(CREDENTIALS, `$1 ${REDACTED}`), MAX_PATH_CHARS);
}

export class RequestLog {
  #bySession = new Map<string, LoggedRequest[]>();
  #seq = 0;
  readonly #size: number;

  constructor(size: number) {
    this.#size = size;
  }

  add(entry: Omit<LoggedRequest, 'seq'>): void {
    let list = this.#bySession.get(entry.session);
    if (!list) {
      list = [];
      this.#bySession.set(entry.session, list);
    }
    const body = entry.requestBody;
    const kept: LoggedRequest = {
      seq: ++this.#seq,
      time: entry.time,
      session: entry.session,
      method: entry.method,
      path: redactPath(entry.path),
      status: entry.status,
      durationMs: entry.durationMs,
      problems:
        entry.problems.length === 0 ? NO_PROBLEMS : entry.problems.slice(0, MAX_PROBLEMS).map(redactProblem),
    };
    if (body !== undefined) kept.requestBody = redactBody(body);
    list.push(kept);
    if (list.length > this.#size) list.splice(0, list.length - this.#size);
  }

  /** Newest first. */
  recent(session: string | undefined, limit: number): LoggedRequest[] {
    const all =
      session === undefined ? [...this.#bySession.values()].flat() : (this.#bySession.get(session) ?? []);
    return [...all].sort((a, b) => b.seq - a.seq).slice(0, limit);
  }

  /** How many sessions have entries. */
  get sessionCount(): number {
    return this.#bySession.size;
  }
  /** Forget the sessions that no longer exist. */
  retain(sessions: Set<string>): void {
    for (const name of this.#bySession.keys()) if (!sessions.has(name)) this.#bySession.delete(name);
  }

  clear(session?: string): void {
    if (session === undefined) this.#bySession.clear();
    else this.#bySession.delete(session);
  }
}
