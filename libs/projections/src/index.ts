export * from './projector.js';
export * from './projection-checkpoint.entity.js';
export * from './projection-runner.js';
export * from './row-table.js';
export * from './table-snapshot.js';
export * from './project-as-recorded-at.js';
export * from './project-events.js';
