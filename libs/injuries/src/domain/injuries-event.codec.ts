import { defineEventCodec } from '@app/shared-kernel';
import type { FeedWeekEvent } from './feed-week.events.js';
import type { InjuryCaseEvent, RecurrenceFlaggedV1Data, RecurrenceFlagRetractedV1Data } from './injury-case.events.js';

/** Every event the Injuries context writes: an injury case's, and a feed week's. */
export type InjuriesEvent = InjuryCaseEvent | FeedWeekEvent;

/** How the Injuries context reads its stored events, whatever their schema version (docs/decisions/0103-event-codecs.md). */
export const INJURIES_EVENT_CODEC = defineEventCodec<InjuriesEvent>({
  latest: {
    InjuryDeclarationReceived: 1,
    InjuryDeclarationCorrected: 1,
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
    FeedRecordQuarantined: 1,
    FeedManifestReceived: 1,
  },
  upcasters: {
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
