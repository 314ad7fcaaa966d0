import { defineEventCodec } from '@app/shared-kernel';
import type { FeedWeekEvent } from './feed-week.events.js';
import type { InjuryCaseEvent } from './injury-case.events.js';

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
    RecurrenceFlagged: 1,
    RecurrenceFlagRetracted: 1,
    FeedRecordQuarantined: 1,
    FeedManifestReceived: 1,
  },
});
