// The API docs page: Swagger UI from local files, showing the spec this mock serves (its servers
// rewritten to this origin), with the demo credentials of the mock filled in for "try it".

const API = location.pathname.replace(/\/$/, '').endsWith('/nextgen') ? 'nextgen' : 'jobs';
const SESSION_KEY = 'wo-mock.session';
const SESSION_NAME = /^[A-Za-z0-9._-]{1,64}$/;
// The demo accounts of the mock (mock/cli.ts prints them; ASSUMPTIONS.md A5, N9).
const JOBS_USER = { login: 'admin', password: 'demo@demo' };
const JOBS_CONTACT = { login: 'contact1', password: 'demo@demo' };
const NEXTGEN_LOGIN = { username: 'admin@demo', password: 'demo' };

const note = document.getElementById('credentials');
const sessionInput = document.getElementById('session');

function currentSession() {
  const name = sessionStorage.getItem(SESSION_KEY) ?? '';
  return SESSION_NAME.test(name) ? name : '';
}

// Only API calls carry the session: the mock makes a session on first use of its name.
function addSession(request) {
  const session = currentSession();
  const url = new URL(request.url, location.href);
  if (session && url.origin === location.origin && !url.pathname.startsWith('/docs/'))
    request.headers['X-Mock-Session'] = session;
  return request;
}

async function nextGenToken() {
  const res = await fetch('/configurations/identity/r1/tokens', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(NEXTGEN_LOGIN),
  });
  if (!res.ok) throw new Error(`the token endpoint answered ${res.status}`);
  const body = await res.json();
  if (typeof body.accessToken !== 'string') throw new Error('the token answer has no accessToken');
  return body;
}

async function prefill(ui) {
  if (API === 'jobs') {
    ui.preauthorizeBasic('basicAuth', JOBS_USER.login, JOBS_USER.password);
    ui.preauthorizeBasic('contactBasicAuth', JOBS_CONTACT.login, JOBS_CONTACT.password);
    note.textContent =
      `Signed in for "try it": ${JOBS_USER.login}:${JOBS_USER.password} (Jobs, JobPartUsage) and ` +
      `${JOBS_CONTACT.login}:${JOBS_CONTACT.password} (JobsView). Change them with Authorize.`;
    return;
  }
  try {
    const token = await nextGenToken();
    ui.preauthorizeApiKey('bearerAuth', token.accessToken);
    note.textContent =
      `Signed in for "try it" as ${NEXTGEN_LOGIN.username} with a token valid ${token.expiresIn} s ` +
      '(reload the page for a new one). Change it with Authorize.';
  } catch (error) {
    note.textContent =
      `No demo token (${error.message}). Get one with "try it" on POST /configurations/identity/r1/tokens ` +
      `(${NEXTGEN_LOGIN.username} / ${NEXTGEN_LOGIN.password}), then paste its accessToken under Authorize.`;
  }
}

document.getElementById(`tab-${API}`).setAttribute('aria-current', 'page');
sessionInput.value = currentSession();
document.getElementById('session-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const name = sessionInput.value.trim();
  if (name === '') sessionStorage.removeItem(SESSION_KEY);
  else if (SESSION_NAME.test(name)) sessionStorage.setItem(SESSION_KEY, name);
});

const ui = window.SwaggerUIBundle({
  url: `/docs/specs/${API}.openapi.json`,
  dom_id: '#swagger-ui',
  deepLinking: true,
  tryItOutEnabled: true,
  displayRequestDuration: true,
  filter: true,
  // The default sends the spec's address to validator.swagger.io; the page stays on this origin.
  validatorUrl: null,
  requestInterceptor: addSession,
  onComplete: () => prefill(ui),
});
window.ui = ui;
