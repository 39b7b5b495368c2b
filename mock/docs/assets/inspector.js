// The inspector: reads the admin API (/__admin) with the token the person types in, and shows the
// sessions, their state as counts and the recent requests. Everything from the server is put into
// the page as text (textContent), never as HTML: request paths and bodies come from any client.

const TOKEN_KEY = 'wo-mock.admin-token';
const AUTO_KEY = 'wo-mock.inspector-auto';
const ALL = '';
const MAX_SUMMARIES = 20;

const $ = (id) => document.getElementById(id);
const view = {
  login: $('login'),
  token: $('token'),
  message: $('message'),
  inspector: $('inspector'),
  filter: $('filter'),
  session: $('session'),
  auto: $('auto'),
  sessions: $('sessions'),
  counts: $('counts'),
  requests: $('requests'),
  seed: $('seed'),
  jobs: $('jobs'),
};

/** What the last refresh read; the filter works on it without asking the server again. */
const data = { sessions: [], summaries: [], requests: [] };
let timer;

class AdminError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function admin(method, path, body) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) throw new AdminError(401, 'Enter the admin token.');
  const headers = { 'X-Admin-Token': token };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`/__admin${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  let json;
  try {
    json = await res.json();
  } catch {
    json = undefined;
  }
  if (res.status === 401) throw new AdminError(401, 'The mock refused this admin token.');
  if (res.status === 404 && path === '/health')
    throw new AdminError(404, 'This mock runs without its admin API (--no-admin).');
  if (!res.ok) throw new AdminError(res.status, json?.error ?? `The admin API answered ${res.status}.`);
  return json;
}

function say(text, isError = false) {
  view.message.textContent = text;
  view.message.className = isError ? 'error' : '';
}

/** A DOM element with attributes and children (strings become text nodes). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'className') node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : String(child));
  return node;
}

const clock = (ms) => new Date(ms).toLocaleTimeString([], { hour12: false });
const words = () => view.filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
const matches = (text, terms) => terms.every((term) => text.toLowerCase().includes(term));

function emptyRow(columns, text) {
  return el('tr', {}, el('td', { colspan: String(columns), className: 'empty' }, text));
}

function renderSessions() {
  const selected = view.session.value;
  view.session.replaceChildren(
    el('option', { value: ALL }, 'all sessions'),
    ...data.sessions.map((s) => el('option', { value: s.name }, s.name)),
  );
  view.session.value = data.sessions.some((s) => s.name === selected) ? selected : ALL;
  view.sessions.replaceChildren(
    ...data.sessions.map((s) =>
      el(
        'tr',
        {},
        el('td', {}, s.name),
        el('td', {}, clock(s.lastUsed)),
        el('td', { className: 'num' }, s.version),
        el(
          'td',
          {},
          el('button', { type: 'button', 'data-reset': s.name, 'aria-label': `Reset ${s.name}` }, 'Reset'),
        ),
      ),
    ),
  );
}

function renderCounts() {
  const terms = words();
  const rows = [];
  for (const { session, counts } of data.summaries) {
    for (const [api, resources] of Object.entries(counts)) {
      for (const [resource, count] of Object.entries(resources)) {
        if (!matches(`${session} ${api} ${resource}`, terms)) continue;
        rows.push(
          el(
            'tr',
            {},
            el('td', {}, session),
            el('td', {}, api),
            el('td', {}, resource),
            el('td', { className: 'num' }, count),
          ),
        );
      }
    }
  }
  view.counts.replaceChildren(...(rows.length > 0 ? rows : [emptyRow(4, 'No resource matches.')]));
}

function requestCells(r) {
  const path = el('td', { className: 'path' }, r.path);
  if (r.requestBody !== undefined)
    path.append(el('details', {}, el('summary', {}, 'body'), el('pre', {}, r.requestBody)));
  const problems = el('td');
  if (r.problems.length > 0) problems.append(el('ul', {}, ...r.problems.map((p) => el('li', {}, p))));
  return [
    el('td', { title: r.time }, clock(Date.parse(r.time))),
    el('td', {}, r.session),
    el('td', {}, r.method),
    path,
    el('td', { className: `num status-${String(r.status)[0]}xx` }, r.status),
    el('td', { className: 'num' }, r.durationMs),
    problems,
  ];
}

function renderRequests() {
  const terms = words();
  const rows = data.requests
    .filter((r) =>
      matches(
        `${r.session} ${r.method} ${r.path} ${r.status} ${r.problems.join(' ')} ${r.requestBody ?? ''}`,
        terms,
      ),
    )
    .map((r) => el('tr', { 'data-seq': String(r.seq) }, ...requestCells(r)));
  const none = data.requests.length === 0 ? 'No requests yet.' : 'No request matches.';
  view.requests.replaceChildren(...(rows.length > 0 ? rows : [emptyRow(7, none)]));
}

function render() {
  renderSessions();
  renderCounts();
  renderRequests();
}

/** Reads everything again; false (with the reason shown) when the admin API refused. */
async function refresh() {
  try {
    const health = await admin('GET', '/health');
    const { sessions } = await admin('GET', '/sessions');
    data.sessions = sessions.sort((a, b) => a.name.localeCompare(b.name));
    const chosen = view.session.value;
    const names = chosen === ALL ? data.sessions.map((s) => s.name) : [chosen];
    data.summaries = await Promise.all(
      names
        .slice(0, MAX_SUMMARIES)
        .map((name) => admin('GET', `/summary?session=${encodeURIComponent(name)}`)),
    );
    const query = chosen === ALL ? '' : `&session=${encodeURIComponent(chosen)}`;
    data.requests = (await admin('GET', `/requests?limit=200${query}`)).requests;
    view.seed.placeholder = String(health.seed);
    view.login.hidden = true;
    view.inspector.hidden = false;
    render();
    say(`Seed ${health.seed}, ${health.sessions} session(s), read at ${clock(Date.now())}.`);
    return true;
  } catch (error) {
    if (error instanceof AdminError && (error.status === 401 || error.status === 404)) signOut();
    say(error.message, true);
    return false;
  }
}

async function act(label, call) {
  try {
    await call();
    if (await refresh()) say(label);
  } catch (error) {
    say(error.message, true);
  }
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  view.inspector.hidden = true;
  view.login.hidden = false;
  setAuto(false);
}

function setAuto(on) {
  view.auto.checked = on;
  sessionStorage.setItem(AUTO_KEY, on ? '1' : '');
  clearInterval(timer);
  if (on) timer = setInterval(refresh, 2000);
}

view.login.addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, view.token.value.trim());
  view.token.value = '';
  refresh();
});
$('forget').addEventListener('click', () => {
  signOut();
  say('Token forgotten.');
});
$('refresh').addEventListener('click', refresh);
view.auto.addEventListener('change', () => setAuto(view.auto.checked));
view.session.addEventListener('change', refresh);
view.filter.addEventListener('input', () => {
  renderCounts();
  renderRequests();
});
view.sessions.addEventListener('click', (event) => {
  const name = event.target.closest('button[data-reset]')?.dataset.reset;
  if (name === undefined) return;
  act(`Session ${name} reset to the seeded data.`, () =>
    admin('POST', `/reset?session=${encodeURIComponent(name)}`),
  );
});
$('reset-all').addEventListener('click', () => {
  if (!confirm('Reset every session to the seeded data?')) return;
  act('All sessions reset to the seeded data.', () => admin('POST', '/reset'));
});
$('reseed').addEventListener('submit', (event) => {
  event.preventDefault();
  const body = {};
  if (view.seed.value !== '') body.seed = Number(view.seed.value);
  if (view.jobs.value !== '') body.jobs = Number(view.jobs.value);
  if (!confirm('Make new data for all sessions? Every change is lost.')) return;
  act('Re-seeded: every session starts again from the new data.', async () => {
    const result = await admin('POST', '/reseed', body);
    view.seed.value = '';
    view.jobs.value = '';
    return result;
  });
});

if (sessionStorage.getItem(TOKEN_KEY)) {
  refresh();
  if (sessionStorage.getItem(AUTO_KEY)) setAuto(true);
}
