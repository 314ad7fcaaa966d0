import { Inject } from '@nestjs/common';
import { REFERENCE_DATA, type ReferenceData } from '@app/reference-data';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '@app/shared-kernel';
import {
  changeEnterprise,
  ENTERPRISE_REPOSITORY,
  type EnterpriseRepository,
} from '../../enterprise.repository.js';
import { ReassignZoneCommand } from './reassign-zone.command.js';

@CommandHandler(ReassignZoneCommand)
export class ReassignZoneHandler implements ICommandHandler<ReassignZoneCommand> {
  constructor(
    @Inject(ENTERPRISE_REPOSITORY)
    private readonly enterprises: EnterpriseRepository,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
  ) {}

  execute({ props, meta }: ReassignZoneCommand): Promise<CommandResult> {
    return changeEnterprise(
      this.enterprises,
      props.uscc,
      meta,
      (enterprise) => {
        enterprise.reassignZone(
          {
            toZoneId: props.toZoneId,
            reason: props.reason,
            effectiveAt: meta.effectiveAt,
          },
          this.referenceData.zones,
        );
      },
    );
  }
}
