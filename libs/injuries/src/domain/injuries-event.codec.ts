import { defineEventCodec } from '@app/shared-kernel';
import type { FeedWeekEvent } from './feed-week.events.js';
import type {
  InjuryCaseEvent,
  RecurrenceFlaggedV1Data,
  RecurrenceFlagRetractedV1Data,
} from './injury-case.events.js';
import type { PersonalDataEvent } from './personal-data.events.js';

/** Every event the Injuries context writes: an injury case's, a feed week's, and a worker's erasure. */
export type InjuriesEvent = InjuryCaseEvent | FeedWeekEvent | PersonalDataEvent;

/**
 * v1 → v2 of the events that carry personal data: v1 data is v2 data with nothing sealed (its
 * personal fields in clear, docs/decisions/0230); the stored v1 bytes are never rewritten.
 */
const personalFieldsInClear = (
  data: Record<string, unknown>,
): Record<string, unknown> => data;

/** How the Injuries context reads its stored events, whatever their schema version (docs/decisions/0103-event-codecs.md). */
export const INJURIES_EVENT_CODEC = defineEventCodec<InjuriesEvent>({
  latest: {
    InjuryDeclarationReceived: 2,
    InjuryDeclarationCorrected: 2,
    InjuryDeclarationWithdrawn: 1,
    FollowUpVisitScheduled: 1,
    FollowUpVisitCompleted: 1,
    RectificationOrdered: 1,
    RectificationItemCompleted: 1,
    RectificationVerified: 1,
    FollowUpVisitOverdue: 1,
    InjuryCaseClosed: 1,
    RecurrenceFlagged: 2,
    RecurrenceFlagRetracted: 2,
    FeedRecordQuarantined: 2,
    FeedManifestReceived: 1,
    WorkerPersonalDataErased: 1,
  },
  upcasters: {
    InjuryDeclarationReceived: { 1: personalFieldsInClear },
    InjuryDeclarationCorrected: { 1: personalFieldsInClear },
    FeedRecordQuarantined: { 1: personalFieldsInClear },
    // v1 named one earlier case per event (docs/decisions/0104-recurrence-flag-v2.md).
    RecurrenceFlagged: {
      1: (data) => {
        const v1 = data as unknown as RecurrenceFlaggedV1Data;
        return {
          previousClaimIds: [v1.previousClaimId],
          accidentType: v1.accidentType,
          daysSinceLatest: v1.daysBetween,
          daysBetween: [v1.daysBetween],
        };
      },
    },
    RecurrenceFlagRetracted: {
      1: (data) => {
        const v1 = data as unknown as RecurrenceFlagRetractedV1Data;
        return { previousClaimIds: [v1.previousClaimId], reason: v1.reason };
      },
    },
  },
});
