import type { AccidentTypeRef } from '@app/reference-data';
import { AccidentError } from './accident.errors.js';

const OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * GB 6441-2025 is mandatory for accidents that happen on or after `mandatoryFrom` (a date in
 * Asia/Shanghai; 2026-07-01 by default); GB 6441-86 stays valid for the history before it.
 */
export function assertAccidentTypeStandard(
  type: AccidentTypeRef,
  occurredAt: string,
  mandatoryFrom: string,
): void {
  const occurredOn = new Date(Date.parse(occurredAt) + OFFSET_MS)
    .toISOString()
    .slice(0, 10);
  if (type.standard === 'GB6441-86' && occurredOn >= mandatoryFrom) {
    throw new AccidentError(
      'ACCIDENT_TYPE_STANDARD_SUPERSEDED',
      `Accidents from ${mandatoryFrom} are classified under GB 6441-2025, not GB 6441-86`,
      [
        {
          path: 'accidentType/standard',
          message: `must be GB6441-2025 for an accident on ${occurredOn}`,
        },
      ],
    );
  }
}
