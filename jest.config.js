// Native ESM mode: NestJS 12 ships ES modules, so tests run as modules too (see docs/adr/0002).
const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2023',
        keepClassNames: true,
      },
      module: { type: 'es6' },
      swcrc: false,
    },
  ],
};
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform,
  moduleNameMapper: {
    '^@upgrade-control/(contracts|platform|inventory-view|client)$': '<rootDir>/libs/$1/src/index.ts',
    '^@upgrade-control/platform/(domain|testing)$': '<rootDir>/libs/platform/src/$1/index.ts',
    '^@upgrade-control/platform/backoff$': '<rootDir>/libs/platform/src/messaging/backoff.ts',
    '^@upgrade-control/contracts/response-validator$': '<rootDir>/libs/contracts/src/openapi/response-validator.ts',
    '^@upgrade-control/platform/testing/http$': '<rootDir>/libs/platform/src/testing/http.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};
export default {
  // Consumer groups take seconds to join; speed is measured in bench/, never asserted in tests.
  testTimeout: 60_000,
  // Files run one at a time (scripts/test.sh: --maxWorkers=1) in a worker that is replaced when it
  // holds more than this after a file: ESM modules loaded by earlier files are never freed.
  workerIdleMemoryLimit: '1536MB',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/bench/**/*.spec.mjs'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
