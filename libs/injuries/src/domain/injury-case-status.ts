export type InjuryCaseStatus =
  | 'open' // received, no follow-up visit required
  | 'follow-up-due'
  | 'follow-up-overdue'
  | 'visited'
  | 'rectifying'
  | 'rectification-verified'
  | 'withdrawn'
  | 'closed';

export const INJURY_CASE_STATUSES: readonly InjuryCaseStatus[] = [
  'open',
  'follow-up-due',
  'follow-up-overdue',
  'visited',
  'rectifying',
  'rectification-verified',
  'withdrawn',
  'closed',
];

/** The facts of a case that its status is derived from (docs/decisions/0014): the aggregate's state or a view row. */
export interface InjuryCaseProgress {
  closed: boolean;
  withdrawn: boolean;
  rectificationOrdered: boolean;
  rectificationVerified: boolean;
  visited: boolean;
  followUpScheduled: boolean;
  followUpOverdue: boolean;
}

/**
 * The status of a case, never stored in an event: the latest step reached wins, and closed and
 * withdrawn outrank every step. The aggregate and the case view both derive it here.
 */
export function injuryCaseStatus(p: InjuryCaseProgress): InjuryCaseStatus {
  if (p.closed) return 'closed';
  if (p.withdrawn) return 'withdrawn';
  if (p.rectificationOrdered)
    return p.rectificationVerified ? 'rectification-verified' : 'rectifying';
  if (p.visited) return 'visited';
  if (p.followUpScheduled)
    return p.followUpOverdue ? 'follow-up-overdue' : 'follow-up-due';
  return 'open';
}
