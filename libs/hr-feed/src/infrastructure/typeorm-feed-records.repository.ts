import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  FeedManifestRecord,
  FeedManifestRepository,
  QuarantineRepository,
  QuarantinedRecord,
} from '../application/ports/feed-records.port.js';
import { FeedManifestEntity } from './feed-manifest.entity.js';
import { QuarantineEntity } from './quarantine.entity.js';

/** Reads hr_feed_quarantine; rows are written only by FeedRecordsProjector. */
@Injectable()
export class TypeOrmQuarantineRepository implements QuarantineRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: { feedWeek?: string }): Promise<QuarantinedRecord[]> {
    const rows = await this.dataSource.getRepository(QuarantineEntity).find({
      where: filter.feedWeek ? { feedWeek: filter.feedWeek } : {},
      order: { receivedAt: 'ASC', quarantineId: 'ASC' },
    });
    return rows.map((r) => ({
      quarantineId: r.quarantineId,
      feedWeek: r.feedWeek,
      source: r.source,
      claimId: r.claimId,
      reasons: r.reasons,
      record: r.record,
      personalDataErased: Boolean(r.personalDataErased),
      receivedAt: r.receivedAt,
    }));
  }
}

/** Reads hr_feed_manifest; rows are written only by FeedRecordsProjector. */
@Injectable()
export class TypeOrmFeedManifestRepository implements FeedManifestRepository {
  constructor(private readonly dataSource: DataSource) {}

  async get(feedWeek: string): Promise<FeedManifestRecord | undefined> {
    const row = await this.dataSource
      .getRepository(FeedManifestEntity)
      .findOneBy({ feedWeek });
    if (!row) return undefined;
    return {
      feedWeek: row.feedWeek,
      expectedCount: row.expectedCount,
      ...(row.claimIds ? { claimIds: row.claimIds } : {}),
      source: row.source,
      receivedAt: row.receivedAt,
    };
  }
}
