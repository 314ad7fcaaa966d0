import { createEventStore, type EventStore } from '@app/event-store';
import { FixedClock } from '@app/shared-kernel';
import { USCC, registerInput } from '../../testing/enterprise.factory.js';
import { enterpriseStreamName } from '../../domain/enterprise.events.js';
import { EnterpriseZoneQuery } from './enterprise-zone.query.js';

const metadata = { actor: 'officer-li' };

describe('EnterpriseZoneQuery', () => {
  let store: EventStore;
  beforeEach(async () => {
    store = await createEventStore(
      { kind: 'sqlite', filename: ':memory:' },
      new FixedClock('2024-09-12T01:00:00.000Z'),
    );
  });
  afterEach(() => store.close());

  it('answers undefined for a uscc nobody registered', async () => {
    expect(await new EnterpriseZoneQuery(store).zoneOf(USCC)).toBeUndefined();
  });

  it('answers the registered zone, then the zone of the latest reassignment', async () => {
    const query = new EnterpriseZoneQuery(store);
    await store.appendToStream(enterpriseStreamName(USCC), [
      {
        type: 'EnterpriseRegistered',
        schemaVersion: 1,
        data: { ...registerInput({ zoneId: 'zone-1' }) },
        metadata,
      },
    ]);
    expect(await query.zoneOf(USCC)).toBe('zone-1');

    await store.appendToStream(enterpriseStreamName(USCC), [
      {
        type: 'EnterpriseZoneReassigned',
        schemaVersion: 1,
        data: {
          uscc: USCC,
          fromZoneId: 'zone-1',
          toZoneId: 'zone-3',
          reason: '调整',
        },
        metadata,
      },
      {
        type: 'EnterpriseZoneReassigned',
        schemaVersion: 1,
        data: {
          uscc: USCC,
          fromZoneId: 'zone-3',
          toZoneId: 'zone-2',
          reason: '再调整',
        },
        metadata,
      },
    ]);
    expect(await query.zoneOf(USCC)).toBe('zone-2');
  });
});
