export * from './signing-keys.js';
export * from './detached-jws.js';
export * from './checkpoint-verification.js';
export * from './chain-checkpointer.js';
export * from './log-fold.js';
