import { Command } from '@nestjs/cqrs';
import type { CommandMetadata } from '@app/shared-kernel';

export interface DetectOverdueFollowUpsResult {
  /** Cases the read model offered. */
  checked: number;
  /** Cases flagged FollowUpVisitOverdue by this run. */
  flagged: string[];
}

/** Run by the deadline scheduler (e.g. every few minutes); safe to run any number of times. */
export class DetectOverdueFollowUpsCommand extends Command<DetectOverdueFollowUpsResult> {
  constructor(
    readonly meta: CommandMetadata = {
      actor: 'system:deadline-scheduler',
      correlationId: 'detect-overdue-follow-ups',
    },
  ) {
    super();
  }
}
