// The spec documents under Node: the module under test reads lib/spec-runtime.ts.
import '../../lib/spec.ts';
import { expect, test } from 'vitest';
import { ApiError } from './api-error.ts';
import { MAX_JSON_DEPTH, parseBody } from './content.ts';

const refusal = (raw: string) => {
  try {
    parseBody(raw, 'json', 'jobs', {});
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error(`parseBody accepted ${raw}`);
};

test('a body is parsed as it was sent', () => {
  const body = { name: 'x', n: 2 ** 53 - 1, list: [{ a: -(2 ** 53 - 1) }], deep: [[[1]]] };
  expect(parseBody(JSON.stringify(body), 'json', 'jobs', {})).toEqual(body);
});

test.each([
  ['{"a":9007199254740993}', '/a'],
  ['{"a":{"b":[1,2,-9007199254740993]}}', '/a/b/2'],
  ['{"a/b":{"c~d":1e300}}', '/a~1b/c~0d'],
  ['9007199254740993', '/'],
  ['{"ok":1,"x":[{"y":12345678901234567890}],"z":9007199254740993}', '/x/0/y'],
])('a whole number beyond 2^53-1 in %s is refused at %s', (raw, pointer) => {
  const e = refusal(raw);
  expect(e.status).toBe(400);
  expect(e.violations[0]?.field).toBe(pointer);
});

test('a body nested past the limit is refused for that, even when it is not valid JSON', () => {
  const deep = `{"a":${'['.repeat(MAX_JSON_DEPTH)}]`;
  expect(refusal(`${deep}${']'.repeat(MAX_JSON_DEPTH - 1)}}`).message).toMatch(/nested more than/);
  expect(refusal(`${deep}`).message).toMatch(/nested more than/);
  // Exactly the limit, and many brackets inside strings, are fine.
  const atLimit = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
  expect(parseBody(atLimit, 'json', 'jobs', {})).toBeInstanceOf(Array);
  expect(parseBody(JSON.stringify({ s: '['.repeat(100) }), 'json', 'jobs', {})).toEqual({
    s: '['.repeat(100),
  });
});

test('malformed and empty bodies are refused with what broke', () => {
  expect(refusal('{"a":').message).toMatch(/could not be read/);
  expect(refusal('  ').message).toMatch(/empty/);
});
