import { InjuryCaseViewEntity } from './injury-case-view.entity.js';
import { InjuryEnterpriseZoneEntity } from './injury-enterprise-zone.entity.js';
import { RecurrenceStateEntity } from './recurrence-state.entity.js';

/** Every table of the injuries context in the read-model database (read models and process-manager state). */
export const INJURIES_READ_MODEL_ENTITIES = [
  InjuryCaseViewEntity,
  InjuryEnterpriseZoneEntity,
  RecurrenceStateEntity,
];
