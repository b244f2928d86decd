import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Resolve our packages to src/ through the custom export condition, so tests need no build.
  ssr: { resolve: { conditions: ['annexa-source'] } },
  resolve: { conditions: ['annexa-source'] },
  test: {
    include: ['**/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Quiet tests: a test that writes to the console is a test that leaks logs.
    onConsoleLog: () => false,
  },
});
