import type { FeedSource, FeedViolation } from '@app/injuries';

export type { FeedSource } from '@app/injuries';

/**
 * A feed record that could not be accepted, kept with its reasons (nothing from the feed is dropped).
 * Read side of FeedRecordQuarantined events (table hr_feed_quarantine, maintained by FeedRecordsProjector).
 */
export interface QuarantinedRecord {
  /** Deterministic: the same record from the same source is quarantined once. */
  quarantineId: string;
  feedWeek: string;
  source: FeedSource;
  claimId: string | null;
  reasons: FeedViolation[];
  /** The record with worker.idNumber replaced by workerRef and ID-number-like text redacted; or {unparseable} for unparseable input. */
  record: unknown;
  /** True once the worker was erased: the record's personal parts (worker details, narrative, health details) are gone. */
  personalDataErased: boolean;
  /** recordedAt of the event. */
  receivedAt: string;
}

export interface QuarantineRepository {
  list(filter: { feedWeek?: string }): Promise<QuarantinedRecord[]>;
}

/** Read side of FeedManifestReceived (table hr_feed_manifest): the latest manifest of a week. */
export interface FeedManifestRecord {
  feedWeek: string;
  expectedCount: number;
  claimIds?: string[];
  source: FeedSource;
  receivedAt: string;
}

export interface FeedManifestRepository {
  get(feedWeek: string): Promise<FeedManifestRecord | undefined>;
}

export const QUARANTINE_REPOSITORY = Symbol('injuries.QuarantineRepository');
export const FEED_MANIFEST_REPOSITORY = Symbol(
  'injuries.FeedManifestRepository',
);
