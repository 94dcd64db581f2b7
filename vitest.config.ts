import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // End-to-end files start their own preview host and browser; keep the two cores for them.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
