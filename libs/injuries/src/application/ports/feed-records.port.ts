import type { HrFeedManifestV1, HrFeedViolation } from '@app/hr-feed-contracts';

export type FeedSource = 'http' | 'kafka';

/** A feed record that could not be accepted, kept with its reasons (nothing from the feed is dropped). */
export interface QuarantinedRecord {
  /** Deterministic: the same record from the same source is quarantined once. */
  quarantineId: string;
  feedWeek: string;
  source: FeedSource;
  claimId: string | null;
  reasons: HrFeedViolation[];
  /** The record with worker.idNumber replaced by workerRef and ID-number-like text redacted; or {raw} for unparseable input. */
  record: unknown;
  receivedAt: string;
}

export interface QuarantineRepository {
  /** Upsert by quarantineId. */
  save(record: QuarantinedRecord): Promise<void>;
  list(filter: { feedWeek?: string }): Promise<QuarantinedRecord[]>;
}

export interface FeedManifestRecord extends Omit<HrFeedManifestV1, 'schemaVersion' | 'kind'> {
  source: FeedSource;
  receivedAt: string;
}

export interface FeedManifestRepository {
  /** Upsert by feedWeek: the latest manifest of a week wins. */
  save(manifest: FeedManifestRecord): Promise<void>;
  get(feedWeek: string): Promise<FeedManifestRecord | undefined>;
}

export const QUARANTINE_REPOSITORY = Symbol('injuries.QuarantineRepository');
export const FEED_MANIFEST_REPOSITORY = Symbol('injuries.FeedManifestRepository');
