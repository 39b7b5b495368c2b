import { expect, it } from 'vitest';
import { xmlFormProblems } from './deviation-cases.ts';

const XSI = 'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"';

it('accepts the DataContract form and names each departure from it', () => {
  expect(xmlFormProblems(`<jobs ${XSI}><a>1</a><b><z/><y>2</y></b><c i:nil="true"/></jobs>`, 'jobs')).toEqual(
    [],
  );
  expect(xmlFormProblems(`<jobs><a/></jobs>`, 'jobs')).toEqual([
    'no xmlns:i="http://www.w3.org/2001/XMLSchema-instance" on the root',
  ]);
  expect(xmlFormProblems(`<Job ${XSI}><b/><a/></Job>`, 'jobs')).toEqual([
    'root element <Job>, not <jobs>',
    'child <b> out of alphabetical order (position 1)',
  ]);
  // Ordinal, as DataContract sorts: '_' (0x5F) after upper case, before lower case.
  expect(xmlFormProblems(`<jobs ${XSI}><_parent_id/><approval/></jobs>`, 'jobs')).toEqual([]);
});
