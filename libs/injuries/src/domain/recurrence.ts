import type { AccidentTypeRef } from '@app/reference-data';
import { daysBetweenDates, shanghaiDateOf } from './shanghai-calendar.js';

/** What recurrence detection needs to know of a case. */
export interface RecurrenceCandidate {
  claimId: string;
  uscc: string;
  accidentType?: AccidentTypeRef;
  /** Instant with offset. */
  injuredAt: string;
  withdrawn?: boolean;
}

export interface Recurrence {
  previousClaimId: string;
  accidentType: AccidentTypeRef;
  daysBetween: number;
}

/**
 * Maps a type to the key it is compared by: GB 6441-86 types are mapped to their GB 6441-2025
 * successor so a 2024 "机械伤害" (86/03) and a 2026 "机械致害" (2025/04) count as the same type.
 * Returns undefined for a type it does not know (then nothing matches it).
 */
export type AccidentTypeKey = (type: AccidentTypeRef) => string | undefined;

export const RECURRENCE_WINDOW_DAYS = 365;

/**
 * 同类事故复发: the same enterprise (uscc) had an injury of the same accident type within 365 days,
 * inclusive, counted in Asia/Shanghai calendar days between the two injury dates (366 days apart is
 * not a recurrence). Withdrawn cases (not a work injury) do not count. When several earlier cases
 * match, the nearest one is reported (then the smaller claimId, for a deterministic answer).
 */
export function detectRecurrence(
  previousCases: readonly RecurrenceCandidate[],
  newCase: RecurrenceCandidate,
  typeKey: AccidentTypeKey,
): Recurrence | undefined {
  if (newCase.withdrawn || !newCase.accidentType) return undefined;
  const key = typeKey(newCase.accidentType);
  if (key === undefined) return undefined;
  const newDate = shanghaiDateOf(newCase.injuredAt);

  let best: Recurrence | undefined;
  for (const previous of previousCases) {
    if (previous.claimId === newCase.claimId || previous.withdrawn) continue;
    if (previous.uscc !== newCase.uscc || !previous.accidentType) continue;
    if (typeKey(previous.accidentType) !== key) continue;
    const days = Math.abs(daysBetweenDates(shanghaiDateOf(previous.injuredAt), newDate));
    if (days > RECURRENCE_WINDOW_DAYS) continue;
    if (
      !best ||
      days < best.daysBetween ||
      (days === best.daysBetween && previous.claimId < best.previousClaimId)
    ) {
      best = { previousClaimId: previous.claimId, accidentType: newCase.accidentType, daysBetween: days };
    }
  }
  return best;
}
