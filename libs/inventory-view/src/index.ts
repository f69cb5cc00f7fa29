export * from './inventory-view.js';
export * from './inventory-view.migration.js';
