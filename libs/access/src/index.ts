export * from './principal.js';
export * from './access-table.js';
export * from './access.module.js';
export * from './zone-directory.js';
export * from './local-token.js';
export * from './token-verifier.js';
export * from './route-key.js';
