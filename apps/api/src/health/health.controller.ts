import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { PROJECTION_PROGRESS, type ProjectionProgress } from '@app/projections';
import { ReportingHealth } from '@app/reporting';

interface CheckResult {
  status: 'up' | 'degraded' | 'down';
  detail?: string;
  [key: string]: unknown;
}

/**
 * Liveness says the process answers; readiness says it can serve: store, database, projectors. A
 * failing projector makes readiness `degraded` (HTTP 200): the other read models are current and keep
 * being served (docs/decisions/0102-isolated-projection-loops.md).
 */
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
  async ready(@Res({ passthrough: true }) response: Response): Promise<{
    status: 'up' | 'degraded' | 'down';
    checks: Record<string, CheckResult>;
  }> {
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
    const lag = (at: bigint) => Number(head > at ? head - at : 0n);
    const projectors = this.progress.status().map((p) => ({
      name: p.name,
      state: p.state,
      position: Number(p.position),
      // Lag is reported, not failed on: a long rebuild still serves (older) reads.
      lag: lag(p.position),
      ...(p.failingAt !== undefined ? { failingAt: Number(p.failingAt) } : {}),
      ...(p.error !== undefined ? { error: p.error } : {}),
    }));
    const failing = projectors
      .filter((p) => p.state === 'failing')
      .map((p) => p.name);
    checks.projector = {
      status: failing.length > 0 ? 'degraded' : 'up',
      position: Number(position),
      lag: lag(position),
      ...(failing.length > 0 ? { failing } : {}),
      projectors,
    };
    try {
      checks.reports = { ...(await this.reporting.readiness(head)) };
    } catch (error) {
      checks.reports = { status: 'down', detail: (error as Error).message };
    }
    const statuses = Object.values(checks).map((check) => check.status);
    const status = statuses.includes('down')
      ? 'down'
      : statuses.includes('degraded')
        ? 'degraded'
        : 'up';
    response.status(
      status === 'down' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK,
    );
    return { status, checks };
  }
}
