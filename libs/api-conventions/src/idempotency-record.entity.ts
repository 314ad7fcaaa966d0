import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first answer to a command sent with an `Idempotency-Key`, kept to answer its repeats. */
@Entity({ name: 'idempotency_records' })
export class IdempotencyRecordEntity {
  /** actor + key: one caller's key never collides with another's. */
  @PrimaryColumn({ type: 'varchar', length: 320 })
  scopedKey: string;

  /** SHA-256 of method, path and canonical body: the same key with another body is refused. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  /** Random token of the request that claimed the key; tells the owner from a concurrent twin. */
  @Column({ type: 'varchar', length: 36 })
  claim: string;

  /** HTTP status of the first answer; 0 while that request is still running. */
  @Column({ type: 'integer' })
  status: number;

  @Column({ type: 'text' })
  responseBody: string;

  @Column({ type: 'varchar', length: 40 })
  createdAt: string;
}
