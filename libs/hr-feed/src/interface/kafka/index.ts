export * from './hr-feed-consumer.options.js';
export * from './hr-feed.consumer.js';
export * from './hr-feed-kafka.module.js';
export * from './quarantine-message.js';
