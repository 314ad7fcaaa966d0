import {
  ReportAccidentCommand,
  ReviseAccidentCasualtiesCommand,
} from '@app/accidents';
import type { CommandMetadata } from '@app/shared-kernel';
import {
  CloseInjuryCaseCommand,
  CompleteRectificationItemCommand,
  OrderRectificationCommand,
  RecordFollowUpVisitCommand,
  VerifyRectificationCommand,
} from '@app/injuries';
import type { IncidentStep } from './incident-plan.js';

/** The command the accidents and injuries controllers send for the same request (feed batches go through the ingestion service). */
export function incidentCommand(
  step: Exclude<IncidentStep, { kind: 'feed-batch' }>,
  meta: CommandMetadata,
) {
  switch (step.kind) {
    case 'report-accident': {
      const {
        kind: _k,
        actor: _a,
        effectiveAt: _e,
        recordedAt: _r,
        recorded: _n,
        key: _key,
        ...props
      } = step;
      return new ReportAccidentCommand(props, meta);
    }
    case 'revise-casualties':
      return new ReviseAccidentCasualtiesCommand(
        {
          accidentId: step.accidentId,
          deaths: step.deaths,
          seriousInjuries: step.seriousInjuries,
          minorInjuries: step.minorInjuries,
          reason: step.reason,
        },
        meta,
      );
    case 'follow-up-visit':
      return new RecordFollowUpVisitCommand(
        {
          claimId: step.claimId,
          officerId: step.officerId,
          causeAnalysis: step.causeAnalysis,
          recommendations: step.recommendations,
        },
        meta,
      );
    case 'order-rectification':
      return new OrderRectificationCommand(
        { claimId: step.claimId, items: step.items },
        meta,
      );
    case 'complete-rectification-item':
      return new CompleteRectificationItemCommand(
        {
          claimId: step.claimId,
          itemId: step.itemId,
          evidenceRef: step.evidenceRef,
        },
        meta,
      );
    case 'verify-rectification':
      return new VerifyRectificationCommand(
        { claimId: step.claimId, officerId: step.officerId },
        meta,
      );
    case 'close-case':
      return new CloseInjuryCaseCommand(
        {
          claimId: step.claimId,
          ...(step.reason ? { reason: step.reason } : {}),
        },
        meta,
      );
    default: {
      const _exhaustive: never = step;
      throw new Error(`unknown incident step ${JSON.stringify(_exhaustive)}`);
    }
  }
}
