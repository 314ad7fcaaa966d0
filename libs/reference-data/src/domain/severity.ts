/** Injury severity: 轻伤 (<105 lost workdays), 重伤 (≥105), 死亡. */
export type Severity = 'minor' | 'serious' | 'fatal';
export const SEVERITIES: readonly Severity[] = ['minor', 'serious', 'fatal'];

/**
 * Nature of a work injury (工伤保险条例). Only `workplace` is a production-safety accident; the others
 * are work injuries that metrics keep apart (spec/metrics.md).
 */
export type InjuryNature = 'workplace' | 'commute' | 'occupational-disease' | 'sudden-illness' | 'other';
export const INJURY_NATURES: readonly InjuryNature[] = [
  'workplace',
  'commute',
  'occupational-disease',
  'sudden-illness',
  'other',
];
