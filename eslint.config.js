import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextDecoder: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        performance: 'readonly',
      },
    },
    // No consistent-type-imports: Nest's dependency injection needs constructor parameter types imported as values.
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // The dashboard's page runs in the browser (ES modules, no build step).
    files: ['apps/monitoring/dashboard/**/*.js'],
    languageOptions: {
      globals: {
        document: 'readonly',
        location: 'readonly',
        sessionStorage: 'readonly',
        EventSource: 'readonly',
        URLSearchParams: 'readonly',
        atob: 'readonly',
      },
    },
  },
  {
    files: [
      'scripts/**',
      'libs/contracts/src/authorization/cli.ts',
      'apps/openapi/src/cli.ts',
      'apps/openapi/src/asyncapi-cli.ts',
      'test/support/**',
      'docs/examples/**',
      'bench/**',
    ],
    rules: { 'no-console': 'off' },
  },
);
