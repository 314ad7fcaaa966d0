// The enterprises context's test data, for tests outside the library (docs/decisions/0265).
export * from './enterprise.factory.js';
