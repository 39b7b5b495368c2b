// A self-contained conformance report (inline CSS and JS, no network) a vendor can hand to a customer:
// what was tested and with what, results per API family and operation, the evidence of every check,
// and which documented answers were seen.
import { UNTESTABLE_RULES } from '../cases/all-cases.ts';
import { curlCommand } from '../http/curl.ts';
import type { Exchange } from '../http/exchange.ts';
import { coverageCounts } from '../runner/coverage.ts';
import {
  type CaseResult,
  type CoverageRow,
  countOutcomes,
  type Outcome,
  type RunResult,
} from '../runner/result.ts';
import { ruleInfo } from '../spec/api-catalog.ts';

const MAX_BODY = 20_000;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const LABEL: Record<Outcome, string> = {
  passed: 'passed',
  failed: 'failed',
  skipped: 'skipped',
  'not-applicable': 'not applicable',
  error: 'error',
};

function prettyBody(body: string): string {
  let text = body;
  try {
    text = JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    // not JSON: shown as sent
  }
  return text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}\n… (${text.length} characters)` : text;
}

function headerLines(headers: Record<string, string>, redact: boolean): string {
  return Object.entries(headers)
    .map(([k, v]) => `${k}: ${redact && k.toLowerCase() === 'authorization' ? '<redacted>' : v}`)
    .join('\n');
}

function evidence(x: Exchange, redact: boolean): string {
  const res = x.response;
  const request = `${x.request.method} ${x.request.url}\n${headerLines(x.request.headers, redact)}${x.request.body === undefined ? '' : `\n\n${prettyBody(x.request.body)}`}`;
  const response = res
    ? `${res.status} (${res.durationMs} ms)\n${headerLines(res.headers, false)}\n\n${prettyBody(res.body)}`
    : `no response: ${x.error ?? ''}`;
  return `<details class="x"><summary>${escapeHtml(`${x.request.method} ${x.request.url.slice(new URL(x.request.url).origin.length)}`)} → ${res ? res.status : 'no answer'}</summary>
<div class="ev"><h5>Request</h5><pre>${escapeHtml(request)}</pre><h5>Response</h5><pre>${escapeHtml(response)}</pre>
<h5>Reproduce</h5><pre class="curl">${escapeHtml(curlCommand(x.request, { redact }))}</pre></div></details>`;
}

function ruleCell(id: string): string {
  const info = ruleInfo(id);
  return `<span class="rule" title="${escapeHtml(`${info.source}${info.section ? `, ${info.section}` : ''}: ${info.summary}`)}">${escapeHtml(id)}</span>`;
}

function caseRow(c: CaseResult, redact: boolean): string {
  const failures = c.failures
    .map((f) => {
      const info = ruleInfo(f.rule);
      return `<div class="failure"><div><b>${escapeHtml(f.check)}</b> · rule ${escapeHtml(f.rule)} <span class="src">(${escapeHtml(info.source)}${info.section ? `, ${escapeHtml(info.section)}` : ''})</span></div>
<div class="summary-text">${escapeHtml(info.summary)}</div><div class="msg">${escapeHtml(f.message)}</div>${f.exchange ? `<pre class="curl">${escapeHtml(curlCommand(f.exchange.request, { redact }))}</pre>` : ''}</div>`;
    })
    .join('');
  const reason = c.reason ? `<div class="reason">${escapeHtml(c.reason.split('\n')[0] ?? '')}</div>` : '';
  const left = c.unrestored.length
    ? `<div class="reason">left behind: ${escapeHtml(c.unrestored.join('; '))}</div>`
    : '';
  const open = c.outcome === 'failed' || c.outcome === 'error' ? ' open' : '';
  return `<tr class="case ${c.outcome}" data-outcome="${c.outcome}"><td><span class="badge ${c.outcome}">${LABEL[c.outcome]}</span></td>
