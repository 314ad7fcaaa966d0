import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Which version of a projector built its live tables (docs/decisions/0108). Kept apart from the
 * checkpoint, which every page rewrites.
 */
@Entity({ name: 'read_model_versions' })
export class ReadModelVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  projector: string;

  @Column({ type: 'integer' })
  version: number;

  /** When these tables went live (ISO instant). */
  @Column({ type: 'varchar', length: 40 })
  builtAt: string;
}
