// The JobsView oracle against a fake server that answers from canned pages: faithful, it passes;
// off in one small way (the near misses of issue 10), the oracle names the query, the row and the rule.
import { describe, expect, it } from 'vitest';
import { catalog } from '../../lib/spec.ts';
import { toXml } from '../../lib/xml/index.ts';
import type { CaseContext } from '../cases/case.ts';
import type { Failure } from '../checks/failure.ts';
import type { Exchange } from '../http/exchange.ts';
import { buildQuery } from '../runner/session.ts';
import { cannedExchange, validJobsViewRow } from '../support/canned-exchange.ts';
import { checkQuery, checkXmlPage, jobsViewTypes, readScopedSet, type ScopedSet } from './jobs-view.ts';
import type { ODataQuery } from './query/evaluate.ts';
import type { Row } from './query/filter-eval.ts';
import { splitQuery } from './query/walk.ts';

type Deviation = {
  ignoreSecondDesc?: boolean;
  skipOffByOne?: boolean;
  countIsPage?: boolean;
  nextLinkDropsFilter?: boolean;
  containsCaseSensitive?: boolean;
  repeatsRowOnPage2?: boolean;
  /** The second request of the run sees one more row in the count: a writer elsewhere. */
  countChangesOnce?: boolean;
  /** XML pages start at the first row whatever $skip says. */
  xmlIgnoresSkip?: boolean;
};

const BASE = 'http://127.0.0.1:4010/api/JobsView';
const STATUSES = ['Open', 'Closed', 'Suggested'];
const ROWS: Row[] = Array.from({ length: 45 }, (_, i) =>
  validJobsViewRow({
    id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    id2: i + 1,
    name: i % 3 === 0 ? `Pump ${i}` : i % 3 === 1 ? `pump ${i}` : `Valve ${i}`,
    job_status_name: STATUSES[i % 3],
  }),
);

/** Hand-written answers of the fake server (not the evaluator under test): filters it understands. */
function filterOf(text: string | undefined, dev: Deviation): (r: Row) => boolean {
  if (text === undefined) return () => true;
  if (text === "contains(name,'pump')")
    return (r) =>
      dev.containsCaseSensitive
        ? String(r.name).includes('pump')
        : String(r.name).toLowerCase().includes('pump');
  if (text === 'id2 gt 10') return (r) => Number(r.id2) > 10;
  if (text === 'id2 le 10') return (r) => Number(r.id2) <= 10;
  throw new Error(`the fake server does not know $filter=${text}`);
}

function fakeServer(rows: Row[], dev: Deviation) {
  let requests = 0;
  return (query: Record<string, string>): unknown => {
    requests++;
    let out = rows.filter(filterOf(query.$filter, dev));
    if (query.$orderby === 'job_status_name,id2 desc') {
      out = [...out].sort((a, b) => {
        const s = String(a.job_status_name).localeCompare(String(b.job_status_name));
        if (s !== 0) return s;
        const d = Number(a.id2) - Number(b.id2);
        return dev.ignoreSecondDesc ? d : -d;
      });
    } else if (query.$orderby === 'id2 asc') {
      out = [...out].sort((a, b) => Number(a.id2) - Number(b.id2));
    } else if (query.$orderby !== undefined) throw new Error(`unknown $orderby ${query.$orderby}`);
    const skip = Number(query.$skip ?? 0) + (dev.skipOffByOne && query.$skip ? 1 : 0);
    const top = query.$top === undefined ? undefined : Number(query.$top);
    const window = out.slice(skip, top === undefined ? undefined : skip + top);
    const page = window.slice(0, 20);
    if (dev.repeatsRowOnPage2 && skip === 20 && page[0]) page[0] = out[19] as Row;
    const body: Record<string, unknown> = { '@odata.context': `${BASE}/$metadata#JobsView`, value: page };
    if (query.$count === 'true')
      body['@odata.count'] = dev.countIsPage
        ? page.length
        : out.length + (dev.countChangesOnce && requests === 2 ? 1 : 0);
    if (window.length > 20) {
      const next: Record<string, string> = { ...query, $skip: String(Number(query.$skip ?? 0) + 20) };
      if (top !== undefined) next.$top = String(top - 20);
      if (dev.nextLinkDropsFilter) delete next.$filter;
      body['@odata.nextLink'] = `${BASE}${buildQuery(next)}`;
    }
    return body;
  };
}

function fakeContext(dev: Deviation): { t: CaseContext; failures: Failure[]; sent: Exchange[] } {
  const server = fakeServer(ROWS, dev);
  const failures: Failure[] = [];
  const sent: Exchange[] = [];
  const t = {
    config: {},
    fixtures: { contacts: [{ credential: 'c:x@d', rows: [] }], jobs: [], types: [], notes: [] },
    async send(request: { query?: Record<string, unknown>; url?: string; accept?: string }) {
      const query: Record<string, string> = request.url
        ? Object.fromEntries(splitQuery(request.url))
        : Object.fromEntries(Object.entries(request.query ?? {}).map(([k, v]) => [k, String(v)]));
      if (request.accept === 'application/xml') {
        if (dev.xmlIgnoresSkip) delete query.$skip;
        const rows = (server(query) as { value: Row[] }).value;
        const xml = toXml(rows, catalog().schema('jobs', 'JobsViewXmlList'), catalog().resolver('jobs'));
        return cannedExchange('JobsView_List', 200, xml, { contentType: 'application/xml; charset=utf-8' });
      }
      const x = cannedExchange('JobsView_List', 200, server(query));
      x.request.url = request.url ?? `${BASE}${buildQuery(query)}`;
      sent.push(x);
      return x;
    },
    check(...results: (Failure | undefined)[]) {
      const found = results.filter((r): r is Failure => r !== undefined);
      failures.push(...found);
      return found.length === 0;
    },
    must(result: Failure | undefined) {
      if (result) throw new Error(result.message);
    },
    skip(reason: string): never {
      throw new Error(reason);
    },
    notApplicable(reason: string): never {
      throw new Error(reason);
    },
    restore() {},
    unrestorable() {},
  } as unknown as CaseContext;
  return { t, failures, sent };
}

