// The Nest edge of the event store (docs/decisions/0245): the module that provides EVENT_STORE. Kept out of
// @app/event-store so that domain code using the hash chain or the event types does not load Nest.
export * from '../event-store.module.js';
