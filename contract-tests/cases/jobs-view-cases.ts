// The ServiceDesk view (document 002): derived fields agree with the job, job_reference, OData paging
// and query options, invalid queries refused.
import { expectStatus, expectThat, expectValue } from '../checks/expectations.ts';
import { jsonBody } from '../http/body.ts';
import type { Exchange } from '../http/exchange.ts';
import type { Row } from '../runner/discovery.ts';
import type { ApiRequest } from '../runner/session.ts';
import type { Case, CaseContext } from './case.ts';
import { contactCredential, readViewRow } from './fixtures.ts';

type Page = { value?: Row[]; '@odata.nextLink'?: string; '@odata.count'?: number };

function viewCase(id: string, title: string, rules: string[], run: (t: CaseContext) => Promise<void>): Case {
  return {
    id: `JobsView_List.${id}`,
    title,
    family: 'jobs',
    operationId: 'JobsView_List',
    rules,
    writes: false,
    run,
  };
}

async function list(
  t: CaseContext,
  query: ApiRequest['query'],
  rule: string,
  partialItems = false,
): Promise<[Page, Exchange]> {
  const x = await t.send({
    op: 'JobsView_List',
    as: { basic: contactCredential(t, 0) },
    query: query ?? {},
    partialItems,
  });
  t.must(expectStatus(x, [200], rule, 'the view refused a valid query'));
  return [jsonBody<Page>(x) ?? {}, x];
}

/** Invalid OData, one kind per case; each must be refused with 400 (vendor-apis: Lists are OData v4). */
const INVALID_QUERIES: [string, Record<string, string>][] = [
  ['filter-syntax', { $filter: 'name eq' }],
  ['filter-operator-case', { $filter: "name EQ 'x'" }],
  ['filter-unknown-field', { $filter: "no_such_field eq 'x'" }],
  ['orderby-unknown-field', { $orderby: 'no_such_field' }],
  ['select-unknown-field', { $select: 'no_such_field' }],
  ['top-negative', { $top: '-1' }],
  ['top-not-a-number', { $top: 'ten' }],
  ['skip-not-a-number', { $skip: 'ten' }],
  ['count-not-a-boolean', { $count: 'maybe' }],
];

const jobReference = (row: Row) => (row.reference_back_office ? row.reference_back_office : String(row.id2));
const lower = (v: unknown) => String(v).toLowerCase();

