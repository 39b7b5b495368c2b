import { defineConfig } from 'vitest/config';

// npm run test:contract: the contract suite as vitest tests, against WO_BASE_URL or a mock it starts.
export default defineConfig({
  test: {
    include: ['contract-tests/contract.suite.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