const SET: ScopedSet = { contact: 0, rows: ROWS, scope: undefined, total: ROWS.length };

async function failuresOf(dev: Deviation, q: ODataQuery): Promise<Failure[]> {
  const { t } = fakeContext(dev);
  return (await checkQuery(t, SET, q)).failures;
}

describe('the JobsView query oracle', () => {
  it('reads the field types from the spec', () => {
    expect(jobsViewTypes()).toMatchObject({
      id: 'guid',
      id2: 'integer',
      name: 'string',
      has_child: 'boolean',
    });
    expect(jobsViewTypes().date_create).toBe('datetime');
  });

  it('passes a faithful server on every query shape the near misses use', async () => {
    for (const q of [
      { $orderby: 'job_status_name,id2 desc', $count: true },
      { $skip: 3, $top: 25, $count: true },
      { $filter: 'id2 gt 10', $count: true, $top: 30 },
      { $filter: "contains(name,'pump')", $count: true },
    ]) {
      expect(await failuresOf({}, q), JSON.stringify(q)).toEqual([]);
    }
  });

  it('catches desc ignored on the second key', async () => {
    const [f] = await failuresOf({ ignoreSecondDesc: true }, { $orderby: 'job_status_name,id2 desc' });
    expect(f?.rule).toBe('JOBSVIEW-ODATA-QUERY');
    expect(f?.message).toMatch(/\$orderby=job_status_name,id2 desc: row 1 of the answer \(page 1, row 1\)/);
    expect(f?.message).toMatch(/Received: id2=2, .*job_status_name="Closed".* \/ Documented: id2=44, /);
  });

  it('catches $skip off by one', async () => {
    const failures = await failuresOf({ skipOffByOne: true }, { $skip: 3, $top: 25 });
    expect(failures[0]?.message).toMatch(
      /\$skip=3&\$top=25: row 1 of the answer .*Received: id2=5, .* \/ Documented: id2=4, /,
    );
  });

  it('catches a count that counts the page', async () => {
    const failures = await failuresOf({ countIsPage: true }, { $filter: 'id2 gt 10', $count: true });
    expect(failures.map((f) => f.message).join('\n')).toMatch(
      /@odata.count is not the number of matching rows.*Received: 20 \/ Documented: 35/,
    );
  });

  it('catches a nextLink that drops $filter', async () => {
    const failures = await failuresOf({ nextLinkDropsFilter: true }, { $filter: 'id2 gt 10', $count: true });
    const messages = failures.map((f) => `${f.rule} ${f.message}`).join('\n');
    expect(messages).toMatch(
      /JOBSVIEW-PAGING .*page 1: @odata.nextLink drops or changes query options.*keeps \$filter=id2 gt 10/,
    );
  });

  it('catches contains compared case-sensitively (A13)', async () => {
    const failures = await failuresOf(
      { containsCaseSensitive: true },
      { $filter: "contains(name,'pump')", $count: true },
    );
    expect(failures.map((f) => f.message).join('\n')).toMatch(/Received: 15 \/ Documented: 30/);
  });

  it('checks the rows of an XML page (A6), and catches $skip ignored in XML', async () => {
    const q = { $orderby: 'job_status_name,id2 desc', $skip: 5, $top: 10 };
    expect(await checkXmlPage(fakeContext({}).t, SET, q)).toEqual([]);
    const [f] = await checkXmlPage(fakeContext({ xmlIgnoresSkip: true }).t, SET, q);
    expect(f?.message).toMatch(
      /\(Accept: application\/xml\): row 1 of the XML page: another row at this position/,
    );
  });

  it('reads the whole set through the links, and says so when a row comes twice', async () => {
    const good = fakeContext({});
    const read = await readScopedSet(good.t, 0, { maxRows: 5000, queries: 1, nextgenQueries: 1, seed: 1 });
    expect(read.set?.rows.map((r) => r.id2)).toEqual(ROWS.map((r) => r.id2));
    expect(read.failures).toEqual([]);
    const bad = fakeContext({ repeatsRowOnPage2: true });
    const broken = await readScopedSet(bad.t, 0, { maxRows: 5000, queries: 1, nextgenQueries: 1, seed: 1 });
    expect(broken.set).toBeUndefined();
    expect(broken.failures.at(-1)?.message).toMatch(/not consistent.*came twice/);
    expect(bad.sent.length).toBe(9);
  });

  it('reads a set again when its count changed while it was read', async () => {
    const { t, sent } = fakeContext({ countChangesOnce: true });
    const read = await readScopedSet(t, 0, { maxRows: 5000, queries: 1, nextgenQueries: 1, seed: 1 });
    expect(read.failures).toEqual([]);
    expect(read.set?.rows).toHaveLength(45);
    expect(sent).toHaveLength(6);
  });

  it('evaluates on a sample beyond maxRows, named by a filter on id2', async () => {
    const { t } = fakeContext({});
    const read = await readScopedSet(t, 0, { maxRows: 10, queries: 1, nextgenQueries: 1, seed: 1 });
    expect(read.set?.scope).toBe('id2 le 10');
    expect(read.set?.total).toBe(45);
  });
});
