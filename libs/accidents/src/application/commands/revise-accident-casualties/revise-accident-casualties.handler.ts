import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type CommandResult, type EventStore } from '@app/event-store';
import { AccidentError } from '../../../domain/accident.errors.js';
import { accidentStreamName } from '../../../domain/accident.events.js';
import { accidentRepository } from '../../accident.repository.js';
import { ReviseAccidentCasualtiesCommand } from './revise-accident-casualties.command.js';

@CommandHandler(ReviseAccidentCasualtiesCommand)
export class ReviseAccidentCasualtiesHandler implements ICommandHandler<ReviseAccidentCasualtiesCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ props, meta }: ReviseAccidentCasualtiesCommand): Promise<CommandResult> {
    const repository = accidentRepository(this.store);
    const streamName = accidentStreamName(props.accidentId);
    const accident = await repository.load(streamName, meta.expectedVersion);
    if (accident.isNew) throw new AccidentError('ACCIDENT_NOT_FOUND', `No accident ${props.accidentId}`);
    accident.reviseCasualties(props);
    return repository.save(streamName, accident, meta);
  }
}
