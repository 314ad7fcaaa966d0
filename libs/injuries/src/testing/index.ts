// The injuries context's test helpers, for tests outside the library: the HR feed's tests run the real
// declaration handlers through them (docs/decisions/0267).
export * from './declaration-command-bus.js';
export * from './fakes.js';
export * from './injury-case.factory.js';
export * from './personal-data.js';
