export * from './app-config.js';
export * from './process-config.js';
