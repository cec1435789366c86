import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'layers/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    // Generous: e2e tests run real tools (ansible, git) on a 2-core machine shared with other work.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker less than the CPUs: one on a 2-core machine, and most e2e time is
    // spent waiting on tools. Two files at once.
    maxWorkers: 2,
    minWorkers: 1,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
