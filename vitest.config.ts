import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    // Built-site and browser tests share one build; files run one at a time on
    // these 2-core machines to keep timings calm.
    fileParallelism: false,
    reporters: ['default']
  }
});
