// The pipeline runs in hosts without Node (a browser worker): nothing it imports, directly or
// through the stores, the model and lib/, may be a `node:` module, Express or Node's Buffer.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Every value import reachable from a file (type-only imports are erased), with what breaks the rule. */
function offenders(entry: string): { files: number; problems: string[] } {
  const seen = new Set<string>();
  const problems: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const name = relative(ROOT, file);
    for (const m of text.matchAll(/^import\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?'([^']+)'/gm)) {
      const [, typeOnly, target = ''] = m;
      if (typeOnly) continue;
      if (target.startsWith('node:') || target === 'express') problems.push(`${name} imports ${target}`);
      else if (target.startsWith('.')) visit(resolve(dirname(file), target));
    }
    if (/\bBuffer\./.test(text)) problems.push(`${name} uses Buffer`);
  };
  visit(resolve(ROOT, entry));
  return { files: seen.size, problems };
}

it('imports no node: module, no Express and no Buffer, through all it reaches', () => {
  const { files, problems } = offenders('mock/pipeline/pipeline.ts');
  expect(files).toBeGreaterThan(30);
  expect(problems).toEqual([]);
});

it('finds one when there is one (the host does import node: modules)', () => {
  expect(offenders('mock/server.ts').problems.length).toBeGreaterThan(0);
});
