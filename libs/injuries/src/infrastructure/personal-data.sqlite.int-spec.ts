import { inMemoryReadModels } from '@app/projections/testing';
import type { DataSource } from 'typeorm';
import { createEventStore, type EventStore } from '@app/event-store';
import { projectEvents } from '@app/projections';
import { FixedClock } from '@app/shared-kernel';
import { EraseWorkerService } from '../application/personal-data/erase-worker.service.js';
import {
  PersonalDataKeyMissingError,
  PersonalDataVault,
} from '../application/personal-data/personal-data-vault.js';
import {
  openPersonalData,
  sealPersonalData,
} from '../application/personal-data/seal.js';
import { InjuryCaseViewEntity } from './injury-case-view.entity.js';
import { InjuryCaseViewProjector } from './injury-case-view.projector.js';
import { InjuryEnterpriseZoneEntity } from './injury-enterprise-zone.entity.js';
import { SqlitePersonalDataKeys } from './personal-data/sqlite-personal-data-keys.js';

const REF = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);

/** A declaration as written before docs/decisions/0230: v1, personal fields in clear. */
const v1Received = (claimId: string, workerRef: string, narrative: string) => ({
  type: 'InjuryDeclarationReceived',
  schemaVersion: 1,
  data: {
    claimId,
    feedWeek: '2024-W35',
    zoneId: 'zone-2',
    uscc: '91430381000001001Y',
    injuredAt: '2024-08-28T09:00:00+08:00',
    declaredAt: '2024-08-29',
    determination: 'recognised',
    injuryNature: 'workplace',
    severity: 'minor',
    medicalTreatmentClaim: true,
    workerRef,
    occupation: '冲压工',
    bodyPart: '左手',
    narrative,
  },
  metadata: { actor: 'hr-feed' },
});

async function viewDataSource(): Promise<DataSource> {
  return inMemoryReadModels([InjuryCaseViewEntity, InjuryEnterpriseZoneEntity]);
}

