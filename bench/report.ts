// A bench run as Markdown (printed, and written as bench/results/*.md) and the files that keep it.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult } from './bench-result.ts';
import type { LoadFigures } from './load.ts';

const cell = (v: string | number | undefined) =>
  v === undefined ? '' : String(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const row = (cells: (string | number | undefined)[]) => `| ${cells.map(cell).join(' | ')} |`;
const header = (names: string[]) => [row(names), row(names.map(() => '---'))];
const ratio = (n: number | undefined) => (n === undefined ? '—' : `${n.toFixed(2)}x`);
const verdict = (met: boolean | undefined) =>
  met === undefined ? 'not measured' : met ? '**met**' : '**missed**';

/** The state scenarios of issue 12. */
function stateSection(st: NonNullable<BenchResult['state']>): string[] {
  const out = [
    '## State (issue 12)',
    '',
    ...header(['scenario', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'note']),
  ];
  const load = (label: string, f: LoadFigures, note = '') =>
    out.push(row([label, f.reqPerSec, f.p50Ms, f.p99Ms, f.non2xx + f.errors, note]));
  const failed = (label: string, e: { error: string }) => out.push(row([label, `failed: ${e.error}`]));
  const v = st.viewMix;
  if (v && 'error' in v) failed('JobsView, 100k jobs', v);
  else if (v) {
    load(`JobsView, ${v.jobs} jobs, one repeated query`, v.repeated, `start-up ${v.startMs} ms`);
    load(
      `JobsView, ${v.jobs} jobs, a different $filter per request`,
      v.varied,
      `${ratio(v.ratio)} of repeated; RSS after ${v.rssAfterMb ?? '?'} MB`,
    );
  }
  const k = st.killWrites;
  if (k && 'error' in k) failed('kill -9 during writes, --state-file', k);
  else if (k)
    out.push(
      row([
        `kill -9 during writes, --state-file, ${k.cycles} times`,
        '',
        '',
        '',
        '',
        `${k.lost} of ${k.acknowledged} acknowledged writes lost`,
      ]),
    );
  const rr = st.redisReads;
  if (rr && 'error' in rr) failed('reads with Redis', rr);
  else if (rr) {
    load('GET one job, one instance in memory', rr.oneMemory);
    load('GET one job, one instance with Redis', rr.oneRedis);
    load('GET one job, two instances sharing Redis', rr.twoRedis, 'sum of both');
  }
  const w = st.writeCost;
  if (w && 'error' in w) failed('PUT a job', w);
  else if (w) {
    load('PUT a job, in memory', w.memory);
    load('PUT a job, file journal (fsync per group)', w.file);
    load('PUT a job, Redis', w.redis);
  }
  return out;
}

export function toMarkdown(r: BenchResult): string {
  const e = r.environment;
  const s = r.settings;
  const lines: string[] = [
    `# wo-mock benchmark, ${r.startedAt}`,
    '',
    `Node ${e.node}, ${e.platform}, ${e.cpus} × ${e.cpuModel}, ${e.memoryGb} GB` +
      `${e.commit ? `, commit ${e.commit}` : ''}; load average ${e.loadAverageAtStart.join(' ')} at start, ` +
      `${e.loadAverageAtEnd.join(' ')} at end. Autocannon, ${s.connections} connections, ${s.durationSec} s per ` +
      `scenario after ${s.warmupSec} s of warm-up; wo-mock with ${s.jobs} jobs, seed ${s.seed}.`,
    '',
    '## Scenarios',
    '',
    ...header([
      'scenario',
      'server',
      'req/s',
      'p50 ms',
      'p99 ms',
      'non-2xx',
      'errors',
      'server CPU µs/req',
      'peak RSS MB',
      'note',
    ]),
  ];
  for (const x of r.rows) {
    const f = x.figures;
    lines.push(
      f
        ? row([
            x.title,
            x.serverLabel,
            f.reqPerSec,
            f.p50Ms,
            f.p99Ms,
            f.non2xx,
            f.errors,
            x.cpuUsPerRequest,
            x.peakMb,
            x.note,
          ])
        : row([x.title, x.serverLabel, 'n/a', '', '', '', '', '', '', x.skipped]),
    );
  }
  lines.push(
    '',
    '## Ratios (wo-mock req/s divided by the other server’s, same run)',
    '',
    ...header([
      'scenario',
      '/ Prism (default)',
      '/ Prism -v error',
      '/ bare Express (GET)',
      'bare ÷ wo-mock CPU per request',
    ]),
  );
  for (const q of r.ratios)
    lines.push(
      row([q.title, ratio(q.vsPrism), ratio(q.vsPrismQuiet), ratio(q.vsBare), ratio(q.vsBareByCpu)]),
    );
  if (r.scale.length > 0) {
    lines.push(
      '',
      `## Scale (JobsView $filter + $orderby, ${s.connections} connections, ${s.scaleDurationSec} s)`,
      '',
      ...header([
        'jobs',
        'start-up to "listening" ms',
        'CLI "ready in" ms',
        'RSS after start MB',
        'peak RSS MB',
        '$filter req/s',
        'p50 ms',
        'p99 ms',
        'non-2xx',
      ]),
    );
    for (const x of r.scale) {
      lines.push(
        x.error
          ? row([x.jobs, `failed: ${x.error}`])
          : row([
              x.jobs,
              x.startMs,
              x.readyMs,
              x.rssAfterStartMb,
              x.peakMb,
              x.filter?.reqPerSec,
              x.filter?.p50Ms,
              x.filter?.p99Ms,
              x.filter?.non2xx,
            ]),
      );
    }
  }
  if (r.state) lines.push('', ...stateSection(r.state));
  if (r.contract) {
    const c = r.contract;
    lines.push('', '## Contract suite', '');
    if (!c.available) lines.push(`contract suite not available: ${c.reason}`);
    else {
      const outcomes = Object.entries(c.outcomes)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ');
      lines.push(
        ...header([
          'mock jobs',
          'wall s',
          'suite s',
          'HTTP exchanges',
          'exchanges/s',
          'checks (cases)',
          'checks/s',
          'outcomes',
        ]),
        row([
          c.jobs,
          (c.wallMs / 1000).toFixed(1),
          (c.suiteMs / 1000).toFixed(1),
          c.exchanges,
          c.exchangesPerSec,
          c.cases,
          c.casesPerSec,
          outcomes,
        ]),
        '',
        'Wall time is from `npx tsx contract-tests/cli.ts` to its exit; the rates are per second of the ' +
          'suite’s own duration (its JSON report). A check is one case of the report; each of its ' +
          'exchanges also goes through the response conformance checks.',
      );
    }
  }
  lines.push('', '## Targets', '', ...header(['target', 'wanted', 'measured', 'result']));
  for (const t of r.targets) lines.push(row([t.description, t.target, t.measured, verdict(t.met)]));
  if (r.notes.length > 0) lines.push('', '## Notes', '', ...r.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}

function writeAtomically(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

/** `<stamp>.json` and `<stamp>.md`, and the same as latest.json / latest.md. Returns the paths. */
export function writeResults(r: BenchResult, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const stamp = r.startedAt.replace(/[:.]/g, '-');
  const json = `${JSON.stringify(r, null, 2)}\n`;
  const md = toMarkdown(r);
  const files: [string, string][] = [
    [join(dir, `${stamp}.json`), json],
    [join(dir, `${stamp}.md`), md],
    [join(dir, 'latest.json'), json],
    [join(dir, 'latest.md'), md],
  ];
  for (const [file, text] of files) writeAtomically(file, text);
  return files.map(([file]) => file);
}
