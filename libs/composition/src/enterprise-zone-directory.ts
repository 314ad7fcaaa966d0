import { Inject, Injectable } from '@nestjs/common';
import type { AccessZoneDirectory } from '@app/access';
import { ACCIDENT_EVENT_CODEC, accidentStreamName } from '@app/accidents';
import { ENTERPRISE_EVENT_CODEC, enterpriseStreamName } from '@app/enterprises';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { INJURIES_EVENT_CODEC, injuryStreamName } from '@app/injuries';

const UNASSIGNED = 'unassigned';

/**
 * The zone a uscc is registered in, read from the enterprise's own stream rather than a read
 * model: a declaration arriving a second after the registration is still attributed correctly.
 * Serves the injuries and the accidents ports (each context declares its own) and the access guard,
 * which learns from the log, never from a lagging read model, whose zone a case or accident is.
 */
@Injectable()
export class EnterpriseZoneDirectory implements AccessZoneDirectory {
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

  zoneOfEnterprise(uscc: string): Promise<string | undefined> {
    return this.findZone(uscc);
  }

  /** The zone stamped on the declaration; an `unassigned` one takes its enterprise's zone once registered (docs/decisions/0031). */
  async zoneOfInjuryCase(claimId: string): Promise<string | undefined> {
    let zone: string | undefined;
    let uscc: string | undefined;
    for (const stored of await this.store.readStream(injuryStreamName(claimId))) {
      if (!INJURIES_EVENT_CODEC.handles(stored.type)) continue;
      const event = INJURIES_EVENT_CODEC.decode(stored);
      if (event.type === 'InjuryDeclarationReceived') {
        uscc = event.data.uscc;
        zone = event.data.zoneId;
      }
      if (event.type === 'InjuryDeclarationCorrected') {
        if (event.data.changes.uscc !== undefined) uscc = event.data.changes.uscc ?? undefined;
        if (event.data.zoneId !== undefined) zone = event.data.zoneId;
      }
    }
    if (zone === UNASSIGNED && uscc !== undefined) return (await this.findZone(uscc)) ?? UNASSIGNED;
    return zone;
  }

  async zoneOfAccident(accidentId: string): Promise<string | undefined> {
    for (const stored of await this.store.readStream(accidentStreamName(accidentId))) {
      if (!ACCIDENT_EVENT_CODEC.handles(stored.type)) continue;
      const event = ACCIDENT_EVENT_CODEC.decode(stored);
      if (event.type === 'AccidentReported') return event.data.zoneId;
    }
    return undefined;
  }
}
