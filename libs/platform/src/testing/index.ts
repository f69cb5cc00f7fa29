// The fast ladder without Nest: deciders, the in-memory store and bus. The HTTP ladder
// (Nest, supertest) is `@upgrade-control/platform/testing/http`, so decider specs stay light.
export * from './decider-specification.js';
export * from './in-memory-event-store.js';
export * from './in-memory-message-bus.js';
