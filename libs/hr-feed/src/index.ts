export * from './hr-feed.module.js';
// application
export * from './application/ports/feed-records.port.js';
export * from './application/ingest-feed-record/ingest-feed-record.service.js';
export * from './application/ingest-feed-batch/ingest-feed-batch.service.js';
export * from './application/queries/feed-week-reconciliation.query.js';
// read models
export * from './infrastructure/quarantine.entity.js';
export * from './infrastructure/feed-manifest.entity.js';
export { FeedRecordsProjector } from './infrastructure/feed-records.projector.js';
export { HR_FEED_READ_MODEL_ENTITIES } from './infrastructure/hr-feed-read-model.entities.js';
// Kafka edge: the HR feed consumer (apps/hr-feed-consumer, docs/decisions/0040)
export * from './interface/kafka/index.js';
