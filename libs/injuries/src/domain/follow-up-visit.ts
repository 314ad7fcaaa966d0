import type { ErrorDetail } from '@app/shared-kernel';
import { causeAnalysisProblems, copyCauseAnalysis } from './cause-analysis.js';
import { InjuryCaseError } from './injury-case.errors.js';
import type {
  CauseAnalysis,
  FollowUpVisitCompleted,
} from './injury-case.events.js';
import { isNonEmptyText } from './text.js';

export interface FollowUpVisitInput {
  officerId: string;
  causeAnalysis: CauseAnalysis;
  recommendations: string[];
}

/**
 * A follow-up visit as the FollowUpVisitCompleted event records it: the officer, the cause analysis
 * (cause-analysis.ts) and the recommendations, every problem reported at once.
 */
export function followUpVisitOf(
  input: FollowUpVisitInput,
): FollowUpVisitCompleted['data'] {
  const problems: ErrorDetail[] = [];
  if (!isNonEmptyText(input.officerId))
    problems.push({ path: 'officerId', message: 'is required' });
  problems.push(...causeAnalysisProblems(input.causeAnalysis));
  if (
    !Array.isArray(input.recommendations) ||
    !input.recommendations.every(isNonEmptyText)
  ) {
    problems.push({
      path: 'recommendations',
      message: 'must be a list of non-empty texts',
    });
  }
  if (problems.length > 0)
    throw new InjuryCaseError(
      'INJURY_CASE_INVALID',
      'Invalid follow-up visit',
      problems,
    );
  return {
    officerId: input.officerId,
    causeAnalysis: copyCauseAnalysis(input.causeAnalysis),
    recommendations: [...input.recommendations],
  };
}
