import { inMemoryReadModels } from '@app/projections/testing';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore, type EventStore } from '@app/event-store';
import { projectEvents } from '@app/projections';
import { FixedClock } from '@app/shared-kernel';
import { MECHANICAL_86, received } from '../testing/injury-case.factory.js';
import { InjuryCaseViewEntity } from './injury-case-view.entity.js';
import { InjuryCaseViewProjector } from './injury-case-view.projector.js';
import { InjuryEnterpriseZoneEntity } from './injury-enterprise-zone.entity.js';
import {
  injuryCaseRepository,
  inMemoryVault,
} from '../testing/personal-data.js';

const vault = inMemoryVault();

// A store written before RecurrenceFlagged / RecurrenceFlagRetracted v2 (docs/decisions/0104): one
// flag per pair, `previousClaimId`. The bytes stay as they are; every reader sees v2.
describe('a store with v1 recurrence events reads as v2 (upcasting)', () => {
  let dir: string;
  let store: EventStore;
  const file = () => join(dir, 'events.sqlite');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'upcast-'));
    store = await createEventStore(
      { kind: 'sqlite', filename: file() },
      new FixedClock('2024-09-01T00:00:00Z'),
    );
    const meta = { actor: 'recurrence-detector' };
    for (const id of ['OLD-1', 'OLD-2']) {
      const r = received({
        claimId: id,
        content: {
          injuredAt:
            id === 'OLD-1'
              ? '2024-05-01T09:00:00+08:00'
              : '2024-06-01T09:00:00+08:00',
        },
      });
      await store.appendToStream(`injury-${id}`, [
        { ...r, data: { ...r.data }, metadata: { actor: 'hr-feed' } },
      ]);
    }
    await store.appendToStream('injury-LATE', [
      {
        ...received({ claimId: 'LATE' }),
        data: { ...received({ claimId: 'LATE' }).data },
        metadata: { actor: 'hr-feed' },
      },
    ]);
    await store.appendToStream('injury-LATE', [
      {
        type: 'RecurrenceFlagged',
        schemaVersion: 1,
        data: {
          previousClaimId: 'OLD-1',
          accidentType: MECHANICAL_86,
          daysBetween: 106,
        },
        metadata: meta,
      },
      {
        type: 'RecurrenceFlagged',
        schemaVersion: 1,
        data: {
          previousClaimId: 'OLD-2',
          accidentType: MECHANICAL_86,
          daysBetween: 75,
        },
        metadata: meta,
      },
      {
        type: 'RecurrenceFlagRetracted',
        schemaVersion: 1,
        data: { previousClaimId: 'OLD-1', reason: 'corrected' },
        metadata: meta,
      },
    ]);
    await store.close();
    store = await createEventStore(
      { kind: 'sqlite', filename: file() },
      new FixedClock('2024-09-01T00:00:00Z'),
    );
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the v1 events byte for byte, and the hash chain verifies', async () => {
    const before = readFileSync(file());
    const stored = await store.readStream('injury-LATE');
    expect(
      stored.slice(1).map((e) => [e.schemaVersion, Object.keys(e.data).sort()]),
    ).toEqual([
      [1, ['accidentType', 'daysBetween', 'previousClaimId']],
      [1, ['accidentType', 'daysBetween', 'previousClaimId']],
      [1, ['previousClaimId', 'reason']],
    ]);
    expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 6 });
    expect(readFileSync(file()).equals(before)).toBe(true);
  });

  it('reads as v2 through the repository', async () => {
    const injuryCase = await injuryCaseRepository(store, vault).load('LATE');
    expect(injuryCase.activeRecurrences).toEqual(['OLD-2']);
  });

  it('reads as v2 through the projector', async () => {
    const dataSource = await inMemoryReadModels([
      InjuryCaseViewEntity,
      InjuryEnterpriseZoneEntity,
    ]);
    try {
      await projectEvents(
        dataSource,
        new InjuryCaseViewProjector(vault),
        await store.readAll(),
      );
      const row = await dataSource
        .getRepository(InjuryCaseViewEntity)
        .findOneByOrFail({ claimId: 'LATE' });
      expect(row.recurrences).toEqual([
        {
          previousClaimId: 'OLD-2',
          accidentType: MECHANICAL_86,
          daysBetween: 75,
        },
      ]);
    } finally {
      await dataSource.destroy();
    }
  });
});
