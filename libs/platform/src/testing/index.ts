export * from './decider-specification.js';
export * from './in-memory-event-store.js';
export * from './in-memory-message-bus.js';
export * from './in-memory-platform.js';
export * from './api-specification.js';
