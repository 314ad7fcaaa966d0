// The HR feed's test helpers, for tests outside the library.
export * from './feed-ingestion.js';
