import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { ENTERPRISE_EVENT_CODEC } from '../../domain/enterprise-event.codec.js';
import { Enterprise } from '../../domain/enterprise.aggregate.js';
import { enterpriseStreamName } from '../../domain/enterprise.events.js';

/**
 * The zone an enterprise is registered in, from its own stream rather than a read model: a declaration
 * arriving a second after the registration is still attributed correctly. The aggregate decides the zone
 * (registration, then reassignments), so the rule is written once; the composition adapts this query to
 * the injuries, accidents and access ports (docs/decisions/0248).
 */
@Injectable()
export class EnterpriseZoneQuery {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The current zone, or undefined when no enterprise is registered under `uscc`. */
  async zoneOf(uscc: string): Promise<string | undefined> {
    const history = (await this.store.readStream(enterpriseStreamName(uscc)))
      .filter((stored) => ENTERPRISE_EVENT_CODEC.handles(stored.type))
      .map((stored) => ENTERPRISE_EVENT_CODEC.decode(stored));
    const enterprise = new Enterprise().loadFromHistory(history);
    return enterprise.isRegistered ? enterprise.zoneId : undefined;
  }
}
