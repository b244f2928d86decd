import { defineConfig } from 'vitest/config';

// Resolve our packages to src/ through the custom export condition, so unit tests need no build.
const sourceConditions = {
  ssr: { resolve: { conditions: ['annexa-source'] } },
  resolve: { conditions: ['annexa-source'] },
};

export default defineConfig({
  ...sourceConditions,
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Quiet tests: a test that writes to the console is a test that leaks logs.
    onConsoleLog: () => false,
    projects: [
      {
        ...sourceConditions,
        test: {
          name: 'unit',
          include: ['**/src/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', 'test/e2e/**'],
        },
      },
      {
        ...sourceConditions,
        test: {
          name: 'e2e',
          include: ['test/e2e/src/**/*.test.ts'],
          // Builds the CLI once: the e2e tests run `annexa` as a user does.
          globalSetup: ['test/e2e/src/build-cli.ts'],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