<td><div class="title">${escapeHtml(c.title)}</div><div class="id">${escapeHtml(c.id)} · ${c.rules.map(ruleCell).join(' ')}</div>${reason}${left}${failures}
${c.exchanges.length ? `<details class="evidence"${open}><summary>evidence (${c.exchanges.length} request${c.exchanges.length === 1 ? '' : 's'})</summary>${c.exchanges.map((x) => evidence(x, redact)).join('')}</details>` : ''}</td></tr>`;
}

function counts(cases: CaseResult[]): string {
  const n = countOutcomes(cases);
  return (Object.keys(n) as Outcome[])
    .filter((o) => n[o] > 0)
    .map((o) => `<span class="badge ${o}">${n[o]} ${LABEL[o]}</span>`)
    .join(' ');
}

const CSS = `body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
header{background:#1d2430;color:#fff;padding:20px 32px}header h1{margin:0 0 6px;font-size:22px}
main{padding:16px 32px 48px;max-width:1300px}dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0 0}
dl.meta dt{color:#aab4c3}dl.meta dd{margin:0}section{background:#fff;border:1px solid #dde1e7;border-radius:6px;margin:16px 0;padding:12px 16px}
h2{font-size:18px;margin:4px 0 8px}h3{font-size:15px;margin:16px 0 6px}table{border-collapse:collapse;width:100%}
td,th{border-top:1px solid #eceff3;padding:6px 8px;vertical-align:top;text-align:left}
.badge{display:inline-block;border-radius:10px;padding:1px 8px;font-size:12px;font-weight:600;white-space:nowrap}
.passed{--c:#1a7f37}.failed{--c:#cf222e}.skipped{--c:#7d8590}.not-applicable{--c:#6e7781}.error{--c:#bc4c00}
.badge{color:#fff;background:var(--c)}.verdict{font-size:18px;font-weight:700}.id{color:#57606a;font-size:12px}
.rule{font-family:ui-monospace,monospace;background:#eef1f5;border-radius:3px;padding:0 4px;cursor:help}
.failure{border-left:3px solid #cf222e;background:#fff5f5;padding:6px 10px;margin:6px 0}.msg{font-family:ui-monospace,monospace;font-size:12px;white-space:pre-wrap}
.src{color:#57606a}.summary-text{color:#57606a;font-style:italic}.reason{color:#57606a;font-size:12px}
pre{background:#f3f4f6;padding:8px;overflow:auto;max-height:360px;font-size:12px;margin:4px 0;white-space:pre-wrap;overflow-wrap:anywhere}
td,.msg,.reason,.id,dd,summary,h3{overflow-wrap:anywhere}pre.curl{background:#1d2430;color:#e6edf3}
details.evidence>summary,details.x>summary{cursor:pointer;color:#0969da;font-size:12px}details.op>summary{cursor:pointer}details.op>summary h3{display:inline}.ev h5{margin:6px 0 2px}
.covered{color:#1a7f37}.missing{color:#9a6700}.filters button{margin-right:6px;border:1px solid #ccd;background:#fff;border-radius:4px;padding:3px 10px;cursor:pointer}
.filters button.on{background:#1d2430;color:#fff}body.only-problems tr.case.passed,body.only-problems tr.case.skipped,body.only-problems tr.case.not-applicable{display:none}`;

const JS = `document.querySelectorAll('.filters button').forEach(function(b){b.addEventListener('click',function(){
document.querySelectorAll('.filters button').forEach(function(o){o.classList.toggle('on',o===b)});
document.body.classList.toggle('only-problems',b.dataset.filter==='problems');});});`;

export function htmlReport(result: RunResult, options: { redact?: boolean } = {}): string {
  const redact = options.redact ?? false;
  const total = countOutcomes(result.cases);
  const conforms = total.failed === 0 && total.error === 0;
  const families = [...new Set(result.cases.map((c) => c.family))];
  const sut = result.systemUnderTest;
  const urls = [...new Set(Object.values(sut.baseUrls))].join(', ');
  const coverage = coverageCounts(result.coverage);
  const exchangeCount = result.cases.reduce((n, c) => n + c.exchanges.length, 0);
  const byFamily = families
    .map((family) => {
      const cases = result.cases.filter((c) => c.family === family);
      const ops = [...new Set(cases.map((c) => c.operationId))];
      return `<section class="family"><h2>${family === 'jobs' ? 'Jobs API (documents 000–003)' : 'NextGen work-order types API (document 004)'}</h2><div>${counts(cases)}</div>
${ops
  .map((op) => {
    const opCases = cases.filter((c) => c.operationId === op);
    // An operation whose cases all passed starts folded: the page opens on what needs reading.
    const problems = opCases.some((c) => c.outcome === 'failed' || c.outcome === 'error');
    return `<details class="op"${problems ? ' open' : ''}><summary><h3>${escapeHtml(op)} <small>${counts(opCases)}</small></h3></summary><table>${opCases.map((c) => caseRow(c, redact)).join('')}</table></details>`;
  })
  .join('')}</section>`;
    })
    .join('');
  const row = (r: CoverageRow, last: string) =>
    `<tr><td>${escapeHtml(r.operationId)}</td><td>${r.status}</td><td>${escapeHtml(r.contentType)}</td>${last}</tr>`;
  const coverageTable = (rows: CoverageRow[], last: (r: CoverageRow) => string, head: string) =>
    rows.length
      ? `<table><tr><th>operation</th><th>status</th><th>content type</th><th>${head}</th></tr>${rows.map((r) => row(r, last(r))).join('')}</table>`
      : '<p>None.</p>';
  const provokable = result.coverage.filter((r) => r.provokable);
  const unprovokable = result.coverage.filter((r) => !r.provokable);
  const left = result.cases.flatMap((c) => c.unrestored);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Conformance report — ${escapeHtml(urls)}</title><style>${CSS}</style></head><body>
<header><h1>API conformance report</h1><dl class="meta">
<dt>System under test</dt><dd>${escapeHtml(urls)}</dd>
${
  Object.entries(sut.baseUrls).length > 1 && new Set(Object.values(sut.baseUrls)).size > 1
    ? Object.entries(sut.baseUrls)
        .map(([h, u]) => `<dt>${escapeHtml(h)}</dt><dd>${escapeHtml(u)}</dd>`)
        .join('')
    : ''
}
<dt>Server / version</dt><dd>${escapeHtml(sut.server ?? 'not stated')} / ${escapeHtml(sut.version ?? 'not stated')}</dd>
<dt>Suite</dt><dd>${escapeHtml(result.suite.name)} ${escapeHtml(result.suite.version)}</dd>
<dt>Date</dt><dd>${escapeHtml(result.startedAt)}</dd><dt>Duration</dt><dd>${(result.durationMs / 1000).toFixed(1)} s</dd></dl></header>
<main><section id="summary"><h2>Summary</h2>
<p class="verdict" style="color:${conforms ? '#1a7f37' : '#cf222e'}">${conforms ? 'Conforms: no check failed' : `Does not conform: ${total.failed} failed, ${total.error} errors`}</p>
<p>${counts(result.cases)} of ${result.cases.length} cases · ${exchangeCount} exchanges · coverage ${coverage.covered}/${coverage.provokable} documented answers a client can provoke (${coverage.unprovokable} cannot be provoked)</p>
<p class="filters"><button class="on" data-filter="all">all checks</button><button data-filter="problems">failures and errors only</button></p>
${result.notes.length ? `<p>Notes: ${result.notes.map(escapeHtml).join('; ')}</p>` : ''}</section>
${byFamily}
<section id="untestable"><h2>Rules not checkable over HTTP</h2><table>${Object.entries(UNTESTABLE_RULES)
    .map(([id, why]) => `<tr><td>${ruleCell(id)}</td><td>${escapeHtml(why)}</td></tr>`)
    .join('')}</table></section>
<section id="left-behind"><h2>Left behind</h2>${left.length ? `<p>The API gives no way to undo these changes:</p><ul>${left.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : '<p>Nothing: every change was put back.</p>'}</section>
<section id="coverage"><h2>Coverage of documented answers</h2><p>${coverage.covered} of the ${coverage.provokable} (operation, status, content type) answers a client can provoke were seen; ${coverage.unprovokable} more are documented that no client request can make.</p>
<h3>Not covered (${coverage.missing.length})</h3>${coverageTable(coverage.missing, () => '<td class="missing">not covered</td>', '')}
<h3>Cannot be provoked by a client (${unprovokable.length})</h3>${coverageTable(unprovokable, (r) => `<td>${escapeHtml(r.reason ?? '')}</td>`, 'why')}
<details><summary>covered (${coverage.covered})</summary>${coverageTable(
    provokable.filter((r) => r.covered),
    () => '<td class="covered">covered</td>',
    '',
  )}</details></section>
</main><script>${JS}</script></body></html>
`;
}
