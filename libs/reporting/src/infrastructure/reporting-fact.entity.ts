import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { FactBody } from '../domain/reporting-fact.js';

const asNumber = {
  to: (value: number) => value,
  from: (value: string | number) => Number(value),
};

/**
 * One row per event a report reads (docs/decisions/0121): append-only and bitemporal — `effectiveAt`
 * and `recordedAt` are both kept, so every report can be computed as recorded at any instant, and a
 * rebuild writes exactly the same rows. Portable column types (SQLite and PostgreSQL).
 */
@Entity({ name: 'reporting_fact' })
@Index('reporting_fact_family_recorded', ['family', 'recordedAt'])
export class ReportingFactEntity {
  /** Global position of the event: the key, so a redelivered event is written once. */
  @PrimaryColumn({ type: 'bigint', transformer: asNumber })
  position: number;

  @Column({ type: 'varchar', length: 64 })
  eventId: string;

  @Column({ type: 'varchar', length: 200 })
  streamName: string;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  /** `enterprise`, `accident`, `declaration`, `case` or `feed-week`: which reports read it. */
  @Column({ type: 'varchar', length: 16 })
  family: string;

  /** ISO instant (toISOString form, so text order is time order). */
  @Column({ type: 'varchar', length: 40 })
  recordedAt: string;

  @Column({ type: 'varchar', length: 40 })
  effectiveAt: string;

  /** The fact's own fields (FactBody without its type). */
  @Column({ type: 'simple-json' })
  body: Omit<FactBody, 'type'>;
}
