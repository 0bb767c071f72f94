import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    reporters: ['default', ['json', { outputFile: 'test-results/report.json' }]],
    coverage: {
      provider: 'v8',
      include: ['src/machines/**/*.ts', 'src/services/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'test-results/coverage',
      thresholds: { lines: 90, branches: 90 },
    },
  },
});
