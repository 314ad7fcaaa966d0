import { FeedManifestEntity } from './feed-manifest.entity.js';
import { QuarantineEntity } from './quarantine.entity.js';

/** Every table of the HR feed in the read-model database. */
export const HR_FEED_READ_MODEL_ENTITIES = [
  QuarantineEntity,
  FeedManifestEntity,
];
