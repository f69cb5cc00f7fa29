// The architecture's arrows, checked by `npm run lint` (depcruise apps libs). Each rule says why.
// Spec files (*.spec.ts) and test support (test/) are test code: they may also use the testing ladder.
const TEST_CODE = ['\\.spec\\.ts$', '^test/', '^libs/platform/src/testing/'];

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle means neither side can be understood, tested or moved without the other; ' +
        'split the shared part out or invert one arrow.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-cross-service',
      severity: 'error',
      comment:
        'Services share nothing but event contracts (libs/contracts) and the platform: another ' +
        "service's code is reached through its events on Kafka, never by import. apps/rebuild is " +
        "the operators' tool that replays every service's read models, and apps/openapi writes " +
        "every service's API documents (OpenAPI, and AsyncAPI with what each consumes), so they may.",
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/(rebuild|openapi)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        "A service's domain is pure TypeScript (no I/O, time passed in): it may use its own domain " +
        'files, the platform kernel (@upgrade-control/platform/domain), the event contracts (types ' +
        'and pure functions), node:crypto for content hashes and semver. Never Nest, TypeORM, pg, ' +
        'Kafka or the rest of the platform.',
      from: { path: '^apps/([^/]+)/src/domain/', pathNot: TEST_CODE },
      to: {
        pathNot: [
          '^apps/$1/src/domain/',
          '^libs/platform/src/domain/',
          '^libs/contracts/src/',
          '^(node:)?crypto$',
          '(^|/)node_modules/semver/',
          '(^|/)node_modules/@types/semver/',
        ],
      },
    },
    {
      name: 'api-not-to-infrastructure',
      severity: 'error',
      comment:
        'Controllers dispatch commands and queries to application/; only the service module wires ' +
        'infrastructure in, so the HTTP edge never depends on SQL or Kafka code.',
      from: { path: '^apps/[^/]+/src/api/' },
      to: { path: '^apps/[^/]+/src/infrastructure/' },
    },
    {
      name: 'application-not-to-outer-layers',
      severity: 'error',
      comment:
        'Application code depends on ports (abstract classes it declares), never on their ' +
        'implementations in infrastructure/ nor on the HTTP edge in api/: arrows point inward.',
      from: { path: '^apps/[^/]+/src/application/' },
      to: { path: '^apps/[^/]+/src/(infrastructure|api)/' },
    },
    {
      name: 'kafkajs-only-in-kafka-adapter',
      severity: 'error',
      comment:
        'The platform sees the broker through MessageBus only; everything kafkajs-specific lives in ' +
        'libs/platform/src/messaging/kafka/, so the client can be replaced by replacing that folder.',
      from: { pathNot: '^libs/platform/src/messaging/kafka/' },
      to: { path: '(^|/)node_modules/kafkajs/' },
    },
    {
      name: 'database-drivers-only-behind-the-seam',
      severity: 'error',
      comment:
        "pg and TypeORM are reached through the platform's Database and Transaction " +
        "(libs/platform/src/database/); only that folder and a service's infrastructure/ (its " +
        'read models, projections and migrations) may import them.',
      from: { pathNot: ['^libs/platform/src/database/', '^apps/[^/]+/src/infrastructure/'] },
      to: { path: '(^|/)node_modules/(pg|@types/pg|typeorm)/' },
    },
    {
      name: 'client-loads-alone',
      severity: 'error',
      comment:
        "libs/client is what callers' code, the demo and the tests load: openapi-fetch, its generated " +
        "types and the platform's backoff policy, never a service, Nest, Kafka or the event store.",
      from: { path: '^libs/client/', pathNot: TEST_CODE },
      to: {
        path: ['^apps/', '^libs/(contracts|inventory-view)/', '^libs/platform/src/', '(^|/)node_modules/@nestjs/'],
        pathNot: '^libs/platform/src/messaging/backoff\\.ts$',
      },
    },
    {
      name: 'testing-only-in-tests',
      severity: 'error',
      comment:
        'The in-memory store, bus and specification helpers are for tests; production code that ' +
        'imported them would run without its database or broker.',
      from: { pathNot: TEST_CODE },
      to: { path: ['^libs/platform/src/testing/', '^test/'] },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    // Build output (dist/, libs/*/dist/), not node_modules' own dist folders.
    exclude: { path: ['^dist/', '^libs/[^/]+/dist/'] },
    // Type-only imports count: a domain file must not even name a TypeORM type.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // The workspaces' package.json exports map @upgrade-control/* to libs/*/src through "types".
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'require', 'node', 'default'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
