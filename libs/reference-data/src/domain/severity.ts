/** Injury severity: 轻伤 (<105 lost workdays), 重伤 (≥105), 死亡. */
export type Severity = 'minor' | 'serious' | 'fatal';
export const SEVERITIES: readonly Severity[] = ['minor', 'serious', 'fatal'];
