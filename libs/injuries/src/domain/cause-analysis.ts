import type { ErrorDetail } from '@app/shared-kernel';
import {
  ROOT_CAUSE_CATEGORIES,
  type CauseAnalysis,
} from './injury-case.events.js';
import { isNonEmptyText } from './text.js';

/**
 * The rules of a follow-up visit's cause analysis, checked once, here: a GB 6441 accident type (the
 * handler resolves it against reference data first), at least one direct cause, at least one root-cause
 * category of ROOT_CAUSE_CATEGORIES and none twice, a narrative. Problems are reported under
 * `causeAnalysis/…`. The HTTP DTO checks only the request's shape, from the same category list.
 */
export function causeAnalysisProblems(
  ca: CauseAnalysis | undefined,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!ca?.accidentType?.standard || !isNonEmptyText(ca.accidentType.code)) {
    problems.push({
      path: 'causeAnalysis/accidentType',
      message: 'a GB 6441 accident type is required',
    });
  }
  if (
    !Array.isArray(ca?.directCauses) ||
    ca.directCauses.length === 0 ||
    !ca.directCauses.every(isNonEmptyText)
  ) {
    problems.push({
      path: 'causeAnalysis/directCauses',
      message: 'at least one direct cause is required',
    });
  }
  if (!Array.isArray(ca?.rootCauses) || ca.rootCauses.length === 0) {
    problems.push({
      path: 'causeAnalysis/rootCauses',
      message: 'at least one root cause category is required',
    });
  } else if (!ca.rootCauses.every((c) => ROOT_CAUSE_CATEGORIES.includes(c))) {
    problems.push({
      path: 'causeAnalysis/rootCauses',
      message: `must be among ${ROOT_CAUSE_CATEGORIES.join(', ')}`,
    });
  } else if (new Set(ca.rootCauses).size !== ca.rootCauses.length) {
    problems.push({
      path: 'causeAnalysis/rootCauses',
      message: 'must not repeat a category',
    });
  }
  if (!isNonEmptyText(ca?.narrative))
    problems.push({ path: 'causeAnalysis/narrative', message: 'is required' });
  return problems;
}

/** The event's own copy of a checked cause analysis: later changes to the caller's arrays do not reach it. */
export function copyCauseAnalysis(ca: CauseAnalysis): CauseAnalysis {
  return {
    accidentType: ca.accidentType,
    directCauses: [...ca.directCauses],
    rootCauses: [...ca.rootCauses],
    narrative: ca.narrative,
  };
}
