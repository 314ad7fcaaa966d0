import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The zone of each registered enterprise as the injury-case projector has seen it (from
 * EnterpriseRegistered / EnterpriseZoneReassigned). Owned by InjuryCaseViewProjector, so that a
 * declaration attributed to `unassigned` is re-attributed identically on every rebuild, whatever the
 * order of the registration and the declaration in the log (docs/decisions/0031).
 */
@Entity({ name: 'injury_enterprise_zone' })
export class InjuryEnterpriseZoneEntity {
  @PrimaryColumn({ type: 'varchar', length: 18 })
  uscc: string;

  @Column({ type: 'varchar', length: 64 })
  zoneId: string;
}
