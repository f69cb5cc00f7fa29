export * from './operations.js';
export * from './event-visibility.js';
export * from './markdown.js';
