export * from './event-store.contract.js';
export { PgTestDatabase } from '../postgres/pg-test-database.js';
