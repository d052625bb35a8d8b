import { defineConfig } from 'vitest/config';

// Three projects: `unit` needs no built site and runs in seconds
// (`npm run test:unit`); `site` and `e2e` read the sites test/global-setup.ts
// builds once per run. `npm test` runs all three.
const needsSite = ['test/site/**/*.test.ts', 'test/search/index.test.ts', 'test/cli/{explain,check-links,scan,scanner,reference,spawned}.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 600_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...needsSite, 'test/e2e/**'] }
      },
      {
        extends: true,
        // Built-site tests share one build; files run one at a time on these
        // 2-core machines to keep timings calm.
        test: { name: 'site', include: needsSite, globalSetup: ['test/global-setup.ts'], poolOptions: { forks: { singleFork: true } } }
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/global-setup.ts'], poolOptions: { forks: { singleFork: true } } }
      }
    ]
  }
});
