import type { AccidentTypeRef } from '@app/reference-data';
import { daysBetween, shanghaiDate } from '@app/shared-kernel';

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
export type AccidentTypeMatch = (
  a: AccidentTypeRef,
  b: AccidentTypeRef,
) => boolean;

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
  const newDate = shanghaiDate(newCase.injuredAt);

  let best: Recurrence | undefined;
  for (const previous of previousCases) {
    if (previous.claimId === newCase.claimId || previous.withdrawn) continue;
    if (previous.uscc !== newCase.uscc || !previous.accidentType) continue;
    if (!sameType(previous.accidentType, newType)) continue;
    const days = Math.abs(
      daysBetween(shanghaiDate(previous.injuredAt), newDate),
    );
    if (days > RECURRENCE_WINDOW_DAYS) continue;
    if (
      !best ||
      days < best.daysBetween ||
      (days === best.daysBetween && previous.claimId < best.previousClaimId)
    ) {
      best = {
        previousClaimId: previous.claimId,
        accidentType: newCase.accidentType,
        daysBetween: days,
      };
    }
  }
  return best;
}

function compareInjuries(
  a: RecurrenceCandidate,
  b: RecurrenceCandidate,
): number {
  const byTime = Date.parse(a.injuredAt) - Date.parse(b.injuredAt);
  if (byTime !== 0) return byTime;
  return a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : 0;
}

/** An earlier case a case repeats, and how many Shanghai calendar days lie between the two injuries. */
export interface EarlierCase {
  claimId: string;
  daysBetween: number;
}

/**
 * Every earlier case `subject` repeats (docs/decisions/0104-recurrence-flag-v2.md): same enterprise,
 * a matching accident type, injured 0–365 days before it (earlier by injuredAt, then claimId), not
 * withdrawn, not the same incident. Earliest first. Depends only on the set of cases, never on the
 * order their declarations arrived in.
 */
export function earlierCasesOf(
  others: readonly (RecurrenceCandidate & { incidentRef?: string })[],
  subject: RecurrenceCandidate & { incidentRef?: string },
  sameType: AccidentTypeMatch,
): EarlierCase[] {
  if (subject.withdrawn || !subject.accidentType) return [];
  const subjectDate = shanghaiDate(subject.injuredAt);
  const found: (EarlierCase & { order: RecurrenceCandidate })[] = [];
  for (const other of others) {
    if (
      other.claimId === subject.claimId ||
      other.withdrawn ||
      !other.accidentType
    )
      continue;
    if (
      other.uscc !== subject.uscc ||
      !sameType(other.accidentType, subject.accidentType)
    )
      continue;
    if (subject.incidentRef && other.incidentRef === subject.incidentRef)
      continue;
    if (compareInjuries(other, subject) >= 0) continue;
    const days = Math.abs(
      daysBetween(shanghaiDate(other.injuredAt), subjectDate),
    );
    if (days > RECURRENCE_WINDOW_DAYS) continue;
    found.push({ claimId: other.claimId, daysBetween: days, order: other });
  }
  return found
    .sort((a, b) => compareInjuries(a.order, b.order))
    .map(({ claimId, daysBetween }) => ({ claimId, daysBetween }));
}