describe('personal data: sealing, and v1 events stored in clear (SQLite)', () => {
  let store: EventStore;
  let keys: SqlitePersonalDataKeys;
  let vault: PersonalDataVault;
  const clock = new FixedClock('2024-09-01T00:00:00Z');

  beforeEach(async () => {
    store = await createEventStore(
      { kind: 'sqlite', filename: ':memory:' },
      clock,
    );
    keys = new SqlitePersonalDataKeys(':memory:');
    vault = new PersonalDataVault(keys);
  });
  afterEach(async () => {
    await store.close();
    await keys.close();
  });

  it('a sealed part opens only with its key, its subject and its event id', async () => {
    const key = (await keys.obtain([REF])).get(REF)!;
    const sealed = sealPersonalData(key, REF, 'event-1', {
      narrative: '左手被挤压',
    });
    expect(
      sealPersonalData(key, REF, 'event-1', { narrative: '左手被挤压' }),
    ).toEqual(sealed); // a retried append writes the same bytes
    expect(openPersonalData(key, sealed, 'event-1')).toEqual({
      narrative: '左手被挤压',
    });
    expect(() => openPersonalData(key, sealed, 'event-2')).toThrow();
    expect(() =>
      openPersonalData(key, { ...sealed, subject: OTHER }, 'event-1'),
    ).toThrow();
    const otherKey = (await keys.obtain([OTHER])).get(OTHER)!;
    expect(() => openPersonalData(otherKey, sealed, 'event-1')).toThrow();
  });

  it('erasing is idempotent and leaves a tombstone: no key is made again for the worker', async () => {
    await keys.obtain([REF]);
    const first = await keys.erase(REF, '2024-09-02T00:00:00.000Z');
    expect(first).toEqual({
      erasedNow: true,
      erasedAt: '2024-09-02T00:00:00.000Z',
    });
    expect(await keys.erase(REF, '2024-09-03T00:00:00.000Z')).toEqual({
      erasedNow: false,
      erasedAt: '2024-09-02T00:00:00.000Z',
    });
    expect((await keys.obtain([REF])).get(REF)).toBeNull();
    expect(await keys.find([REF, OTHER])).toEqual(new Map([[REF, null]]));
  });

  it('obtains many subjects in one call: existing keys unchanged, new ones made once, erased ones null (decision 0171)', async () => {
    const existing = (await keys.obtain([REF])).get(REF)!;
    await keys.erase('erased-worker', '2024-09-02T00:00:00.000Z');
    const many = await keys.obtain([
      REF,
      OTHER,
      'erased-worker',
      OTHER,
      'third-worker',
    ]);
    expect([...many.keys()].sort()).toEqual(
      [OTHER, REF, 'erased-worker', 'third-worker'].sort(),
    );
    expect(many.get(REF)).toEqual(existing);
    expect(many.get('erased-worker')).toBeNull();
    expect(many.get(OTHER)).toHaveLength(32);
    expect(many.get(OTHER)).not.toEqual(many.get('third-worker'));
    expect(await keys.obtain([OTHER, 'third-worker', REF])).toEqual(
      new Map([
        [OTHER, many.get(OTHER)],
        ['third-worker', many.get('third-worker')],
        [REF, existing],
      ]),
    );
    expect(await keys.obtain([])).toEqual(new Map());
  });

  it('a sealed part whose key is not in the table stops the reader (the key table was not restored)', async () => {
    const key = (await keys.obtain([REF])).get(REF)!;
    const data = {
      ...v1Received('S-1', REF, 'x').data,
      narrative: undefined,
      personal: sealPersonalData(key, REF, 'e-1', { narrative: 'x' }),
    };
    await store.appendToStream('injury-S-1', [
      {
        eventId: 'e-1',
        type: 'InjuryDeclarationReceived',
        schemaVersion: 2,
        data,
        metadata: { actor: 'hr-feed' },
      },
    ]);
    const elsewhere = new PersonalDataVault(
      new SqlitePersonalDataKeys(':memory:'),
    );
    await expect(
      elsewhere.decodeAll(await store.readAll()),
    ).rejects.toBeInstanceOf(PersonalDataKeyMissingError);
  });

  it('v1 events in clear are never rewritten, yet read as erased after the erasure, live and rebuilt alike', async () => {
    await store.appendToStream('injury-OLD-1', [
      v1Received('OLD-1', REF, '旧narrative在此'),
    ]);
    await store.appendToStream('injury-OLD-1', [
      {
        type: 'InjuryDeclarationCorrected',
        schemaVersion: 1,
        data: { changes: { narrative: '旧更正在此' }, feedWeek: '2024-W36' },
        metadata: { actor: 'hr-feed' },
      },
    ]);
    await store.appendToStream('injury-OLD-2', [
      v1Received('OLD-2', OTHER, '他人narrative'),
    ]);
    const storedBefore = (await store.readAll()).map((e) => [
      e.hash,
      JSON.stringify(e.data),
    ]);

    const live = await viewDataSource();
    const projector = new InjuryCaseViewProjector(vault);
    await projectEvents(live, projector, await store.readAll());
    expect(
      await live
        .getRepository(InjuryCaseViewEntity)
        .findOneBy({ claimId: 'OLD-1' }),
    ).toMatchObject({
      narrative: '旧更正在此',
      occupation: '冲压工',
      personalDataErased: false,
    });

    const erasure = await new EraseWorkerService(store, clock, vault).erase(
      REF,
      { actor: 'admin-1', correlationId: 'c-1' },
    );
    expect(erasure.erasedNow).toBe(true);
    await projectEvents(live, projector, (await store.readAll()).slice(-1));

    const rebuilt = await viewDataSource();
    await projectEvents(
      rebuilt,
      new InjuryCaseViewProjector(vault),
      await store.readAll(),
    );
    for (const ds of [live, rebuilt]) {
      expect(
        await ds
          .getRepository(InjuryCaseViewEntity)
          .findOneBy({ claimId: 'OLD-1' }),
      ).toMatchObject({
        workerRef: REF,
        narrative: null,
        occupation: null,
        bodyPart: null,
        personalDataErased: true,
        correctionCount: 1,
      });
      expect(
        await ds
          .getRepository(InjuryCaseViewEntity)
          .findOneBy({ claimId: 'OLD-2' }),
      ).toMatchObject({
        narrative: '他人narrative',
        personalDataErased: false,
      });
    }
    expect(
      await live
        .getRepository(InjuryCaseViewEntity)
        .find({ order: { claimId: 'ASC' } }),
    ).toEqual(
      await rebuilt
        .getRepository(InjuryCaseViewEntity)
        .find({ order: { claimId: 'ASC' } }),
    );

    // The reader hides both v1 events of the erased worker (the correction's subject comes from its stream).
    const decoded = await vault.decodeAll(
      await store.readStream('injury-OLD-1'),
    );
    expect(JSON.stringify(decoded)).not.toMatch(/旧/);
    expect(
      decoded.map(
        (e) => (e.data as { personalDataErased?: boolean }).personalDataErased,
      ),
    ).toEqual([true, true]);

    // The stored bytes are as written, and the chain verifies.
    expect(
      (await store.readAll())
        .slice(0, 3)
        .map((e) => [e.hash, JSON.stringify(e.data)]),
    ).toEqual(storedBefore);
    expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 4 });
    await live.destroy();
    await rebuilt.destroy();
  });
});
