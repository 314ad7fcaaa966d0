export * from './reporting-fact.js';
export * from './county.js';
export * from './accident-reduction.js';
export * from './zone-competition.js';
export * from './weekly-injuries.js';
