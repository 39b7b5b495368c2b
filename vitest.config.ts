import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'contract-tests/contract.suite.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
