export * from './hr-feed.topics.js';
export * from './hr-feed.types.js';
export * from './hr-feed.validator.js';
export { HR_INJURY_DECLARATION_V1_SCHEMA } from './hr-injury-declaration.v1.schema.js';
export { HR_INJURY_DECLARATION_V2_SCHEMA } from './hr-injury-declaration.v2.schema.js';
