// The documented rules of PUT /api/Jobs({id}) (document 000), each as a sequence that changes a work
// order, reads it back through the main API and the ServiceDesk view, and puts it back afterwards.
import { expectStatus, expectThat, expectValue } from '../checks/expectations.ts';
import { jsonBody } from '../http/body.ts';
import type { KnownJob, Row } from '../runner/discovery.ts';
import type { Case, CaseContext } from './case.ts';
import {
  readJob,
  readViewRow,
  restoreJob,
  someJob,
  suggestedTechnician,
  UNKNOWN_GUID,
  uniqueText,
  visibleJob,
  writeBodyOf,
  ZERO_GUID,
} from './fixtures.ts';
import { refusalProof } from './write-targets.ts';

function jobCase(id: string, title: string, rules: string[], run: (t: CaseContext) => Promise<void>): Case {
  return { id: `Jobs_Put.${id}`, title, family: 'jobs', operationId: 'Jobs_Put', rules, writes: true, run };
}

async function put(t: CaseContext, id: string, body: Row, headers: Record<string, string> = {}) {
  return t.send({ op: 'Jobs_Put', params: { id }, json: body, headers });
}

/** A PUT the rule refuses: put back if it was accepted, else read back that it changed nothing (S23). */
async function refusedPut(
  t: CaseContext,
  job: KnownJob,
  body: Row,
  rule: string,
  headers: Record<string, string> = {},
) {
  const unchanged = await refusalProof(t, { op: 'Jobs_Put', params: { id: job.id }, json: body }, rule);
  const x = await put(t, job.id, body, headers);
  if ((x.response?.status ?? 500) < 300) restoreJob(t, job);
  else await unchanged();
  return x;
}

const time = (s: unknown) => (typeof s === 'string' ? Date.parse(s) : Number.NaN);

