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
 * Whether two recorded types are the same accident type: `accidentTypesMatch` of the reference data in
 * force, so a GB 6441-86 type matches each of its GB 6441-2025 successors (a 2024 其他伤害 slip and a
 * 2026 跌落 case). An unknown type matches nothing.
 */
export type AccidentTypeMatch = (a: AccidentTypeRef, b: AccidentTypeRef) => boolean;

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
  sameType: AccidentTypeMatch,
): Recurrence | undefined {
  if (newCase.withdrawn || !newCase.accidentType) return undefined;
  const newType = newCase.accidentType;
  const newDate = shanghaiDateOf(newCase.injuredAt);

  let best: Recurrence | undefined;
  for (const previous of previousCases) {
    if (previous.claimId === newCase.claimId || previous.withdrawn) continue;
    if (previous.uscc !== newCase.uscc || !previous.accidentType) continue;
    if (!sameType(previous.accidentType, newType)) continue;
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

/** A case with an earlier injury of the same kind at the same enterprise (one flag on `claimId`). */
export interface RecurrencePair {
  /** The later case, which gets the flag. */
  claimId: string;
  recurrence: Recurrence;
}

/**
 * Every recurrence a case takes part in, as the later or as the earlier injury: for each other case
 * of the same enterprise and type whose injury is 0–365 Shanghai calendar days away, the later one
 * (by injuredAt, then claimId) is flagged against the earlier one. Unlike "the nearest earlier case
 * known so far", the set of pairs does not depend on the order in which HR's declarations arrive, so
 * Kafka and HTTP ingestion of the same feed give the same flags. Injuries of the same incident
 * (same incidentRef) are one accident, not a recurrence.
 */
export function recurrencePairs(
  others: readonly (RecurrenceCandidate & { incidentRef?: string })[],
  subject: RecurrenceCandidate & { incidentRef?: string },
  sameType: AccidentTypeMatch,
): RecurrencePair[] {
  if (subject.withdrawn || !subject.accidentType) return [];
  const subjectType = subject.accidentType;
  const subjectDate = shanghaiDateOf(subject.injuredAt);
  const pairs: RecurrencePair[] = [];
  for (const other of others) {
    if (other.claimId === subject.claimId || other.withdrawn || !other.accidentType) continue;
    if (other.uscc !== subject.uscc || !sameType(other.accidentType, subjectType)) continue;
    if (subject.incidentRef && other.incidentRef === subject.incidentRef) continue;
    const days = Math.abs(daysBetweenDates(shanghaiDateOf(other.injuredAt), subjectDate));
    if (days > RECURRENCE_WINDOW_DAYS) continue;
    const subjectIsLater = compareInjuries(subject, other) > 0;
    const [later, earlier] = subjectIsLater ? [subject, other] : [other, subject];
    pairs.push({
      claimId: later.claimId,
      recurrence: { previousClaimId: earlier.claimId, accidentType: later.accidentType!, daysBetween: days },
    });
  }
  return pairs.sort((a, b) => (a.claimId + a.recurrence.previousClaimId < b.claimId + b.recurrence.previousClaimId ? -1 : 1));
}

function compareInjuries(a: RecurrenceCandidate, b: RecurrenceCandidate): number {
  const byTime = Date.parse(a.injuredAt) - Date.parse(b.injuredAt);
  if (byTime !== 0) return byTime;
  return a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : 0;
}
