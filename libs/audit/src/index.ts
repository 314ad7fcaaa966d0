export * from './domain/audit-export.format.js';
export * from './domain/export-verifier.js';
export * from './domain/signed-checkpoint.js';
export * from './application/audit-export.js';
export * from './application/checkpoint-log.js';
