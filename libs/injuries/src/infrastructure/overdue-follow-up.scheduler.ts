import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '@app/app-config';
import { CLOCK, type Clock } from '@app/shared-kernel';
import { DetectOverdueFollowUpsCommand } from '../application/commands/detect-overdue-follow-ups/detect-overdue-follow-ups.command.js';

/**
 * Every OVERDUE_SCAN_INTERVAL_MS, in a process that runs the projector in-process (RUN_PROJECTOR,
 * the embedded default), dispatches DetectOverdueFollowUpsCommand; the handler decides with the
 * injected clock. Ticks never overlap; a failing tick is logged and the next one runs as usual.
 * Two processes scanning at once cannot double-flag (deterministic event ids, docs/decisions/0010).
 */
@Injectable()
export class OverdueFollowUpScheduler
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('OverdueFollowUpScheduler');
  private timer?: ReturnType<typeof setInterval>;
  private running?: Promise<void>;

  constructor(
    private readonly commandBus: CommandBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runProjector) return;
    this.timer = setInterval(
      () => void this.tick(),
      this.config.overdueScanIntervalMs,
    );
    this.timer.unref?.();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One scan; resolves (never rejects) when done. Public so an operator task or a test can run one. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    const startedAt = this.clock.now().toISOString();
    this.running = (async () => {
      try {
        const result = await this.commandBus.execute(
          new DetectOverdueFollowUpsCommand({
            actor: 'system:deadline-scheduler',
            correlationId: `detect-overdue-follow-ups-${startedAt}`,
          }),
        );
        if (result.flagged.length > 0)
          this.logger.log(
            `flagged ${result.flagged.length} overdue follow-up visit(s)`,
          );
      } catch (error) {
        this.logger.error(
          `overdue scan failed, next one in ${this.config.overdueScanIntervalMs} ms: ${String((error as Error)?.stack ?? error)}`,
        );
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
