import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataSet } from '../generators/fixtures/generate.ts';
import { type DataSet, type Job, type JobPartUsage, NO_DATE, ZERO_GUID } from './data-set.ts';
import { INVARIANTS, validateDataSet } from './invariants.ts';

let base: DataSet;
beforeAll(() => {
  base = generateDataSet({ seed: 11, jobs: 300 });
});

/** A deep copy of the base data set, changed by `mutate`, and its problems. */
function problemsAfter(
  mutate: (d: DataSet) => void,
  options?: Parameters<typeof validateDataSet>[1],
): string[] {
  const d = structuredClone(base);
  mutate(d);
  return validateDataSet(d, options);
}

function first<T>(items: T[], predicate: (t: T) => boolean = () => true): T {
  const found = items.find(predicate);
  if (!found) throw new Error('test data lacks a suitable record');
  return found;
}

describe('validateDataSet', () => {
  it.each([0, 1, 2, 200, 2000])(
    'finds no problem, even strict, in a generated data set of %i jobs',
    (jobs) => {
      const d = generateDataSet({ seed: 42, jobs });
      expect(validateDataSet(d)).toEqual([]);
      expect(validateDataSet(d, { strict: true })).toEqual([]);
    },
  );

  it.each([1, 7, 2026, 123_456])('finds no problem, even strict, in the data set of seed %i', (seed) => {
    expect(validateDataSet(generateDataSet({ seed, jobs: 500 }), { strict: true })).toEqual([]);
  });

  it('catches a job whose project_id names no project', () => {
    const problems = problemsAfter((d) => {
      first(d.jobs.jobs).project_id = '11111111-1111-4111-8111-111111111111';
    });
    expect(problems.some((p) => p.startsWith('[FK] jobs/') && p.includes('project_id'))).toBe(true);
  });

  it('catches a job whose company_code is not its company code', () => {
    const problems = problemsAfter((d) => {
      (first(d.jobs.jobs) as { company_code: string }).company_code = 'WRONG';
    });
    expect(problems.some((p) => p.startsWith('[CODE] jobs/') && p.includes('company_code'))).toBe(true);
  });

  it('catches a job whose company is not the company of its project', () => {
    const problems = problemsAfter((d) => {
      const j = first(d.jobs.jobs) as { company_id: string; company_code: string };
      const other = first(d.jobs.companies, (c) => c.id !== j.company_id);
      j.company_id = other.id;
      j.company_code = other.code;
    });
    expect(problems.some((p) => p.startsWith('[JOB-COMPANY-FROM-PROJECT]'))).toBe(true);
  });

  it('catches a part usage under warranty whose discount is not its price', () => {
    const problems = problemsAfter((d) => {
      const u = first(d.jobs.jobPartUsages) as JobPartUsage;
      u.is_under_warranty = true;
      u.discount = 0;
    });
    expect(problems.some((p) => p.startsWith('[JPU-WARRANTY-DISCOUNT]'))).toBe(true);
  });

  it('catches two work order types with the same code', () => {
    const problems = problemsAfter((d) => {
      const [a, b] = d.nextgen.workOrderTypes;
      if (a && b) b.code = a.code;
    });
    expect(problems.some((p) => p.startsWith('[UNIQUE] workOrderTypes/') && p.includes('code'))).toBe(true);
  });

  it('catches two work order types with the same request, service and technical object types', () => {
    const problems = problemsAfter((d) => {
      const [a, b] = d.nextgen.workOrderTypes;
      if (a && b) Object.assign(b, { requestTypeId: a.requestTypeId, serviceTypeId: a.serviceTypeId });
      if (a && b) {
        for (const f of [
          'technicalObjectTypeId',
          'assetTypeId',
          'accountTypeId',
          'familyTypeId',
          'ownerTypeId',
        ] as const)
          b[f] = a[f] ?? null;
      }
    });
    expect(problems.some((p) => p.startsWith('[NG-TRIPLET-UNIQUE]'))).toBe(true);
  });

  it('catches a specific type id of the wrong kind or not matching technicalObjectTypeId', () => {
    const problems = problemsAfter((d) => {
      const t = first(d.nextgen.workOrderTypes);
      t.assetTypeId = t.assetTypeId === null ? 1 : null;
    });
    expect(problems.some((p) => p.startsWith('[NG-TECHNICAL-OBJECT]'))).toBe(true);
  });

  it('catches an active work order of an inactive type', () => {
    const problems = problemsAfter((d) => {
      const t = first(d.nextgen.workOrderTypes, (x) => x.active);
      t.active = false;
      d.nextgen.workOrders.push({ id: 999, code: 'WO-X', typeId: t.id, status: 'new' });
    });
    expect(problems.some((p) => p.startsWith('[NG-INACTIVE-TYPE-IN-USE]'))).toBe(true);
  });

  it('catches a duplicate id and a null value', () => {
    const problems = problemsAfter((d) => {
      const [a, b] = d.jobs.articles;
      if (a && b) b.id = a.id;
      (first(d.jobs.contacts) as unknown as { phone: null }).phone = null;
    });
    expect(problems.some((p) => p.startsWith('[ID-UNIQUE] articles/'))).toBe(true);
    expect(problems.some((p) => p.startsWith('[NO-NULLS] contacts/') && p.includes('phone'))).toBe(true);
  });

  it('catches a job status with another key than its fixed one', () => {
    const problems = problemsAfter((d) => {
      first(d.jobs.jobStatuses).id = '22222222-2222-4222-8222-222222222222';
    });
    expect(problems.some((p) => p.startsWith('[JOB-STATUSES]'))).toBe(true);
  });

  it('catches a loop of parent projects', () => {
    const problems = problemsAfter((d) => {
      const child = first(d.jobs.projects, (p) => p._parent_id !== ZERO_GUID);
      const parent = first(d.jobs.projects, (p) => p.id === child._parent_id);
      parent._parent_id = child.id;
      parent._parent_reference_back_office = child.reference_back_office;
    });
    expect(problems.some((p) => p.startsWith('[CYCLE] projects/'))).toBe(true);
  });

  it('catches a parent job whose back-office reference is not the one copied into the child', () => {
    const problems = problemsAfter((d) => {
      const child = first(d.jobs.jobs, (j) => j._parent_id !== ZERO_GUID);
      const stranger = first(
        d.jobs.jobs,
        (j) => j.project_id !== child.project_id && j.reference_back_office !== '',
      );
      child._parent_id = stranger.id;
    });
    expect(
      problems.some((p) => p.startsWith('[CODE] jobs/') && p.includes('_parent_jobs_reference_back_office')),
    ).toBe(true);
  });

  it('catches a parent job of another project only when strict', () => {
    const mutate = (d: DataSet) => {
      const child = first(d.jobs.jobs, (j) => j._parent_id !== ZERO_GUID);
      const stranger = first(d.jobs.jobs, (j) => j.project_id !== child.project_id);
      child._parent_id = stranger.id;
      child._parent_jobs_reference_back_office = stranger.reference_back_office;
    };
    expect(problemsAfter(mutate)).toEqual([]);
    expect(problemsAfter(mutate, { strict: true }).some((p) => p.startsWith('[JOB-PARENT-PROJECT]'))).toBe(
      true,
    );
  });

  it('catches a job address that is neither the project address nor a parent address only when strict', () => {
    const mutate = (d: DataSet) => {
      const j = first(d.jobs.jobs);
      const company = first(d.jobs.companies);
      j.db_address_id = company.db_address_id;
    };
    expect(problemsAfter(mutate)).toEqual([]);
    expect(
      problemsAfter(mutate, { strict: true }).some((p) => p.startsWith('[JOB-ADDRESS-OF-PROJECT]')),
    ).toBe(true);
  });

  it('catches a Suggested job whose suggestion has no planning', () => {
    const problems = problemsAfter((d) => {
      const j = first(
        d.jobs.jobs,
        (x) => x.job_status_code === 'Suggested' && x.suggested_date_start !== NO_DATE,
      );
      d.jobs.jobPlannings = d.jobs.jobPlannings.filter((p) => p.jobs_id !== j.id);
    });
    expect(problems.some((p) => p.startsWith('[JOB-SUGGESTED-PLANNING]'))).toBe(true);
  });

  it('catches stale project counters unless counters are not checked', () => {
    const mutate = (d: DataSet) => {
      first(d.jobs.projects, (p) => p.nb_open_jobs > 0).nb_open_jobs += 1;
    };
    expect(problemsAfter(mutate).some((p) => p.startsWith('[PROJECT-COUNTERS]'))).toBe(true);
    expect(problemsAfter(mutate, { counters: false })).toEqual([]);
  });

  it('catches an update date before the creation date', () => {
    const problems = problemsAfter((d) => {
      const j = first(d.jobs.jobs) as Job & { date_update: string };
      j.date_update = '2000-01-01T00:00:00.000Z';
    });
    expect(problems.some((p) => p.startsWith('[JOB-DATES]'))).toBe(true);
  });

  it('catches a closed job without date_closed and an open job with one only when strict', () => {
    const mutate = (d: DataSet) => {
      const closed = first(d.jobs.jobs, (j) => j.job_status_code === 'Canceled');
      closed.date_closed = NO_DATE;
      const open = first(d.jobs.jobs, (j) => j.job_status_code === 'Open');
      open.date_closed = open.date_update;
    };
    expect(problemsAfter(mutate)).toEqual([]);
    expect(
      problemsAfter(mutate, { strict: true }).filter((p) => p.startsWith('[JOB-DATE-CLOSED]')),
    ).toHaveLength(2);
  });

  it('catches a part usage whose article code, price or unbacked keys differ from the generated ones only when strict', () => {
    const mutate = (d: DataSet) => {
      const u = first(d.jobs.jobPartUsages, (x) => !x.is_under_warranty);
      u.article_code = 'ART-NOPE';
      u.price += 1;
      u.invoice_id = '33333333-3333-4333-8333-333333333333';
    };
    expect(problemsAfter(mutate)).toEqual([]);
    const strict = problemsAfter(mutate, { strict: true });
    expect(strict.filter((p) => p.startsWith('[JPU-ARTICLE]')).length).toBeGreaterThanOrEqual(2);
    expect(strict.some((p) => p.startsWith('[FK]') && p.includes('invoice_id'))).toBe(true);
  });
});

describe('invariants', () => {
  it('is a table of named checks, each citing what it holds', () => {
    const ids = INVARIANTS.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const i of INVARIANTS) expect(i.cites, i.id).toMatch(/document|rule|ASSUMPTIONS/);
  });

  it('finds nothing in a generated data set, and what one broken key breaks', () => {
    const data = generateDataSet({ seed: 3, jobs: 30 });
    expect(validateDataSet(data, { strict: true })).toEqual([]);
    const job = data.jobs.jobs[0];
    if (!job) throw new Error('no job');
    job.project_id = ZERO_GUID;
    const problems = validateDataSet(data);
    expect(problems).toContain(`[FK] jobs/${job.id}: project_id is not set`);
    // The strict level only adds problems.
    expect(validateDataSet(data, { strict: true })).toEqual(expect.arrayContaining(problems));
  });
});

it('model/ imports no node: module (the pipeline and a browser host use it)', () => {
  const dir = new URL('./', import.meta.url);
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts') && !x.endsWith('.test.ts')))
    expect(readFileSync(new URL(f, dir), 'utf8'), f).not.toMatch(/from 'node:/);
});
