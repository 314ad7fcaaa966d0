import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '@app/event-store';
import type { ProjectionTransaction, Projector } from '@app/projections';
import {
  FEED_WEEK_EVENT_TYPES,
  type FeedManifestReceived,
  type FeedRecordQuarantined,
  PERSONAL_DATA_EVENT_TYPES,
  PersonalDataVault,
  splitPersonalRecord,
  workerRefOfRecord,
} from '@app/injuries';
import { FeedManifestEntity } from './feed-manifest.entity.js';
import { QuarantineEntity } from './quarantine.entity.js';

/**
 * Maintains hr_feed_quarantine and hr_feed_manifest from FeedRecordQuarantined and
 * FeedManifestReceived (streams `hr-feed-week-<feedWeek>`), so both survive a rebuild, a page at a
 * time. Idempotent: a quarantined record is inserted once (its first receipt wins); a manifest row
 * only moves forward in global order (the latest manifest of a week wins). A quarantined record's
 * personal parts come opened or erased through the vault; WorkerPersonalDataErased strips them from
 * the worker's rows already projected (docs/decisions/0230).
 */
@Injectable()
export class FeedRecordsProjector implements Projector {
  readonly name = 'injuries.feed-records';
  readonly version = 2;
  readonly handles: readonly string[] = [
    ...FEED_WEEK_EVENT_TYPES,
    ...PERSONAL_DATA_EVENT_TYPES,
  ];
  readonly entities = [QuarantineEntity, FeedManifestEntity];

  constructor(private readonly vault: PersonalDataVault) {}

  async applyPage(
    events: readonly StoredEvent[],
    tx: ProjectionTransaction,
  ): Promise<void> {
    const quarantined: {
      stored: StoredEvent;
      data: FeedRecordQuarantined['data'];
    }[] = [];
    const manifests: {
      stored: StoredEvent;
      data: FeedManifestReceived['data'];
    }[] = [];
    const erasedWorkers = new Set<string>();
    const decoded = await this.vault.decodeAll(events);
    decoded.forEach((event, i) => {
      const stored = events[i];
      if (event.type === 'FeedRecordQuarantined')
        quarantined.push({ stored, data: event.data });
      else if (event.type === 'FeedManifestReceived')
        manifests.push({ stored, data: event.data });
      else if (event.type === 'WorkerPersonalDataErased')
        erasedWorkers.add(event.data.workerRef);
    });

    const quarantine = tx.table(QuarantineEntity);
    const known = await quarantine.load(
      quarantined.map((q) => q.data.quarantineId),
    );
    const fresh = new Map<string, QuarantineEntity>();
    for (const { stored, data } of quarantined) {
      if (known.has(data.quarantineId) || fresh.has(data.quarantineId))
        continue;
      fresh.set(data.quarantineId, {
        quarantineId: data.quarantineId,
        feedWeek: data.feedWeek,
        source: data.source,
        claimId: data.claimId,
        reasons: data.reasons,
        record: data.record,
        workerRef: workerRefOfRecord(data.record) ?? null,
        personalDataErased: data.personalDataErased === true,
        receivedAt: stored.metadata.recordedAt,
      });
    }
    // The page's erasures come after its records in the log: strip what was projected in clear.
    for (const row of [
      ...fresh.values(),
      ...(await quarantine.loadWhere('workerRef', erasedWorkers)),
    ]) {
      if (row.workerRef === null || !erasedWorkers.has(row.workerRef)) continue;
      row.record = splitPersonalRecord(row.record).rest;
      row.personalDataErased = true;
      fresh.set(row.quarantineId, row);
    }
    await quarantine.upsert(fresh.values());

    const manifestTable = tx.table(FeedManifestEntity);
    const current = await manifestTable.load(
      manifests.map((m) => m.data.feedWeek),
    );
    const touched = new Set<FeedManifestEntity>();
    for (const { stored, data } of manifests) {
      const row = current.get(data.feedWeek);
      if (row && BigInt(row.lastGlobalPosition) >= stored.globalPosition)
        continue;
      const next: FeedManifestEntity = {
        feedWeek: data.feedWeek,
        expectedCount: data.expectedCount,
        claimIds: data.claimIds ?? null,
        source: data.source,
        receivedAt: stored.metadata.recordedAt,
        lastGlobalPosition: stored.globalPosition.toString(),
      };
      if (row) touched.delete(row);
      current.set(data.feedWeek, next);
      touched.add(next);
    }
    await manifestTable.upsert(touched);
  }
}
