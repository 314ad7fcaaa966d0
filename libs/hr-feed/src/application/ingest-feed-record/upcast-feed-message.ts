import type { HrFeedMessage, HrFeedMessageV2 } from '@app/hr-feed-contracts';
import { INJURY_NATURE_V1_TO_V2 } from '@app/reference-data';

/**
 * Reads a validated feed message of either contract version as version 2, so everything after
 * validation (content, duplicates, corrections, reconciliation, quarantine) knows one shape: a v1 and a
 * v2 record of the same claim with the same facts give the same declaration content. v1 natures map by
 * INJURY_NATURE_V1_TO_V2 (sudden-illness → sudden-death-48h).
 */
export function upcastFeedMessage(message: HrFeedMessage): HrFeedMessageV2 {
  if (message.schemaVersion === 2) return message;
  if (message.kind === 'manifest') return { ...message, schemaVersion: 2 };
  return {
    ...message,
    schemaVersion: 2,
    injuryNature: INJURY_NATURE_V1_TO_V2[message.injuryNature],
  };
}
