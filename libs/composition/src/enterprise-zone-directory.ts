import { Inject, Injectable } from '@nestjs/common';
import type { AccessZoneDirectory } from '@app/access';
import { ACCIDENT_EVENT_CODEC, accidentStreamName } from '@app/accidents';
import { EnterpriseZoneQuery } from '@app/enterprises';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { INJURIES_EVENT_CODEC, injuryStreamName } from '@app/injuries';

const UNASSIGNED = 'unassigned';

/**
 * Zones read from the log, never from a lagging read model. An enterprise's zone is the enterprises
 * context's answer (EnterpriseZoneQuery). Serves the injuries and the accidents ports (each context
 * declares its own) and the access guard, which learns whose zone a case or accident is.
 */
@Injectable()
export class EnterpriseZoneDirectory implements AccessZoneDirectory {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly enterpriseZones: EnterpriseZoneQuery,
  ) {}

  findZone(uscc: string): Promise<string | undefined> {
    return this.enterpriseZones.zoneOf(uscc);
  }

  zoneOfEnterprise(uscc: string): Promise<string | undefined> {
    return this.findZone(uscc);
  }

  /** The zone stamped on the declaration; an `unassigned` one takes its enterprise's zone once registered (docs/decisions/0031). */
  async zoneOfInjuryCase(claimId: string): Promise<string | undefined> {
    let zone: string | undefined;
    let uscc: string | undefined;
    for (const stored of await this.store.readStream(
      injuryStreamName(claimId),
    )) {
      if (!INJURIES_EVENT_CODEC.handles(stored.type)) continue;
      const event = INJURIES_EVENT_CODEC.decode(stored);
      if (event.type === 'InjuryDeclarationReceived') {
        uscc = event.data.uscc;
        zone = event.data.zoneId;
      }
      if (event.type === 'InjuryDeclarationCorrected') {
        if (event.data.changes.uscc !== undefined)
          uscc = event.data.changes.uscc ?? undefined;
        if (event.data.zoneId !== undefined) zone = event.data.zoneId;
      }
    }
    if (zone === UNASSIGNED && uscc !== undefined)
      return (await this.findZone(uscc)) ?? UNASSIGNED;
    return zone;
  }

  async zoneOfAccident(accidentId: string): Promise<string | undefined> {
    for (const stored of await this.store.readStream(
      accidentStreamName(accidentId),
    )) {
      if (!ACCIDENT_EVENT_CODEC.handles(stored.type)) continue;
      const event = ACCIDENT_EVENT_CODEC.decode(stored);
      if (event.type === 'AccidentReported') return event.data.zoneId;
    }
    return undefined;
  }
}
