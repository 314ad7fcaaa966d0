import { isCalendarDate, type ErrorDetail } from '@app/shared-kernel';
import { InjuryCaseError } from './injury-case.errors.js';
import type { RectificationItem } from './injury-case.events.js';
import { isNonEmptyText } from './text.js';

/**
 * The items of a rectification order as the RectificationOrdered event records them: at least one,
 * each with its own id, a description and a due date; every problem reported at once.
 */
export function rectificationOrderOf(
  items: RectificationItem[],
): RectificationItem[] {
  const problems: ErrorDetail[] = [];
  if (!Array.isArray(items) || items.length === 0) {
    problems.push({
      path: 'items',
      message: 'at least one rectification item is required',
    });
  } else {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (!isNonEmptyText(item.itemId))
        problems.push({ path: `items/${i}/itemId`, message: 'is required' });
      else if (seen.has(item.itemId))
        problems.push({ path: `items/${i}/itemId`, message: 'is repeated' });
      seen.add(item.itemId);
      if (!isNonEmptyText(item.description))
        problems.push({
          path: `items/${i}/description`,
          message: 'is required',
        });
      if (!isCalendarDate(item.dueBy))
        problems.push({
          path: `items/${i}/dueBy`,
          message: 'must be a date YYYY-MM-DD',
        });
    });
  }
  if (problems.length > 0)
    throw new InjuryCaseError(
      'INJURY_CASE_INVALID',
      'Invalid rectification order',
      problems,
    );
  return items.map((i) => ({
    itemId: i.itemId,
    description: i.description,
    dueBy: i.dueBy,
  }));
}
