// `npm run build`: the package's JavaScript in dist/ (tsc with tsconfig.build.json), with the files
// the compiled code reads at run time beside it, in the same layout as the sources.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = `${ROOT}dist/`;

/** Read at run time by path from the compiled code: lib/spec.ts (the specs), the docs pages' assets. */
const ASSETS = ['spec/jobs.openapi.yaml', 'spec/nextgen.openapi.yaml', 'mock/docs/assets'];

rmSync(DIST, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
for (const path of ASSETS) cpSync(`${ROOT}${path}`, `${DIST}${path}`, { recursive: true });
// contract-tests/runner reads the suite's name and version from ../../package.json, which from
// dist/contract-tests/runner/ is this file.
const { name, version } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as Record<string, string>;
writeFileSync(`${DIST}package.json`, `${JSON.stringify({ name, version, type: 'module' }, null, 2)}\n`);
