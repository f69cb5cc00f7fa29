// The HTTP given/when/then ladder: a service slice through the real HTTP edge on in-memory parts.
export * from './in-memory-platform.js';
export * from './api-specification.js';
export * from './dev-tokens.js';
export * from './authorization-matrix.js';
