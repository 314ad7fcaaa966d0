import { FeedManifestEntity } from './feed-manifest.entity.js';
import { InjuryCaseViewEntity } from './injury-case-view.entity.js';
import { InjuryEnterpriseZoneEntity } from './injury-enterprise-zone.entity.js';
import { QuarantineEntity } from './quarantine.entity.js';
import { RecurrenceCandidateEntity, RecurrenceFlagEntity } from './recurrence-candidate.entity.js';

/** Every read-model table of the injuries context, for the app's data source. */
export const INJURIES_READ_MODEL_ENTITIES = [InjuryCaseViewEntity, InjuryEnterpriseZoneEntity, QuarantineEntity, FeedManifestEntity, RecurrenceCandidateEntity, RecurrenceFlagEntity];
