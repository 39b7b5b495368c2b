import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../lib/spec.ts';
import { checkFidelity, type Facts, type Specs } from './fidelity.ts';
import { parseHelpPage, parseNextGenPage, sampleAfter, sampleShapes } from './seed-tables.ts';

const facts = JSON.parse(readFileSync(new URL('./documented-facts.json', import.meta.url), 'utf8')) as Facts;
const specs = () =>
  structuredClone({ jobs: loadSpec('jobs'), nextgen: loadSpec('nextgen') }) as unknown as Specs;
// The source documents sit beside the checkout in this workspace (and in CI); elsewhere that test is skipped.
const seeds = fileURLToPath(new URL('../../shared/seeds/', import.meta.url));

it('finds every documented field, rule and error code in the specs', () => {
  expect(checkFidelity(facts, specs())).toEqual([]);
});

it('covers all five source documents', () => {
  expect(facts.documents.map((d) => d.id)).toEqual(['000', '001', '002', '003', '004']);
  const fields = facts.documents.flatMap((d) =>
    d.tables.filter((t) => t.table !== 'uri').flatMap((t) => t.fields),
  );
  expect(fields.length).toBe(58 + 58 + 73 + 29 + 29 + 20);
});

describe('fails when the spec drifts from the documents', () => {
  const cases: [string, (s: Specs) => void, RegExp][] = [
    [
      'a documented field is dropped',
      (s) => delete s.jobs.components.schemas.jobs_view?.properties?.['contact_email' as never],
      /contact_email' is missing/,
    ],
    [
      'a type changes',
      (s) => ((s.jobs.components.schemas.job_part_usage as any).properties.quantity.type = 'string'),
      /quantity: documented type number/,
    ],
    [
      'a max length changes',
      (s) => ((s.jobs.components.schemas.jobs_write as any).properties.name.maxLength = 256),
      /name: documented max length 255/,
    ],
    [
      'a NextGen length changes',
      (s) => ((s.nextgen.components.schemas.WorkOrderTypePatch as any).properties.code.maxLength = 21),
      /code: documented max length 20/,
    ],
    [
      'a required field becomes optional',
      (s) => ((s.jobs.components.schemas.job_part_usage as any).required = []),
      /id: documented as required/,
    ],
    [
      'an optionally-required group is lost',
      (s) => (s.jobs.components.schemas.jobs_write as any).allOf.splice(0, 1),
      /project_id, project_reference_back_office, project/,
    ],
    [
      'a FSM 23.0 marker is lost',
      (s) =>
        delete (s.nextgen.components.schemas.WorkOrderTypePatch as any).properties.ownerTypeId[
          'x-available-since'
        ],
      /ownerTypeId: documented as available since/,
    ],
    [
      'an embedded entity loses a sample field',
      (s) => delete (s.jobs.components.schemas.user as any).properties.skype,
      /sample user.skype is missing/,
    ],
    [
      'a rule disappears',
      (s) => (s.nextgen['x-rules'] as unknown[]).splice(0, 1),
      /rule WOT-MAX-LENGTH is missing/,
    ],
    [
      'an error code loses its status',
      (s) => delete (s.nextgen['x-error-codes'] as any).WORKORDERS_016,
      /WORKORDERS_016 has no status/,
    ],
    [
      'an undocumented field is added',
      (s) => ((s.jobs.components.schemas.jobs_view as any).properties.invented = { type: 'string' }),
      /invented: in the spec but not in the document/,
    ],
  ];
  it.each(cases)('when %s', (_name, mutate, want) => {
    const broken = specs();
    mutate(broken);
    expect(checkFidelity(facts, broken).join('\n')).toMatch(want);
  });
});

describe.skipIf(!existsSync(seeds))('documented-facts.json against the source documents', () => {
  const read = (prefix: string) => {
    const file = readdirSync(seeds).find((f) => f.startsWith(prefix));
    if (!file) throw new Error(`no source document ${prefix} in ${seeds}`);
    return readFileSync(seeds + file, 'utf8');
  };
  it.each(['000', '001', '002', '003'])('matches the tables of document %s', (id) => {
    const doc = facts.documents.find((d) => d.id === id);
    expect(doc?.tables).toEqual(parseHelpPage(read(id)));
  });
  it('matches the field table and error codes of document 004', () => {
    const doc = facts.documents.find((d) => d.id === '004');
    const page = parseNextGenPage(read('004'));
    expect(doc?.tables[0]?.fields).toEqual(page.fields);
    expect(doc?.errorCodes).toEqual(page.errorCodes);
  });
  it.each([
    ['000', 'Request Formats'],
    ['001', 'Response Formats'],
  ])('matches the embedded entities of the JSON sample of %s', (id, marker) => {
    const { jobs: _root, ...entities } = sampleShapes(sampleAfter(read(id), marker), 'jobs');
    expect(facts.sampleEntities.entities).toEqual(entities);
  });
});
