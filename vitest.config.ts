// Unit and integration tests sit beside the code they test (x.test.ts next to x.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{model,functions,cli}/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    env: { LOG_LEVEL: 'silent' },
  },
});
