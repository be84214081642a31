// Unit and integration tests sit beside the code they test (x.test.ts next to x.ts). Long suites
// (x.slow.test.ts) run with `npm run test:slow` (vitest.slow.config.ts), from CI too.
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{model,functions,cli,knative,test}/**/*.test.ts'],
    exclude: [...configDefaults.exclude, '**/*.slow.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    env: { LOG_LEVEL: 'silent', ORT_DISABLE_TELEMETRY: '1' },
  },
});
