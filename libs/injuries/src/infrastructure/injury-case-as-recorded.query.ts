import { Inject, Injectable } from '@nestjs/common';
import { enterpriseStreamName } from '@app/enterprises';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { projectAsRecordedAt } from '@app/projections';
import type { InjuryCaseView } from '../application/ports/injury-case-read-model.port.js';
import { INJURIES_EVENT_CODEC } from '../domain/injuries-event.codec.js';
import { injuryStreamName } from '../domain/injury-case.events.js';
import { InjuryCaseViewProjector } from './injury-case-view.projector.js';
import { TypeOrmInjuryCaseReadModel } from './typeorm-injury-case.read-model.js';

/**
 * GET /injury-cases/:claimId?asRecordedAt=T: the case view as it stood then — the case's events and
 * its employer's registration and zone changes (which re-attribute an `unassigned` case), recorded by
 * T, through the live projector and read model.
 */
@Injectable()
export class InjuryCaseAsRecordedQuery {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projector: InjuryCaseViewProjector,
  ) {}

  async get(
    claimId: string,
    asRecordedAt: string,
  ): Promise<InjuryCaseView | undefined> {
    const stream = injuryStreamName(claimId);
    const employers = new Set<string>();
    for (const stored of await this.store.readStream(stream)) {
      if (!INJURIES_EVENT_CODEC.handles(stored.type)) continue;
      const event = INJURIES_EVENT_CODEC.decode(stored);
      if (event.type === 'InjuryDeclarationReceived')
        employers.add(enterpriseStreamName(event.data.uscc));
    }
    return projectAsRecordedAt({
      store: this.store,
      streams: [...employers, stream],
      asRecordedAt,
      projector: this.projector,
      read: (scratch) => new TypeOrmInjuryCaseReadModel(scratch).get(claimId),
    });
  }
}
