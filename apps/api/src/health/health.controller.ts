import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { PROJECTION_PROGRESS, type ProjectionProgress } from '@app/projections';
import { ReportingHealth } from '@app/reporting';

interface CheckResult {
  status: 'up' | 'down';
  detail?: string;
  [key: string]: unknown;
}

/** Liveness says the process answers; readiness says it can serve: store, database, projector. */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: DataSource,
    @Inject(PROJECTION_PROGRESS) private readonly progress: ProjectionProgress,
    private readonly reporting: ReportingHealth,
  ) {}

  @Get('live')
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<{ status: 'up' | 'down'; checks: Record<string, CheckResult> }> {
    const checks: Record<string, CheckResult> = {};
    let head = 0n;
    try {
      head = await this.store.headPosition();
      checks.eventStore = { status: 'up', headPosition: Number(head) };
    } catch (error) {
      checks.eventStore = { status: 'down', detail: (error as Error).message };
    }
    try {
      await this.readModels.query('SELECT 1');
      checks.readModels = { status: 'up' };
    } catch (error) {
      checks.readModels = { status: 'down', detail: (error as Error).message };
    }
    const position = this.progress.position();
    // Lag is reported, not failed on: a long rebuild still serves (older) reads.
    checks.projector = { status: 'up', position: Number(position), lag: Number(head > position ? head - position : 0n) };
    try {
      checks.reports = { ...(await this.reporting.readiness(head)) };
    } catch (error) {
      checks.reports = { status: 'down', detail: (error as Error).message };
    }
    const ok = Object.values(checks).every((check) => check.status === 'up');
    response.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'up' : 'down', checks };
  }
}
