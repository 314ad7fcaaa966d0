import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { ProjectionCheckpointEntity } from '@app/projections';
import { CLOCK, type Clock } from '@app/shared-kernel';

/** The projector that keeps the facts every report reads (infrastructure/reporting-facts.projector.ts). */
export const REPORTING_PROJECTOR_NAME = 'reporting.facts';

export interface ReportsReadiness {
  status: 'up';
  /** The projector every report reads through. */
  projector: string;
  position: number;
  /** Events recorded but not yet in the reports. */
  lag: number;
  /** How stale the reports are: seconds since the oldest event they do not show yet was recorded (0 when caught up). */
  ageSeconds: number;
  reports: Record<
    'accidentReduction' | 'zoneCompetition' | 'weeklyInjuries',
    { position: number; lag: number; ageSeconds: number }
  >;
}

/** Projector lag and report age for /health/ready (reported, never failed on: stale reports still serve). */
@Injectable()
export class ReportingHealth {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async readiness(head: bigint): Promise<ReportsReadiness> {
    const row = await this.dataSource
      .getRepository(ProjectionCheckpointEntity)
      .findOneBy({ projector: REPORTING_PROJECTOR_NAME });
    const position = row ? BigInt(row.position) : 0n;
    const lag = head > position ? head - position : 0n;
    let ageSeconds = 0;
    if (lag > 0n) {
      const [oldestUnseen] = await this.store.readAll({
        after: position,
        limit: 1,
      });
      if (oldestUnseen)
        ageSeconds = Math.max(
          0,
          (this.clock.now().getTime() -
            Date.parse(oldestUnseen.metadata.recordedAt)) /
            1000,
        );
    }
    const each = { position: Number(position), lag: Number(lag), ageSeconds };
    return {
      status: 'up',
      projector: REPORTING_PROJECTOR_NAME,
      ...each,
      reports: {
        accidentReduction: each,
        zoneCompetition: each,
        weeklyInjuries: each,
      },
    };
  }
}
