// The specs of spec/*.yaml under Node: everything of lib/spec-runtime.ts, with the documents read
// from the files. What runs under Node imports this; a host without a file system imports
// lib/spec-runtime.ts and gives the documents itself.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { type OpenApiDocument, type SpecName, useSpecSource } from './spec-runtime.ts';

export * from './spec-runtime.ts';

export const SPEC_FILES: Record<SpecName, string> = {
  jobs: fileURLToPath(new URL('../spec/jobs.openapi.yaml', import.meta.url)),
  nextgen: fileURLToPath(new URL('../spec/nextgen.openapi.yaml', import.meta.url)),
};

const readSpecFile = (name: SpecName) => parse(readFileSync(SPEC_FILES[name], 'utf8')) as OpenApiDocument;
useSpecSource(readSpecFile);
