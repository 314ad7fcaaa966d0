import { defineEventCodec } from '@app/shared-kernel';
import type { EnterpriseEvent } from './enterprise.events.js';

/** How the Enterprise context reads its stored events, whatever their schema version (docs/decisions/0103-event-codecs.md). */
export const ENTERPRISE_EVENT_CODEC = defineEventCodec<EnterpriseEvent>({
  latest: {
    EnterpriseRegistered: 1,
    EnterpriseProfileUpdated: 1,
    EnterpriseZoneReassigned: 1,
    HeadcountReported: 1,
    ResponsibilityProgramEnrolled: 1,
    GuidanceOfficerAssigned: 1,
    GuidanceVisitRecorded: 1,
    PostResponsibilityListsPublished: 1,
    ResponsibilitySystemComponentEstablished: 1,
    TrainingSessionRecorded: 1,
    PostSafetyPerformanceAssessed: 1,
    ModelEnterpriseDesignated: 1,
    ModelEnterpriseDesignationRevoked: 1,
    EnterpriseReviewFlagRaised: 1,
  },
});
