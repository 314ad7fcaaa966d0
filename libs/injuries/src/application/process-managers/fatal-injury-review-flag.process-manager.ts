import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RaiseEnterpriseReviewFlagCommand } from '@app/enterprises';
import type { CommandMetadata } from '@app/shared-kernel';
import { UNASSIGNED_ZONE_ID } from '@app/reference-data';
import type { DeclarationContent } from '../../domain/injury-case.events.js';

/** What the process manager needs to know about a case after a feed record was applied to it. */
export interface FatalInjuryFacts {
  claimId: string;
  zoneId: string;
  content: DeclarationContent;
  withdrawn: boolean;
}

/**
 * Policy (docs/domain.md, Enterprise): "a fatal injury … at a model enterprise raises a review flag on
 * it (it is not revoked automatically)". After a feed record leaves a case fatal and not withdrawn,
 * sends RaiseEnterpriseReviewFlagCommand with sourceRef `injury-<claimId>`; the enterprise keeps one
 * flag per sourceRef and ignores non-model enterprises, so sending it again (a duplicate delivery, a
 * later correction) changes nothing. It runs on every delivery — not only the first — so a flag lost
 * to a crash between the case append and this command is raised by the redelivery
 * (docs/decisions/0033). A failure is logged and never fails the feed record.
 */
@Injectable()
export class FatalInjuryReviewFlagProcessManager {
  private readonly logger = new Logger('FatalInjuryReviewFlag');

  constructor(private readonly commandBus: CommandBus) {}

  async afterDeclaration(
    facts: FatalInjuryFacts,
    meta: CommandMetadata,
  ): Promise<boolean> {
    if (
      facts.withdrawn ||
      facts.content.severity !== 'fatal' ||
      facts.zoneId === UNASSIGNED_ZONE_ID
    )
      return false;
    try {
      const result = await this.commandBus.execute(
        new RaiseEnterpriseReviewFlagCommand(
          {
            uscc: facts.content.uscc,
            reason: `fatal work injury ${facts.claimId} (${facts.content.injuredAt})`,
            sourceRef: `injury-${facts.claimId}`,
          },
          {
            actor: 'system:fatal-injury-review-flag',
            correlationId: meta.correlationId,
            causationId: `injury-${facts.claimId}`,
          },
        ),
      );
      return result.raised;
    } catch (error) {
      this.logger.error(
        `could not raise the review flag for injury ${facts.claimId}: ${String((error as Error)?.message ?? error)}`,
      );
      return false;
    }
  }
}
