import { expect, it } from 'vitest';
import { variedViewPath } from './view-mix.ts';

it('sends a different JobsView query per request, the same sequence every run', () => {
  const paths = Array.from({ length: 10_000 }, (_, n) => variedViewPath(n));
  expect(new Set(paths).size).toBe(10_000);
  expect(variedViewPath(5)).toBe(paths[5]);
  expect(paths.every((p) => p.startsWith('/api/JobsView?$filter=') && !p.includes(' '))).toBe(true);
});
