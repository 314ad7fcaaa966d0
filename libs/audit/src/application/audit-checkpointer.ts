import type { KeyObject } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/app-config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { CLOCK, type Clock } from '@app/shared-kernel';
import {
  CHECKPOINT_EVENT_TYPE,
  CHECKPOINT_STREAM,
  signCheckpoint,
  type SignedCheckpoint,
} from '../domain/signed-checkpoint.js';
import { CheckpointLog } from './checkpoint-log.js';
import { lastEvent, readAfter } from './log-reading.js';

export const CHECKPOINT_ACTOR = 'system:audit-checkpointer';

/** The key that signs checkpoints (adapter: infrastructure/audit-signing-key.ts). */
export interface CheckpointSigningKey {
  readonly privateKey: KeyObject;
}
export const CHECKPOINT_SIGNING_KEY = Symbol('CheckpointSigningKey');
const TICK_MS = 30_000;

/**
 * Signs the chain's head every AUDIT_CHECKPOINT_EVERY_EVENTS events or AUDIT_CHECKPOINT_EVERY_MINUTES
 * minutes with new events, and records the checkpoint as an event (docs/audit/hash-chain.md §7). It
 * runs where the projector and the scheduler run (RUN_PROJECTOR), so one process signs. Minutes are
 * wall-clock time of this process; the signed instant is the service clock's.
 */
@Injectable()
export class AuditCheckpointer
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('AuditCheckpointer');
  private timer?: ReturnType<typeof setInterval>;
  private running?: Promise<SignedCheckpoint | undefined>;
  private lastSignedAtMs = Date.now();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CHECKPOINT_SIGNING_KEY) private readonly key: CheckpointSigningKey,
  ) {}

  onApplicationBootstrap(): void {
    const { checkpointEveryEvents, checkpointEveryMinutes } = this.config.audit;
    if (
      !this.config.runProjector ||
      (checkpointEveryEvents === 0 && checkpointEveryMinutes === 0)
    )
      return;
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref?.();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One look: signs when due. Never rejects; a failure is logged and the next tick tries again. */
  tick(): Promise<SignedCheckpoint | undefined> {
    this.running ??= this.signIfDue()
      .catch((error: unknown) => {
        this.logger.error(
          `checkpoint failed: ${String((error as Error)?.stack ?? error)}`,
        );
        return undefined;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async signIfDue(): Promise<SignedCheckpoint | undefined> {
    const { checkpointEveryEvents, checkpointEveryMinutes } = this.config.audit;
    const latest = await new CheckpointLog(this.store).latest();
    const after = latest?.recordedAtPosition ?? 0n;
    const limit = Math.max(checkpointEveryEvents, 1);
    const newEvents = (await readAfter(this.store, after, limit)).length;
    if (newEvents === 0) return undefined;
    const byCount =
      checkpointEveryEvents > 0 && newEvents >= checkpointEveryEvents;
    const byTime =
      checkpointEveryMinutes > 0 &&
      Date.now() - this.lastSignedAtMs >= checkpointEveryMinutes * 60_000;
    if (!byCount && !byTime) return undefined;
    return this.signHead();
  }

  /** Signs the current head now and appends the checkpoint; undefined on an empty log. */
  async signHead(): Promise<SignedCheckpoint | undefined> {
    const head = await lastEvent(
      this.store,
      this.config.eventStore.kind !== 'kurrentdb',
    );
    if (!head) return undefined;
    const checkpoint = signCheckpoint(
      this.key.privateKey,
      head.globalPosition,
      head.hash,
      this.clock.now().toISOString(),
    );
    await this.store.appendToStream(CHECKPOINT_STREAM, [
      {
        type: CHECKPOINT_EVENT_TYPE,
        schemaVersion: 1,
        data: { ...checkpoint },
        metadata: {
          actor: CHECKPOINT_ACTOR,
          correlationId: `audit-checkpoint-${checkpoint.position}`,
        },
      },
    ]);
    this.lastSignedAtMs = Date.now();
    return checkpoint;
  }
}
