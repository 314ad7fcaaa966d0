import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StoredEvent } from '@app/event-store';
import type { Projector } from '@app/projections';
import { FEED_WEEK_EVENT_TYPES, type FeedWeekEvent } from '../domain/feed-week.events.js';
import { FeedManifestEntity } from './feed-manifest.entity.js';
import { QuarantineEntity } from './quarantine.entity.js';

/**
 * Maintains hr_feed_quarantine and hr_feed_manifest from FeedRecordQuarantined and
 * FeedManifestReceived (streams `hr-feed-week-<feedWeek>`), so both survive a rebuild. Idempotent:
 * a quarantined record is inserted once (its first receipt wins); a manifest row only moves forward
 * in global order (the latest manifest of a week wins).
 */
@Injectable()
export class FeedRecordsProjector implements Projector {
  readonly name = 'injuries.feed-records';
  readonly handles: readonly string[] = FEED_WEEK_EVENT_TYPES;
  readonly entities = [QuarantineEntity, FeedManifestEntity];

  async project(stored: StoredEvent, em: EntityManager): Promise<void> {
    const event = { type: stored.type, schemaVersion: stored.schemaVersion, data: stored.data } as unknown as FeedWeekEvent;
    switch (event.type) {
      case 'FeedRecordQuarantined': {
        const repo = em.getRepository(QuarantineEntity);
        if (await repo.existsBy({ quarantineId: event.data.quarantineId })) return;
        await repo.save(
          Object.assign(new QuarantineEntity(), {
            quarantineId: event.data.quarantineId,
            feedWeek: event.data.feedWeek,
            source: event.data.source,
            claimId: event.data.claimId,
            reasons: event.data.reasons,
            record: event.data.record,
            receivedAt: stored.metadata.recordedAt,
          }),
        );
        return;
      }
      case 'FeedManifestReceived': {
        const repo = em.getRepository(FeedManifestEntity);
        const current = await repo.findOneBy({ feedWeek: event.data.feedWeek });
        if (current && BigInt(current.lastGlobalPosition) >= stored.globalPosition) return;
        await repo.save({
          feedWeek: event.data.feedWeek,
          expectedCount: event.data.expectedCount,
          claimIds: event.data.claimIds ?? null,
          source: event.data.source,
          receivedAt: stored.metadata.recordedAt,
          lastGlobalPosition: stored.globalPosition.toString(),
        });
        return;
      }
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  }
}
