import type { EventStore } from '@app/event-store';
import { DEFAULT_REFERENCE_DATA } from '@app/reference-data';
import { IngestFeedRecordService } from '../application/ingest-feed-record/ingest-feed-record.service.js';
import type { PersonalDataVault } from '@app/injuries';
import {
  declarationCommandBus,
  type FakeReviewFlagCommandBus,
} from '@app/injuries/testing';

/**
 * The feed ingestion the app wires, built by hand over this store and vault: declarations recorded by
 * the real injuries handlers, enterprises registered in `zones`, review flags sent to `reviewFlags`.
 */
export function feedIngestion(
  store: EventStore,
  vault: PersonalDataVault,
  {
    secret,
    zones,
    reviewFlags,
  }: {
    secret: string;
    zones?: Record<string, string>;
    reviewFlags?: FakeReviewFlagCommandBus;
  },
): IngestFeedRecordService {
  const options = { workerPseudonymSecret: secret };
  return new IngestFeedRecordService(
    store,
    DEFAULT_REFERENCE_DATA,
    options,
    vault,
    declarationCommandBus(store, vault, { options, zones, reviewFlags }),
  );
}
