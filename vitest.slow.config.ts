// The long suites: end-to-end batch scoring of 100,000 rows, soak and fault runs.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{model,functions,cli,test}/**/*.slow.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    env: { LOG_LEVEL: 'silent', ORT_DISABLE_TELEMETRY: '1' },
  },
});
