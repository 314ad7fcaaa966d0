export * from './event-store.port.js';
export * from './event-store.errors.js';
export * from './hash-chain.js';
export * from './aggregate-repository.js';