export function jobsViewCases(): Case[] {
  return [
    {
      id: 'JobsView_Get.derived-fields',
      title: 'the view row of a work order agrees with the work order (type, status, project, company)',
      family: 'jobs',
      operationId: 'JobsView_Get',
      rules: ['JOBSVIEW-DERIVED'],
      writes: false,
      run: async (t: CaseContext) => {
        const jobs = t.fixtures.jobs.filter((j) => j.contact !== undefined).slice(0, 3);
        if (jobs.length === 0) t.skip('no discovered work order is visible to a contact');
        for (const { id, contact, job } of jobs) {
          const row = await readViewRow(t, id, contact ?? 0, 'JOBSVIEW-DERIVED');
          const r = 'JOBSVIEW-DERIVED';
          const project = job.project as Row | undefined;
          const type = job.job_type as Row | undefined;
          t.check(
            expectValue(`${id}: name`, row.name, job.name, r),
            expectValue(`${id}: id2`, row.id2, job.id2, r),
            expectValue(
              `${id}: reference_back_office`,
              row.reference_back_office,
              job.reference_back_office,
              r,
            ),
            expectValue(`${id}: job_type_id`, row.job_type_id, job.job_type_id, r),
            expectValue(`${id}: job_status_id`, row.job_status_id, job.job_status_id, r),
            expectValue(
              `${id}: job_status_name (the status code, ASSUMPTIONS.md A15)`,
              row.job_status_name,
              job.job_status_code,
              r,
            ),
            expectValue(`${id}: project_id`, row.project_id, job.project_id, r),
            expectValue(`${id}: company_code`, row.company_code, job.company_code, r),
            type
              ? expectValue(`${id}: job_type_name = job_type.name`, row.job_type_name, type.name, r)
              : undefined,
            project
              ? expectValue(`${id}: project_name = project.name`, row.project_name, project.name, r)
              : undefined,
          );
        }
      },
    },
    viewCase(
      'job-reference',
      'job_reference is reference_back_office, or id2 when that is empty',
      ['JOBSVIEW-JOB-REFERENCE'],
      async (t: CaseContext) => {
        const [page] = await list(t, {}, 'JOBSVIEW-JOB-REFERENCE');
        for (const row of page.value ?? []) {
          t.check(
            expectValue(
              `job_reference of ${String(row.id)}`,
              row.job_reference,
              jobReference(row),
              'JOBSVIEW-JOB-REFERENCE',
            ),
          );
        }
      },
    ),
    viewCase(
      'paging',
      'pages hold at most 20 rows and @odata.nextLink leads to the next, different rows',
      ['JOBSVIEW-PAGING'],
      async (t: CaseContext) => {
        const [page, x] = await list(t, { $count: 'true' }, 'JOBSVIEW-PAGING');
        const rows = page.value ?? [];
        const total = page['@odata.count'];
        t.check(
          expectThat(
            rows.length <= 20,
            'a page holds more than 20 rows',
            String(rows.length),
            'at most 20',
            'JOBSVIEW-PAGING',
            x,
          ),
        );
        if (typeof total !== 'number') return;
        t.check(
          expectThat(
            rows.length === Math.min(20, total),
            'the first page is not full although more rows match',
            `${rows.length} rows of ${total}`,
            `${Math.min(20, total)} rows`,
            'JOBSVIEW-PAGING',
            x,
          ),
        );
        const next = page['@odata.nextLink'];
        t.check(
          expectThat(
            (next !== undefined) === total > 20,
            '@odata.nextLink does not say whether rows remain',
            String(next),
            total > 20 ? 'a link to the next page' : 'no link',
            'JOBSVIEW-PAGING',
            x,
          ),
        );
        if (!next) return;
        const skip = new URL(next, x.request.url).searchParams.get('$skip');
        const [second] = await list(t, { $skip: skip ?? '20' }, 'JOBSVIEW-PAGING');
        const first = new Set(rows.map((r) => r.id));
        const overlap = (second.value ?? []).filter((r) => first.has(r.id));
        t.check(
          expectThat(
            overlap.length === 0 && (second.value ?? []).length > 0,
            'the next page repeats rows or is empty',
            `${overlap.length} repeated of ${(second.value ?? []).length}`,
            'new rows',
            'JOBSVIEW-PAGING',
          ),
        );
      },
    ),
    viewCase(
      'top',
      '$top lowers the page size and cannot raise it over 20',
      ['JOBSVIEW-PAGING'],
      async (t: CaseContext) => {
        const [all] = await list(t, { $count: 'true' }, 'JOBSVIEW-PAGING');
        const total = all['@odata.count'] ?? (all.value ?? []).length;
        if (total < 4)
          t.notApplicable(`the contact sees ${total} work orders; $top=3 needs at least 4 to show an effect`);
        const [small, x] = await list(t, { $top: '3' }, 'JOBSVIEW-PAGING');
        t.check(expectValue('rows with $top=3', (small.value ?? []).length, 3, 'JOBSVIEW-PAGING', x));
        const [big, y] = await list(t, { $top: '50' }, 'JOBSVIEW-PAGING');
        t.check(
          expectThat(
            (big.value ?? []).length <= 20,
            '$top raised the page size',
            String((big.value ?? []).length),
            'at most 20',
            'JOBSVIEW-PAGING',
            y,
          ),
        );
      },
    ),
    viewCase(
      'count',
      '$count=true adds @odata.count, at least the rows of the page',
      ['JOBSVIEW-ODATA-QUERY'],
      async (t: CaseContext) => {
        const [page, x] = await list(t, { $count: 'true' }, 'JOBSVIEW-ODATA-QUERY');
        const count = page['@odata.count'];
        t.check(
          expectThat(
            typeof count === 'number' && count >= (page.value ?? []).length,
            '@odata.count is missing or too small',
            String(count),
            `a number >= ${(page.value ?? []).length}`,
            'JOBSVIEW-ODATA-QUERY',
            x,
          ),
        );
      },
    ),
    viewCase(
      'filter',
      '$filter keeps only the matching rows',
      ['JOBSVIEW-ODATA-QUERY'],
      async (t: CaseContext) => {
        const [page] = await list(t, {}, 'JOBSVIEW-ODATA-QUERY');
        const status = page.value?.[0]?.job_status_name;
        if (status === undefined) t.notApplicable('the contact sees no work order to filter');
        const [filtered, x] = await list(
          t,
          { $filter: `job_status_name eq '${String(status).replace(/'/g, "''")}'` },
          'JOBSVIEW-ODATA-QUERY',
        );
        const wrong = (filtered.value ?? []).filter((r) => lower(r.job_status_name) !== lower(status));
        t.check(
          expectThat(
            (filtered.value ?? []).length > 0,
            'the filter matched nothing though a row has that value',
            '0 rows',
            'at least 1',
            'JOBSVIEW-ODATA-QUERY',
            x,
          ),
          expectThat(
            wrong.length === 0,
            'rows that do not match the filter',
            wrong.map((r) => String(r.job_status_name)).join(', '),
            `only job_status_name ${String(status)}`,
            'JOBSVIEW-ODATA-QUERY',
            x,
          ),
        );
      },
    ),
    viewCase('orderby', '$orderby sorts the rows', ['JOBSVIEW-ODATA-QUERY'], async (t: CaseContext) => {
      const [page, x] = await list(t, { $orderby: 'id2 desc' }, 'JOBSVIEW-ODATA-QUERY');
      const ids = (page.value ?? []).map((r) => Number(r.id2));
      const sorted = [...ids].sort((a, b) => b - a);
      t.check(expectValue('id2 of the rows with $orderby=id2 desc', ids, sorted, 'JOBSVIEW-ODATA-QUERY', x));
    }),
    viewCase(
      'select',
      '$select answers only the selected fields',
      ['JOBSVIEW-ODATA-QUERY'],
      async (t: CaseContext) => {
        const [page, x] = await list(t, { $select: 'id,name' }, 'JOBSVIEW-ODATA-QUERY', true);
        const extra = (page.value ?? [])
          .flatMap((r) => Object.keys(r))
          .filter((k) => k !== 'id' && k !== 'name' && !k.startsWith('@'));
        t.check(
          expectThat(
            extra.length === 0,
            'rows carry fields that were not selected',
            [...new Set(extra)].join(', '),
            'id, name',
            'JOBSVIEW-ODATA-QUERY',
            x,
          ),
        );
      },
    ),
    ...INVALID_QUERIES.map(([name, query]) =>
      viewCase(
        `invalid-query.${name}`,
        `an invalid query (${Object.entries(query)
          .map(([k, v]) => `${k}=${v}`)
          .join('&')}) answers 400`,
        ['JOBSVIEW-ODATA-QUERY'],
        async (t: CaseContext) => {
          const x = await t.send({ op: 'JobsView_List', as: { basic: contactCredential(t, 0) }, query });
          t.check(expectStatus(x, [400], 'JOBSVIEW-ODATA-QUERY'));
        },
      ),
    ),
  ];
}
