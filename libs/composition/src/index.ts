export * from './service.module.js';
export * from './core.module.js';
export * from './projections-host.module.js';
export * from './read-model-data-source.js';
export * from './read-model-rebuild.js';
export * from './read-model-schema.js';
