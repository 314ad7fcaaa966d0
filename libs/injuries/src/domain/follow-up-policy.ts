import {
  DEFAULT_PRODUCTION_SAFETY_INJURY_NATURES,
  type InjuryNature,
} from '@app/reference-data';
import { endOfShanghaiDate, plusDays } from '@app/shared-kernel';

/**
 * Which declarations get a follow-up visit (回访) and by when. Passed in (from reference data), never
 * hard-wired: by default the production-safety natures get a visit; commuting injuries, occupational
 * disease, sudden death and the other natures only when the bureau configures it.
 */
export interface FollowUpPolicy {
  /** dueBy = declaredAt + dueDays calendar days. */
  dueDays: number;
  injuryNatures: readonly InjuryNature[];
}

export const DEFAULT_FOLLOW_UP_POLICY: FollowUpPolicy = Object.freeze({
  dueDays: 7,
  injuryNatures: DEFAULT_PRODUCTION_SAFETY_INJURY_NATURES,
});

export function followUpDueBy(
  declaredAt: string,
  policy: FollowUpPolicy,
): string {
  return plusDays(declaredAt, policy.dueDays);
}

/**
 * A visit due by `dueBy` may be made at any time on that day (Asia/Shanghai): it is overdue from
 * the first instant after 23:59:59.999+08:00 of dueBy (docs/decisions/0010-follow-up-deadline.md).
 */
export function isFollowUpOverdue(dueBy: string, now: Date): boolean {
  return now.getTime() > endOfShanghaiDate(dueBy);
}
