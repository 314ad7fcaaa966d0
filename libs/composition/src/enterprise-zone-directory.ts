import { Inject, Injectable } from '@nestjs/common';
import { ENTERPRISE_EVENT_CODEC, enterpriseStreamName } from '@app/enterprises';
import { EVENT_STORE, type EventStore } from '@app/event-store';

/**
 * The zone a uscc is registered in, read from the enterprise's own stream rather than a read
 * model: a declaration arriving a second after the registration is still attributed correctly.
 * Serves both the injuries and the accidents ports (each context declares its own).
 */
@Injectable()
export class EnterpriseZoneDirectory {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async findZone(uscc: string): Promise<string | undefined> {
    let zone: string | undefined;
    for (const stored of await this.store.readStream(enterpriseStreamName(uscc))) {
      if (!ENTERPRISE_EVENT_CODEC.handles(stored.type)) continue;
      const event = ENTERPRISE_EVENT_CODEC.decode(stored);
      if (event.type === 'EnterpriseRegistered') zone = event.data.zoneId;
      if (event.type === 'EnterpriseZoneReassigned') zone = event.data.toZoneId;
    }
    return zone;
  }
}
