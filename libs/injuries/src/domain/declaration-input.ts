import {
  isCalendarDate,
  isIsoInstant,
  ISO_WEEK_PATTERN,
  type ErrorDetail,
} from '@app/shared-kernel';
import { InjuryCaseError } from './injury-case.errors.js';
import type { DeclarationContent } from './injury-case.events.js';
import { isNonEmptyText } from './text.js';

/** One feed record as the aggregate sees it: validated, pseudonymised, zone attributed. */
export interface DeclarationInput {
  claimId: string;
  feedWeek: string;
  zoneId: string;
  content: DeclarationContent;
}

/** What the case needs of a feed record before anything else: its claim, week, zone, employer and dates. */
export function assertDeclaration(input: DeclarationInput): void {
  const problems: ErrorDetail[] = [];
  if (!isNonEmptyText(input.claimId))
    problems.push({ path: 'claimId', message: 'is required' });
  if (!ISO_WEEK_PATTERN.test(input.feedWeek ?? ''))
    problems.push({ path: 'feedWeek', message: 'must be YYYY-Www' });
  if (!isNonEmptyText(input.zoneId))
    problems.push({ path: 'zoneId', message: 'is required' });
  if (!isNonEmptyText(input.content?.uscc))
    problems.push({ path: 'uscc', message: 'is required' });
  if (!isIsoInstant(input.content?.injuredAt))
    problems.push({ path: 'injuredAt', message: 'must be an ISO instant' });
  if (!isCalendarDate(input.content?.declaredAt))
    problems.push({ path: 'declaredAt', message: 'must be a date YYYY-MM-DD' });
  if (problems.length > 0) {
    throw new InjuryCaseError(
      'INJURY_CASE_INVALID',
      'Invalid injury declaration',
      problems,
    );
  }
}
