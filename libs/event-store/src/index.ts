// The event store's port, adapters, hash chain and errors; its Nest module is @app/event-store/nest.
export * from './event-store.port.js';
export * from './event-store.errors.js';
export * from './hash-chain.js';
export * from './aggregate-repository.js';
export * from './create-event-store.js';
export { findUnstorableText, scrubUnstorableText } from './append-support.js';
