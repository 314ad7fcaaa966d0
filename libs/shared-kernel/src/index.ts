export * from './domain-error.js';
export * from './clock.js';
export * from './aggregate.js';
export * from './shanghai-calendar.js';
export * from './canonical-json.js';
export * from './event-codec.js';
export * from './command.js';
