/** Test data of the HR feed contract, imported as @app/hr-feed-contracts/testing by tests only. */
export * from './hr-declaration.factory.js';
export * from './examples.js';
