import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts', 'web/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A loaded CI machine can take seconds to answer a browser's request; a poll that gives up
    // after the default second fails a correct page.
    expect: { poll: { timeout: 15_000 } },
  },
});
