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

@Injectable()
export class TypeOrmQuarantineRepository implements QuarantineRepository {
  constructor(private readonly dataSource: DataSource) {}

  async save(record: QuarantinedRecord): Promise<void> {
    await this.dataSource.getRepository(QuarantineEntity).save({ ...record });
  }

  async list(filter: { feedWeek?: string }): Promise<QuarantinedRecord[]> {
    const rows = await this.dataSource.getRepository(QuarantineEntity).find({
      where: filter.feedWeek ? { feedWeek: filter.feedWeek } : {},
      order: { receivedAt: 'ASC', quarantineId: 'ASC' },
    });
    return rows.map((r) => ({ ...r }));
  }
}

@Injectable()
export class TypeOrmFeedManifestRepository implements FeedManifestRepository {
  constructor(private readonly dataSource: DataSource) {}

  async save(m: FeedManifestRecord): Promise<void> {
    await this.dataSource.getRepository(FeedManifestEntity).save({
      feedWeek: m.feedWeek,
      expectedCount: m.expectedCount,
      claimIds: m.claimIds ?? null,
      source: m.source,
      receivedAt: m.receivedAt,
    });
  }

  async get(feedWeek: string): Promise<FeedManifestRecord | undefined> {
    const row = await this.dataSource.getRepository(FeedManifestEntity).findOneBy({ feedWeek });
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
