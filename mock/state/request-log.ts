// The recent exchanges per session, for the admin API and the inspector page. Bounded: each
// session keeps its last `size` entries, and only sessions that exist keep any.

export type LoggedRequest = {
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

const MAX_BODY_CHARS = 2000;

export class RequestLog {
  #bySession = new Map<string, LoggedRequest[]>();
  #seq = 0;
  readonly #size: number;

  constructor(size: number) {
    this.#size = size;
  }

  add(entry: Omit<LoggedRequest, 'seq'>): void {
    const list = this.#bySession.get(entry.session) ?? [];
    const body = entry.requestBody;
    list.push({
      ...entry,
      seq: ++this.#seq,
      ...(body !== undefined
        ? { requestBody: body.length > MAX_BODY_CHARS ? `${body.slice(0, MAX_BODY_CHARS)}…` : body }
        : {}),
    });
    if (list.length > this.#size) list.splice(0, list.length - this.#size);
    this.#bySession.set(entry.session, list);
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
