import { EnterpriseErrors } from './enterprise.errors.js';
import {
  requireCount,
  requireHeadcount,
  requireNonNegative,
  requireText,
} from './enterprise-values.js';
import {
  TRAINING_AUDIENCES,
  type HeadcountReported,
  type PostResponsibilityListsPublished,
  type PostSafetyPerformanceAssessed,
  type TrainingSessionRecorded,
} from './enterprise.events.js';

/**
 * What an enrolled enterprise reports, each checked as a whole before the aggregate looks at its
 * state; the result is the event's data without the USCC.
 */
export type Report<E extends { data: { uscc: string } }> = Omit<
  E['data'],
  'uscc'
>;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Assessment periods: a year, a half (H1/H2), a quarter (Q1–Q4) or a month. */
const ASSESSMENT_PERIOD = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/;

/** A monthly headcount: period YYYY-MM, headcount > 0, hoursWorked ≥ 0 when given. */
export function headcountReportOf(input: {
  period: string;
  headcount: number;
  hoursWorked?: number | null;
}): Report<HeadcountReported> {
  if (typeof input.period !== 'string' || !MONTH.test(input.period)) {
    throw EnterpriseErrors.periodInvalid(String(input.period), 'YYYY-MM');
  }
  const headcount = requireHeadcount(input.headcount);
  const hoursWorked =
    input.hoursWorked === undefined || input.hoursWorked === null
      ? null
      : requireNonNegative(input.hoursWorked, 'hoursWorked');
  return { period: input.period, headcount, hoursWorked };
}

/** A publication of the post-responsibility lists: counts ≥ 0, postsCovered ≤ postsTotal. */
export function postListsOf(
  input: Report<PostResponsibilityListsPublished>,
): Report<PostResponsibilityListsPublished> {
  const postsTotal = requireCount(input.postsTotal, 'postsTotal');
  const postsCovered = requireCount(input.postsCovered, 'postsCovered');
  const employeesCovered = requireCount(
    input.employeesCovered,
    'employeesCovered',
  );
  if (postsCovered > postsTotal)
    throw EnterpriseErrors.postsCoveredExceedTotal(postsCovered, postsTotal);
  return { postsTotal, postsCovered, employeesCovered };
}

/** A training session: an id, a known audience, counts ≥ 0 and hours ≥ 0. */
export function trainingSessionOf(
  input: Report<TrainingSessionRecorded>,
): Report<TrainingSessionRecorded> {
  const sessionId = requireText(input.sessionId, 'sessionId');
  if (!TRAINING_AUDIENCES.includes(input.audience))
    throw EnterpriseErrors.audienceInvalid(String(input.audience));
  const attendees = requireCount(input.attendees, 'attendees');
  const hours = requireNonNegative(input.hours, 'hours');
  const bookletsDistributed = requireCount(
    input.bookletsDistributed,
    'bookletsDistributed',
  );
  return {
    sessionId,
    audience: input.audience,
    attendees,
    hours,
    bookletsDistributed,
  };
}

/** A post safety performance assessment: period YYYY, YYYY-MM, YYYY-Qn or YYYY-Hn; passed ≤ assessed. */
export function performanceAssessmentOf(
  input: Report<PostSafetyPerformanceAssessed>,
): Report<PostSafetyPerformanceAssessed> {
  if (
    typeof input.period !== 'string' ||
    !ASSESSMENT_PERIOD.test(input.period)
  ) {
    throw EnterpriseErrors.periodInvalid(
      String(input.period),
      'YYYY, YYYY-MM, YYYY-Qn or YYYY-Hn',
    );
  }
  const postsAssessed = requireCount(input.postsAssessed, 'postsAssessed');
  const postsPassed = requireCount(input.postsPassed, 'postsPassed');
  if (postsPassed > postsAssessed)
    throw EnterpriseErrors.postsPassedExceedAssessed(
      postsPassed,
      postsAssessed,
    );
  return {
    period: input.period,
    postsAssessed,
    postsPassed,
    rewards: requireCount(input.rewards, 'rewards'),
    penalties: requireCount(input.penalties, 'penalties'),
    hazardsReportedByStaff: requireCount(
      input.hazardsReportedByStaff,
      'hazardsReportedByStaff',
    ),
  };
}
