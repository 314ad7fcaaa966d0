import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  REFERENCE_DATA,
  casualtyReportingWindowDays,
  type ReferenceData,
} from '@app/reference-data';
import { CLOCK, type Clock, type CommandResult } from '@app/shared-kernel';
import { AccidentError } from '../../../domain/accident.errors.js';
import {
  ACCIDENT_REPOSITORY,
  type AccidentRepository,
} from '../../accident.repository.js';
import { ReviseAccidentCasualtiesCommand } from './revise-accident-casualties.command.js';

/** The change happened at the request's effectiveAt, or now; the art. 13 window comes from reference data. */
@CommandHandler(ReviseAccidentCasualtiesCommand)
export class ReviseAccidentCasualtiesHandler implements ICommandHandler<ReviseAccidentCasualtiesCommand> {
  constructor(
    @Inject(ACCIDENT_REPOSITORY) private readonly accidents: AccidentRepository,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({
    props,
    meta,
  }: ReviseAccidentCasualtiesCommand): Promise<CommandResult> {
    const accident = await this.accidents.load(
      props.accidentId,
      meta.expectedVersion,
    );
    if (accident.isNew)
      throw new AccidentError(
        'ACCIDENT_NOT_FOUND',
        `No accident ${props.accidentId}`,
      );
    const changedAt = meta.effectiveAt ?? this.clock.now().toISOString();
    accident.reviseCasualties({
      ...props,
      changedAt,
      reportingWindowDays: casualtyReportingWindowDays(
        this.referenceData,
        accident.accidentType!,
      ),
    });
    return this.accidents.save(props.accidentId, accident, {
      ...meta,
      effectiveAt: changedAt,
    });
  }
}
