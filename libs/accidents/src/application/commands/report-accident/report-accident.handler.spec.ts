import { DEFAULT_REFERENCE_DATA } from '@app/reference-data';
import {
  StreamVersionConflictError,
  createEventStore,
  type EventStore,
} from '@app/event-store';
import { DomainError, FixedClock } from '@app/shared-kernel';
import type { EnterpriseDirectory } from '../../enterprise-directory.port.js';
import { ReportAccidentCommand } from './report-accident.command.js';
import { ReportAccidentHandler } from './report-accident.handler.js';
import { ReviseAccidentCasualtiesCommand } from '../revise-accident-casualties/revise-accident-casualties.command.js';
import { ReviseAccidentCasualtiesHandler } from '../revise-accident-casualties/revise-accident-casualties.handler.js';
import { EventStoreAccidentRepository } from '../../../infrastructure/accident.repository.js';

const REGISTERED = '91430381000001001Y';
const directory: EnterpriseDirectory = {
  findZone: async (uscc) => (uscc === REGISTERED ? 'zone-3' : undefined),
};
const meta = { actor: 'officer-1', correlationId: 'corr-1' };
const props = (
  overrides: Partial<ReportAccidentCommand['props']> = {},
): ReportAccidentCommand['props'] => ({
  accidentId: 'acc-1',
  occurredAt: '2024-05-10T14:20:00+08:00',
  accidentType: { standard: 'GB6441-86', code: '09' },
  deaths: 1,
  seriousInjuries: 0,
  minorInjuries: 2,
  directLossYuan: 800_000,
  description: '高处坠落',
  ...overrides,
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).code;
  }
  throw new Error('expected a domain error');
}

/** The real SQLite adapter on a private in-memory database. */
const openStore = () =>
  createEventStore(
    { kind: 'sqlite', filename: ':memory:' },
    new FixedClock('2024-09-01T00:00:00Z'),
  );

describe('ReportAccidentHandler', () => {
  let store: EventStore;
  let handler: ReportAccidentHandler;
  beforeEach(async () => {
    store = await openStore();
    handler = new ReportAccidentHandler(
      new EventStoreAccidentRepository(store),
      directory,
      DEFAULT_REFERENCE_DATA,
    );
  });
  afterEach(() => store.close());

  it('takes the zone of the registered enterprise, names the type, and dates the event at occurredAt', async () => {
    const result = await handler.execute(
      new ReportAccidentCommand(props({ uscc: REGISTERED }), meta),
    );
    expect(result).toEqual({
      streamName: 'accident-acc-1',
      streamPosition: 0,
      globalPosition: 1,
      accidentId: 'acc-1',
    });
    const [reported] = await store.readAll();
    expect(reported.data).toMatchObject({
      uscc: REGISTERED,
      zoneId: 'zone-3',
      accidentType: { standard: 'GB6441-86', code: '09', name: '高处坠落' },
    });
    expect(reported.metadata.effectiveAt).toBe('2024-05-10T14:20:00+08:00');
  });

  it('refuses a zone different from the enterprise’s', async () => {
    expect(
      await codeOf(
        handler.execute(
          new ReportAccidentCommand(
            props({ uscc: REGISTERED, zoneId: 'zone-1' }),
            meta,
          ),
        ),
      ),
    ).toBe('ACCIDENT_ZONE_MISMATCH');
  });

  it('needs a known zone without a registered enterprise', async () => {
    expect(
      await codeOf(handler.execute(new ReportAccidentCommand(props(), meta))),
    ).toBe('ACCIDENT_ZONE_REQUIRED');
    expect(
      await codeOf(
        handler.execute(
          new ReportAccidentCommand(props({ zoneId: 'zone-9' }), meta),
        ),
      ),
    ).toBe('ACCIDENT_ZONE_UNKNOWN');
    await handler.execute(
      new ReportAccidentCommand(
        props({ uscc: '914303810000010022', zoneId: 'zone-2' }),
        meta,
      ),
    );
    expect((await store.readAll())[0].data).toMatchObject({
      uscc: '914303810000010022',
      zoneId: 'zone-2',
    });
  });

  it('rejects a malformed uscc with its check-character code', async () => {
    expect(
      await codeOf(
        handler.execute(
          new ReportAccidentCommand(
            props({ uscc: '914303810000010010', zoneId: 'zone-1' }),
            meta,
          ),
        ),
      ),
    ).toBe('USCC_INVALID_CHECK_CHAR');
  });

  it('rejects an unknown accident type and GB 6441-86 after 2026-07-01', async () => {
    expect(
      await codeOf(
        handler.execute(
          new ReportAccidentCommand(
            props({
              zoneId: 'zone-1',
              accidentType: { standard: 'GB6441-86', code: '99' },
            }),
            meta,
          ),
        ),
      ),
    ).toBe('ACCIDENT_TYPE_UNKNOWN');
    expect(
      await codeOf(
        handler.execute(
          new ReportAccidentCommand(
            props({
              zoneId: 'zone-1',
              occurredAt: '2026-07-01T08:00:00+08:00',
            }),
            meta,
          ),
        ),
      ),
    ).toBe('ACCIDENT_TYPE_STANDARD_SUPERSEDED');
  });

  it('reports an accident id once', async () => {
    await handler.execute(
      new ReportAccidentCommand(props({ zoneId: 'zone-1' }), meta),
    );
    expect(
      await codeOf(
        handler.execute(
          new ReportAccidentCommand(props({ zoneId: 'zone-1' }), meta),
        ),
      ),
    ).toBe('ACCIDENT_ALREADY_REPORTED');
    expect(await store.readAll()).toHaveLength(1);
  });
});

describe('ReviseAccidentCasualtiesHandler', () => {
  let store: EventStore;
  beforeEach(async () => {
    store = await openStore();
  });
  afterEach(() => store.close());

  it('appends the revision; a stale If-Match fails with STREAM_VERSION_CONFLICT; an unknown accident is not found', async () => {
    await new ReportAccidentHandler(
      new EventStoreAccidentRepository(store),
      directory,
      DEFAULT_REFERENCE_DATA,
    ).execute(new ReportAccidentCommand(props({ zoneId: 'zone-1' }), meta));
    const revise = new ReviseAccidentCasualtiesHandler(
      new EventStoreAccidentRepository(store),
      DEFAULT_REFERENCE_DATA,
      new FixedClock('2024-05-20T00:00:00Z'),
    );
    const revision = {
      accidentId: 'acc-1',
      deaths: 2,
      seriousInjuries: 0,
      minorInjuries: 1,
      reason: '一名伤者30日内死亡',
    };

    await expect(
      revise.execute(
        new ReviseAccidentCasualtiesCommand(revision, {
          ...meta,
          expectedVersion: 0n,
        }),
      ),
    ).resolves.toEqual({
      streamName: 'accident-acc-1',
      streamPosition: 1,
      globalPosition: 2,
    });
    await expect(
      revise.execute(
        new ReviseAccidentCasualtiesCommand(
          { ...revision, deaths: 3 },
          { ...meta, expectedVersion: 0n },
        ),
      ),
    ).rejects.toBeInstanceOf(StreamVersionConflictError);
    expect(
      await codeOf(
        revise.execute(
          new ReviseAccidentCasualtiesCommand(
            { ...revision, accidentId: 'nope' },
            meta,
          ),
        ),
      ),
    ).toBe('ACCIDENT_NOT_FOUND');
  });
});