export function jobsCases(): Case[] {
  return [
    jobCase(
      'persists',
      'a PUT shows in the next GET and in the ServiceDesk view',
      ['HTTP-WRITE-PERSISTS', 'JOBSVIEW-DERIVED'],
      async (t: CaseContext) => {
        const job = visibleJob(t);
        restoreJob(t, job);
        // The view documents name with at most 50 characters (document 002): stay under it.
        const name = uniqueText('contract test ', 40);
        const x = await put(t, job.id, { ...writeBodyOf(job.job), name });
        t.must(expectStatus(x, [200], 'HTTP-WRITE-PERSISTS', 'the PUT was refused'));
        t.check(expectValue('name in the PUT answer', jsonBody(x)?.name, name, 'HTTP-WRITE-PERSISTS', x));
        const after = await readJob(t, job.id, 'HTTP-WRITE-PERSISTS');
        t.check(expectValue('name read back with GET', after.name, name, 'HTTP-WRITE-PERSISTS'));
        const row = await readViewRow(t, job.id, job.contact, 'JOBSVIEW-DERIVED');
        t.check(expectValue('name in the view after the PUT', row.name, name, 'JOBSVIEW-DERIVED'));
      },
    ),
    jobCase(
      'prefer-minimal',
      'Prefer: return=minimal answers only the id',
      ['HTTP-PREFER-MINIMAL'],
      async (t: CaseContext) => {
        const job = someJob(t);
        restoreJob(t, job);
        const x = await put(t, job.id, writeBodyOf(job.job), { prefer: 'return=minimal' });
        t.must(expectStatus(x, [200], 'HTTP-PREFER-MINIMAL'));
        t.check(
          expectValue('answer to return=minimal', jsonBody(x), { id: job.id }, 'HTTP-PREFER-MINIMAL', x),
        );
      },
    ),
    jobCase(
      'modified-dateutc',
      'modified_dateutc and date_update are set by the server on every write',
      ['JOB-MODIFIED-DATEUTC'],
      async (t: CaseContext) => {
        const job = someJob(t);
        restoreJob(t, job);
        const sent = '2001-01-01T00:00:00Z';
        const x = await put(t, job.id, {
          ...writeBodyOf(job.job),
          modified_dateutc: sent,
          date_update: sent,
        });
        t.must(expectStatus(x, [200], 'JOB-MODIFIED-DATEUTC'));
        const after = jsonBody(x) ?? {};
        const before = time(job.job.modified_dateutc);
        t.check(
          expectThat(
            time(after.modified_dateutc) > before,
            'modified_dateutc did not move forward',
            String(after.modified_dateutc),
            `later than ${String(job.job.modified_dateutc)}`,
            'JOB-MODIFIED-DATEUTC',
            x,
          ),
          expectThat(
            time(after.date_update) > time(sent),
            'date_update took the value the client sent',
            String(after.date_update),
            'the time of the write',
            'JOB-MODIFIED-DATEUTC',
            x,
          ),
        );
      },
    ),
    jobCase(
      'company-from-project',
      'company_id and company_code come from the project, whatever the client sends',
      ['JOB-COMPANY-FROM-PROJECT'],
      async (t: CaseContext) => {
        const job = someJob(t);
        restoreJob(t, job);
        const x = await put(t, job.id, {
          ...writeBodyOf(job.job),
          company_id: UNKNOWN_GUID,
          company_code: 'NOT-THE-COMPANY',
        });
        t.must(expectStatus(x, [200], 'JOB-COMPANY-FROM-PROJECT'));
        // The answer and the next read both keep the project's company.
        const read = await t.send({ op: 'Jobs_Get', params: { id: job.id } });
        for (const [what, answer] of [
          ['the PUT answer', x],
          ['the GET after the PUT', read],
        ] as const) {
          const after = jsonBody(answer) ?? {};
          t.check(
            expectValue(
              `company_id in ${what}, after sending another`,
              after.company_id,
              job.job.company_id,
              'JOB-COMPANY-FROM-PROJECT',
              answer,
            ),
            expectValue(
              `company_code in ${what}, after sending another`,
              after.company_code,
              job.job.company_code,
              'JOB-COMPANY-FROM-PROJECT',
              answer,
            ),
          );
        }
      },
    ),
    jobCase(
      'id-mismatch',
      'a body id other than the key in the URL answers 400',
      ['JOB-ID-MATCH'],
      async (t: CaseContext) => {
        const job = someJob(t);
        const x = await refusedPut(t, job, { ...writeBodyOf(job.job), id: UNKNOWN_GUID }, 'JOB-ID-MATCH');
        t.check(expectStatus(x, [400], 'JOB-ID-MATCH'));
      },
    ),
    jobCase(
      'if-match-stale',
      'a PUT with a stale If-Match answers 409 and changes nothing',
      ['JOB-CONCURRENCY'],
      async (t: CaseContext) => {
        const job = someJob(t);
        const x = await refusedPut(
          t,
          job,
          { ...writeBodyOf(job.job), name: 'stale write' },
          'JOB-CONCURRENCY',
          {
            'if-match': '"2000-01-01T00:00:00Z"',
          },
        );
        t.check(expectStatus(x, [409], 'JOB-CONCURRENCY'));
      },
    ),
    jobCase(
      'if-match-current',
      'a PUT with the current ETag as If-Match succeeds',
      ['JOB-CONCURRENCY'],
      async (t: CaseContext) => {
        const job = someJob(t);
        restoreJob(t, job);
        const read = await t.send({ op: 'Jobs_Get', params: { id: job.id } });
        const etag = read.response?.headers.etag;
        if (!etag) t.skip('the work order came without an ETag (OAS-HEADERS reports that)');
        const x = await put(t, job.id, writeBodyOf(jsonBody(read) ?? job.job), { 'if-match': etag });
        t.check(expectStatus(x, [200], 'JOB-CONCURRENCY', 'a PUT with the current ETag was refused'));
      },
    ),
    jobCase(
      'foreign-key',
      'a job_type_id that names no type answers 422',
      ['JOB-FOREIGN-KEYS'],
      async (t: CaseContext) => {
        const job = someJob(t);
        const { job_type_code: _code, ...body } = writeBodyOf(job.job);
        const x = await refusedPut(t, job, { ...body, job_type_id: UNKNOWN_GUID }, 'JOB-FOREIGN-KEYS');
        t.check(expectStatus(x, [422], 'JOB-FOREIGN-KEYS'));
      },
    ),
    jobCase(
      'address-of-project',
      "a db_address_id of another company's site answers 422",
      ['JOB-ADDRESS-OF-PROJECT'],
      async (t: CaseContext) => {
        const job = someJob(t, (j) => j.contact === 0);
        const other = t.fixtures.jobs.find(
          (j) =>
            j.contact !== job.contact &&
            j.job.db_address_id !== ZERO_GUID &&
            j.job.db_address_id !== job.job.db_address_id,
        );
        const address = (other?.job.db_address_id as string | undefined) ?? UNKNOWN_GUID;
        const x = await refusedPut(
          t,
          job,
          { ...writeBodyOf(job.job), db_address_id: address },
          'JOB-ADDRESS-OF-PROJECT',
        );
        t.check(expectStatus(x, [422], 'JOB-ADDRESS-OF-PROJECT'));
      },
    ),
    jobCase(
      'mobile-address',
      'a mobile installation without address id needs street, city and postal code',
      ['JOB-MOBILE-ADDRESS'],
      async (t: CaseContext) => {
        const job = t.fixtures.jobs.find(
          (j) => (j.job.project as Row | undefined)?.is_mobile_installation === true,
        );
        if (!job)
          t.skip('no discovered work order is on a mobile installation (project.is_mobile_installation)');
        const x = await refusedPut(
          t,
          job,
          {
            ...writeBodyOf(job.job),
            db_address_id: ZERO_GUID,
            db_address_street: '',
            db_address_city: '',
            db_address_zip: '',
          },
          'JOB-MOBILE-ADDRESS',
        );
        t.check(expectStatus(x, [400], 'JOB-MOBILE-ADDRESS'));
      },
    ),
    jobCase(
      'embedded-type-code',
      'a job_type_code without job_type_id is resolved to that type, and the view follows',
      ['JOB-EMBEDDED-RESOLVE', 'JOBSVIEW-DERIVED'],
      async (t: CaseContext) => {
        const job = visibleJob(t);
        const other = t.fixtures.jobs.find(
          (j) => j.job.job_type_id !== job.job.job_type_id && j.job.job_type_code,
        );
        if (!other) t.skip('all discovered work orders have the same type');
        restoreJob(t, job);
        const { job_type_id: _id, ...body } = writeBodyOf(job.job);
        const x = await put(t, job.id, { ...body, job_type_code: other.job.job_type_code });
        t.must(expectStatus(x, [200], 'JOB-EMBEDDED-RESOLVE'));
        t.check(
          expectValue(
            'job_type_id resolved from job_type_code',
            jsonBody(x)?.job_type_id,
            other.job.job_type_id,
            'JOB-EMBEDDED-RESOLVE',
            x,
          ),
        );
        const row = await readViewRow(t, job.id, job.contact, 'JOBSVIEW-DERIVED');
        const name = (other.job.job_type as Row | undefined)?.name;
        t.check(
          expectValue(
            'job_type_id in the view after the change',
            row.job_type_id,
            other.job.job_type_id,
            'JOBSVIEW-DERIVED',
          ),
          name === undefined
            ? undefined
            : expectValue(
                'job_type_name in the view after the change',
                row.job_type_name,
                name,
                'JOBSVIEW-DERIVED',
              ),
        );
      },
    ),
    jobCase(
      'status-by-code',
      'a job_status_code without job_status_id sets the status, and the view names it',
      ['JOB-STATUS-GROUP', 'JOBSVIEW-DERIVED'],
      async (t: CaseContext) => {
        const job = visibleJob(t);
        restoreJob(t, job);
        const code = job.job.job_status_code === 'Waiting' ? 'Pooling' : 'Waiting';
        const { job_status_id: _id, ...body } = writeBodyOf(job.job);
        const x = await put(t, job.id, { ...body, job_status_code: code });
        t.must(expectStatus(x, [200], 'JOB-STATUS-GROUP'));
        t.check(
          expectValue(
            'job_status_code after the write',
            jsonBody(x)?.job_status_code,
            code,
            'JOB-STATUS-GROUP',
            x,
          ),
        );
        const row = await readViewRow(t, job.id, job.contact, 'JOBSVIEW-DERIVED');
        t.check(
          expectValue(
            'job_status_name in the view (ASSUMPTIONS.md A15)',
            row.job_status_name,
            code,
            'JOBSVIEW-DERIVED',
          ),
        );
      },
    ),
    jobCase(
      'suggested-planning',
      'status Suggested with a suggested user and start adds a job planning the view shows',
      ['JOB-SUGGESTED-PLANNING'],
      async (t: CaseContext) => {
        const job = visibleJob(t);
        const technician = suggestedTechnician(t);
        const before = await readViewRow(t, job.id, job.contact, 'JOB-SUGGESTED-PLANNING');
        const count = Number(before.job_planning_count ?? 0);
        // Earlier than every planning the job has, so that it becomes the first one.
        const first = time(before.first_planning_date);
        const start = new Date(
          count > 0 && first > Date.UTC(1990, 0, 1) ? first - 86_400_000 : Date.UTC(2031, 0, 6, 8),
        ).toISOString();
        restoreJob(t, job);
        t.unrestorable(`a job planning on work order ${job.id} at ${start} (there is no API to remove it)`);
        const { job_status_id: _s, suggested_user_code: _c, ...body } = writeBodyOf(job.job);
        const x = await put(t, job.id, {
          ...body,
          job_status_code: 'Suggested',
          suggested_user_id: technician.id,
          suggested_date_start: start,
        });
        t.must(expectStatus(x, [200], 'JOB-SUGGESTED-PLANNING', 'the Suggested write was refused'));
        const after = await readViewRow(t, job.id, job.contact, 'JOB-SUGGESTED-PLANNING');
        const fullName = `${String(technician.firstname ?? '')} ${String(technician.lastname ?? '')}`.trim();
        t.check(
          expectValue(
            'job_planning_count after the Suggested write',
            after.job_planning_count,
            count + 1,
            'JOB-SUGGESTED-PLANNING',
          ),
          expectValue(
            'first_planning_date after the Suggested write',
            time(after.first_planning_date),
            time(start),
            'JOB-SUGGESTED-PLANNING',
          ),
          fullName
            ? expectValue(
                'first_planning_userfullname after the Suggested write',
                after.first_planning_userfullname,
                fullName,
                'JOB-SUGGESTED-PLANNING',
              )
            : undefined,
        );
      },
    ),
  ];
}
