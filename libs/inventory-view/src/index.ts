export * from './inventory-view.js';
export * from './inventory-view.migration.js';
export * from './inventory-view-versions.migration.js';
export * from './inventory-view-waves.migration.js';
export * from './inventory-view.projection.js';
export * from './inventory-view-read-models.js';
export * from './baseline-view.js';
