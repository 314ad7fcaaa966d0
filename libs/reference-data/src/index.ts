// Reference data as values and pure functions, safe for domain code; the Nest module, controller, DTO and
// file loader are the second entry @app/reference-data/nest (docs/decisions/0245).
export * from './domain/uscc.js';
export * from './domain/industry-code.js';
export * from './domain/severity.js';
export * from './domain/injury-nature.js';
export * from './domain/accident-types.js';
export * from './domain/accident-grade.js';
export * from './domain/reference-data.js';
// The injection token is a bare symbol (it loads nothing), so application code names it from this entry.
export * from './interface/reference-data.token.js';
