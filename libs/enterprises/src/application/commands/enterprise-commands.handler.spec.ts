import { DEFAULT_REFERENCE_DATA } from '@app/reference-data';
import { createEventStore, type EventStore } from '@app/event-store';
import { type CommandMetadata, FixedClock } from '@app/shared-kernel';
import { EventStoreEnterpriseRepository } from '../../infrastructure/enterprise.repository.js';
import { USCC, registerInput } from '../../testing/enterprise.factory.js';
import { EnrollInResponsibilityProgramCommand } from './enroll-in-responsibility-program/enroll-in-responsibility-program.command.js';
import { EnrollInResponsibilityProgramHandler } from './enroll-in-responsibility-program/enroll-in-responsibility-program.handler.js';
import { RaiseEnterpriseReviewFlagCommand } from './raise-enterprise-review-flag/raise-enterprise-review-flag.command.js';
import { RaiseEnterpriseReviewFlagHandler } from './raise-enterprise-review-flag/raise-enterprise-review-flag.handler.js';
import { ReassignZoneCommand } from './reassign-zone/reassign-zone.command.js';
import { ReassignZoneHandler } from './reassign-zone/reassign-zone.handler.js';
import { RegisterEnterpriseCommand } from './register-enterprise/register-enterprise.command.js';
import { RegisterEnterpriseHandler } from './register-enterprise/register-enterprise.handler.js';

const meta = (overrides: Partial<CommandMetadata> = {}): CommandMetadata => ({
  actor: 'officer-li',
  correlationId: 'corr-1',
  ...overrides,
});

const opened: EventStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

/** The handlers over the real SQLite adapter on a private in-memory database. */
async function setUp() {
  const store = await createEventStore(
    { kind: 'sqlite', filename: ':memory:' },
    new FixedClock('2024-09-12T01:00:00.000Z'),
  );
  opened.push(store);
  const repository = new EventStoreEnterpriseRepository(store);
  return {
    store,
    register: new RegisterEnterpriseHandler(repository, DEFAULT_REFERENCE_DATA),
    enroll: new EnrollInResponsibilityProgramHandler(
      repository,
      DEFAULT_REFERENCE_DATA,
    ),
    reassign: new ReassignZoneHandler(repository, DEFAULT_REFERENCE_DATA),
    flag: new RaiseEnterpriseReviewFlagHandler(repository),
  };
}

describe('enterprise command handlers', () => {
  it('registers an enterprise on enterprise-<uscc> and answers the positions and the uscc', async () => {
    const { store, register } = await setUp();
    const result = await register.execute(
      new RegisterEnterpriseCommand(
        registerInput({ uscc: USCC.toLowerCase() }),
        meta(),
      ),
    );
    expect(result).toEqual({
      streamName: `enterprise-${USCC}`,
      streamPosition: 0,
      globalPosition: 1,
      uscc: USCC,
    });
    expect((await store.readAll())[0]).toMatchObject({
      type: 'EnterpriseRegistered',
      metadata: { actor: 'officer-li', correlationId: 'corr-1' },
    });
  });

  it('refuses a second registration of the same USCC', async () => {
    const { register } = await setUp();
    await register.execute(
      new RegisterEnterpriseCommand(registerInput(), meta()),
    );
    await expect(
      register.execute(new RegisterEnterpriseCommand(registerInput(), meta())),
    ).rejects.toMatchObject({
      code: 'ENTERPRISE_ALREADY_REGISTERED',
    });
  });

  it('rejects a malformed USCC before touching the store', async () => {
    const { store, register } = await setUp();
    await expect(
      register.execute(
        new RegisterEnterpriseCommand(
          registerInput({ uscc: '91110108551385082I' }),
          meta(),
        ),
      ),
    ).rejects.toMatchObject({ code: 'USCC_INVALID_CHARACTER', position: 18 });
    expect(await store.readAll()).toHaveLength(0);
  });

  it('answers ENTERPRISE_NOT_FOUND for an unregistered enterprise', async () => {
    const { enroll } = await setUp();
    await expect(
      enroll.execute(
        new EnrollInResponsibilityProgramCommand(
          { uscc: USCC, cohort: 'pilot' },
          meta(),
        ),
      ),
    ).rejects.toMatchObject({
      code: 'ENTERPRISE_NOT_FOUND',
      kind: 'not-found',
    });
  });

  it('honours If-Match: a stale expected version fails with STREAM_VERSION_CONFLICT', async () => {
    const { register, enroll } = await setUp();
    await register.execute(
      new RegisterEnterpriseCommand(registerInput(), meta()),
    );
    await expect(
      enroll.execute(
        new EnrollInResponsibilityProgramCommand(
          { uscc: USCC, cohort: 'pilot' },
          meta({ expectedVersion: 5n }),
        ),
      ),
    ).rejects.toMatchObject({ code: 'STREAM_VERSION_CONFLICT', kind: 'stale' });
    const ok = await enroll.execute(
      new EnrollInResponsibilityProgramCommand(
        { uscc: USCC, cohort: 'pilot' },
        meta({ expectedVersion: 0n }),
      ),
    );
    expect(ok.streamPosition).toBe(1);
  });

  it('passes effectiveAt through to the envelope and requires it for a zone reassignment', async () => {
    const { store, register, reassign } = await setUp();
    await register.execute(
      new RegisterEnterpriseCommand(registerInput(), meta()),
    );
    await expect(
      reassign.execute(
        new ReassignZoneCommand(
          { uscc: USCC, toZoneId: 'zone-2', reason: '调整' },
          meta(),
        ),
      ),
    ).rejects.toMatchObject({
      code: 'EFFECTIVE_AT_REQUIRED',
    });
    await reassign.execute(
      new ReassignZoneCommand(
        { uscc: USCC, toZoneId: 'zone-2', reason: '调整' },
        meta({ effectiveAt: '2024-09-01T00:00:00+08:00' }),
      ),
    );
    expect((await store.readAll())[1]).toMatchObject({
      type: 'EnterpriseZoneReassigned',
      metadata: { effectiveAt: '2024-09-01T00:00:00+08:00' },
    });
  });

  it('raises no review flag (and no error) for an enterprise that is not registered or not a model', async () => {
    const { store, register, flag } = await setUp();
    const unknown = await flag.execute(
      new RaiseEnterpriseReviewFlagCommand(
        { uscc: USCC, reason: 'fatal injury', sourceRef: 'injury-C1' },
        meta(),
      ),
    );
    expect(unknown.raised).toBe(false);
    await register.execute(
      new RegisterEnterpriseCommand(registerInput(), meta()),
    );
    const notModel = await flag.execute(
      new RaiseEnterpriseReviewFlagCommand(
        { uscc: USCC, reason: 'fatal injury', sourceRef: 'injury-C1' },
        meta(),
      ),
    );
    expect(notModel).toMatchObject({ raised: false, streamPosition: 0 });
    expect(await store.readAll()).toHaveLength(1);
  });
});
