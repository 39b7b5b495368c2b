// Only lib/spec-runtime.ts here (not lib/spec.ts): the documents come from the test, as from a host
// without a file system.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  catalog,
  loadSpec,
  type OpenApiDocument,
  type SpecName,
  useSpecSource,
  validatorFor,
} from './spec-runtime.ts';

const read = (name: SpecName) =>
  parse(readFileSync(new URL(`../spec/${name}.openapi.yaml`, import.meta.url), 'utf8')) as OpenApiDocument;

describe('spec runtime', () => {
  it('needs the host to give the documents, then builds the catalog and validators from them', () => {
    expect(() => loadSpec('jobs')).toThrow(/no source of the spec documents/);
    const asked: string[] = [];
    const source = (name: SpecName) => {
      asked.push(name);
      return read(name);
    };
    useSpecSource(source);
    expect(catalog().operation('Jobs_Put').path).toBe('/api/Jobs({id})');
    expect(validatorFor('nextgen', '#/components/schemas/WorkOrderTypePatch')({ code: 'A' })).toBe(true);
    loadSpec('jobs');
    expect(asked.sort()).toEqual(['jobs', 'nextgen']);
    // Once in use, the source cannot change under the catalog.
    expect(() => useSpecSource(read)).toThrow(/already in use/);
  });

  it('imports no node: module, nor does anything of lib/ it loads', () => {
    const lib = new URL('./', import.meta.url);
    const files = [
      'spec-runtime.ts',
      'catalog.ts',
      'int64.ts',
      ...readdirSync(new URL('xml/', lib)).map((f) => `xml/${f}`),
    ];
    for (const f of files.filter((x) => x.endsWith('.ts') && !x.endsWith('.test.ts')))
      expect(readFileSync(new URL(f, lib), 'utf8'), f).not.toMatch(/from 'node:/);
  });
});
