// The repository lints itself with typescript-eslint's type-checked configs and, once built, with
// its own rules.
import { existsSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// `npm test` builds before it lints, so the plugin's own rules always run there; a lint of an
// unbuilt checkout says that they were left out.
const corralPluginPath = './eslint-plugin/dist/index.js';
const corral = existsSync(new URL(corralPluginPath, import.meta.url))
  ? (await import(corralPluginPath)).default
  : (console.warn(`eslint.config.mjs: ${corralPluginPath} is not built; @corral rules skipped (run npx tsc -b)`), null);

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.cache/**',
      '**/__testfixtures__/**',
      'docs/.vitepress/cache/**',
      'docs/.vitepress/dist/**',
      'docs/api/**',
      'bench/results/**',
      // The tour's deliberately unstructured sample app: its findings are the point of the tour.
      'examples/legacy-crawler/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // Root-level config files belong to no package's tsconfig.
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // A test body is async because the runner awaits it, whether or not it awaits anything.
    files: ['test/**/*.ts', '*/test/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  ...(corral === null
    ? []
    : [
        { ...corral.configs.recommended, files: ['**/*.ts', '**/*.mts'] },
        {
          // Command-line tools, build scripts and tests do one thing at a time, so a blocking
          // file-system call there holds up nothing (the rule's "when not to use it").
          files: ['scripts/**', 'codemods/src/**', 'bench/**', 'test/**', '*/test/**'],
          rules: { '@corral/no-blocking-calls': 'off' },
        },
      ]),
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', globalThis: 'readonly' },
    },
  },
);
