import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateDataSet } from '../generators/fixtures/generate.ts';
import { ZERO_GUID } from './data-set.ts';
import { INVARIANTS, validateDataSet } from './invariants.ts';

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
