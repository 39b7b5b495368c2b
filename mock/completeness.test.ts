// Completeness: every operation of both specs has a route in the mock, and every documented rule
// (x-rules) is enforced somewhere in the mock and named by at least one of its tests.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadSpec, type SpecName } from '../lib/spec.ts';
import { type RunningMock, startMock } from './server.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}
const all = files(root);
const source = all
  .filter((f) => !f.endsWith('.test.ts'))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');
const tests = all
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

const specs: SpecName[] = ['jobs', 'nextgen'];
const rules = specs.flatMap((spec) => loadSpec(spec)['x-rules'].map((r) => ({ spec, ...r })));
const specText = specs.map((s) => JSON.stringify(loadSpec(s))).join('\n');

it.each(rules.map((r) => [r.id, r] as const))('enforces rule %s in the mock or its schema', (id, rule) => {
  // Server rules are cited where the mock implements them (an error naming the rule, or a comment at
  // the code of a side effect). Schema rules are enforced by ajv through the x-rule / x-rules-by-keyword annotations of the spec.
  const inSchema =
    rule.enforcedBy === 'schema' &&
    new RegExp(`"x-rule(s-by-keyword)?":[^\\n]*"${id}"`).test(specText.replace(/"x-rules":\[[^\]]*\]/g, ''));
  expect(inSchema || source.includes(id), `${id} is neither annotated in the schema nor used in mock/`).toBe(
    true,
  );
});

it.each(rules.map((r) => r.id))('exercises rule %s in a test of the mock', (id) => {
  expect(tests.includes(id), `no test under mock/ names ${id}`).toBe(true);
});

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ seed: 1, jobs: 5 });
});
afterAll(() => mock.close());

const operations = specs.flatMap((spec) =>
  Object.entries(loadSpec(spec).paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'put', 'post', 'patch', 'delete'].includes(method))
      .map(
        ([method, op]) =>
          [
            `${method.toUpperCase()} ${path}`,
            method,
            path,
            (op as { operationId: string }).operationId,
          ] as const,
      ),
  ),
);

it.each(operations)('has a route for %s', async (_name, method, path) => {
  const url = path.replace('{id}', '3f6c2a4e-0000-4000-8000-000000000000').replace('{typeId}', '1');
  const res = await fetch(mock.url + url, {
    method: method.toUpperCase(),
    headers: { 'content-type': 'application/json' },
    ...(method === 'get' ? {} : { body: '{}' }),
  });
  const text = await res.text();
  // Unauthenticated, so a real route answers 401 (or 400 for a bad body); an unknown route says so.
  expect(text).not.toMatch(/No HTTP resource|No route/i);
  expect(res.status).not.toBe(404);
});
