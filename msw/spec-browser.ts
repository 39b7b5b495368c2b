// lib/spec.ts in a browser bundle (package.json "browser" field): everything of lib/spec-runtime.ts,
// with the documents bundled in the package instead of read from spec/*.yaml. Given here, on import,
// because modules of the mock read the specs as they load, before createMockHandlers runs.
import { type SpecName, useSpecSource } from '../lib/spec-runtime.ts';
import { SPEC_DOCUMENTS } from './spec-documents.generated.ts';

export * from '../lib/spec-runtime.ts';

useSpecSource((name: SpecName) => SPEC_DOCUMENTS[name]);
