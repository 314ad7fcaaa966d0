export * from './redaction.js';
export * from './logging.module.js';
export * from './graceful-shutdown.js';
export * from './outage-log.js';
export * from './service-logger.js';
