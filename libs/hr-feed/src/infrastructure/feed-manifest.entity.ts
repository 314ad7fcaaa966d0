import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The HR bureau's manifest of a feed week (expected count, claimIds), for weekly reconciliation.
 * Projected from FeedManifestReceived by FeedRecordsProjector; the latest manifest of a week wins.
 */
@Entity({ name: 'hr_feed_manifest' })
export class FeedManifestEntity {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  feedWeek: string;

  @Column({ type: 'integer' })
  expectedCount: number;

  @Column({ type: 'simple-json', nullable: true })
  claimIds: string[] | null;

  @Column({ type: 'varchar', length: 8 })
  source: 'http' | 'kafka';

  @Column({ type: 'varchar', length: 40 })
  receivedAt: string;

  /** Global position of the manifest event shown (bigint as text). */
  @Column({ type: 'varchar', length: 20 })
  lastGlobalPosition: string;
}
