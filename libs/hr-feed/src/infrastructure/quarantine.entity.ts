import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Feed records that could not be accepted, with their reasons (GET /hr-feed/quarantine?feedWeek).
 * Projected from FeedRecordQuarantined by FeedRecordsProjector. `record` never holds a worker's ID
 * number: it was sanitised before the event was built (docs/decisions/0030).
 */
@Entity({ name: 'hr_feed_quarantine' })
export class QuarantineEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  quarantineId: string;

  @Index()
  @Column({ type: 'varchar', length: 8 })
  feedWeek: string;

  @Column({ type: 'varchar', length: 8 })
  source: 'http' | 'kafka';

  @Column({ type: 'varchar', length: 64, nullable: true })
  claimId: string | null;

  @Column({ type: 'simple-json' })
  reasons: { path: string; message: string }[];

  // Nullable: a batch item that is JSON null is quarantined as it came; a NOT NULL here stopped the projector.
  @Column({ type: 'simple-json', nullable: true })
  record: unknown;

  /** The worker the record names (worker.workerRef), for erasure. */
  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true })
  workerRef: string | null;

  /** The worker's key was destroyed: the record's personal parts are gone (docs/decisions/0230). */
  @Column({ type: 'boolean', default: false })
  personalDataErased: boolean;

  @Column({ type: 'varchar', length: 40 })
  receivedAt: string;
}
