import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/consumer/ is a template that runs against the packed tarball (scripts/consumer-test.sh).
    exclude: ['test/consumer/**', '**/node_modules/**'],
    // Integration tests start real servers and child processes; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // JUnit for CI systems next to the console report; .ci/run reads the counts from it.
    reporters: process.env.CI ? ['default', ['junit', { outputFile: 'test-results/junit.xml' }]] : ['default'],
  },
});
