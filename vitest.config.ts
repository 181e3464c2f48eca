import { defineConfig } from 'vitest/config';

// One project per package, so that `--project runtime` runs the runtime suite alone on Deno and
// Bun from the same files.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'runtime',
          root: 'runtime',
          include: ['test/**/*.test.ts'],
          setupFiles: ['test/setup/runtime-assert.ts', 'test/setup/no-unhandled-rejections.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'eslint-plugin',
          root: 'eslint-plugin',
          include: ['test/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'codemods',
          root: 'codemods',
          include: ['test/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          root: 'test',
          include: ['**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/.cache/**'],
          testTimeout: 600_000,
        },
      },
    ],
  },
});
