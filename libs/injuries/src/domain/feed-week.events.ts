import type { DomainEvent } from '@app/shared-kernel';
import type { PersonalDataParts } from './injury-case.events.js';

/** Where a feed record came from. */
export type FeedSource = 'http' | 'kafka';

/** One reason a record was not accepted: a JSON pointer into the record and a message. */
export interface FeedViolation {
  path: string;
  message: string;
}

type Event<T extends string, D> = DomainEvent<T, D> & {
  readonly schemaVersion: 1;
};

/**
 * A feed record that could not be accepted (nothing from the feed is dropped, docs/domain.md).
 * `record` is sanitised before the event is built: worker.idNumber is replaced by workerRef, any
 * run of 17+ digits is redacted, and unparseable input is kept as {unparseable: {sha256, byteLength,
 * text (redacted)}} (docs/decisions/0030).
 */
export type FeedRecordQuarantined = DomainEvent<
  'FeedRecordQuarantined',
  PersonalDataParts & {
    /** Deterministic (source, feedWeek, sanitised record): the same record is quarantined once. */
    quarantineId: string;
    /** The record's (or its batch's) ISO week; `unknown` when neither is readable. */
    feedWeek: string;
    source: FeedSource;
    claimId: string | null;
    reasons: FeedViolation[];
    /** v2: without its personal parts, which are sealed in `personal` (docs/decisions/0230). */
    record: unknown;
  }
> & { readonly schemaVersion: 2 };

/** The HR bureau's manifest of a feed week: how many declarations to expect, and which. */
export type FeedManifestReceived = Event<
  'FeedManifestReceived',
  {
    feedWeek: string;
    expectedCount: number;
    claimIds?: string[];
    source: FeedSource;
  }
>;

export type FeedWeekEvent = FeedRecordQuarantined | FeedManifestReceived;
export type FeedWeekEventType = FeedWeekEvent['type'];

export const FEED_WEEK_EVENT_TYPES: readonly FeedWeekEventType[] = [
  'FeedRecordQuarantined',
  'FeedManifestReceived',
];

/** Stream of what the feed said about one week beyond the cases themselves: `hr-feed-week-<feedWeek>`. */
export const FEED_WEEK_STREAM_PREFIX = 'hr-feed-week-';
export const feedWeekStreamName = (feedWeek: string): string =>
  `${FEED_WEEK_STREAM_PREFIX}${feedWeek}`;
