import type { DataSource, EntityManager } from 'typeorm';
import type { EventStore, StoredEvent } from '@app/event-store';
import type { Projector } from './projector.js';
import { ProjectionCheckpointEntity } from './projection-checkpoint.entity.js';

/** What readers ask of the projections: how far they are, and waiting for a position. */
export interface ProjectionProgress {
  /** The global position every projector has reached (the lowest checkpoint). */
  position(): bigint;
  /** Resolves true once every projector has reached `position`, false after `timeoutMs`. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean>;
}

export const PROJECTION_PROGRESS = Symbol('ProjectionProgress');

export interface ProjectionRunnerOptions {
  batchSize?: number;
  pollIntervalMs?: number;
  onError?: (error: unknown) => void;
  /** Called on the first page that succeeds after one or more failed. */
  onRecovered?: () => void;
}

/**
 * Catch-up subscription that feeds every projector in pages of the global log. For each page and
 * each projector one transaction applies the events past its checkpoint and moves the checkpoint:
 * a crash leaves rows and checkpoint consistent, and a redelivered page changes nothing.
 */
export class ProjectionRunner implements ProjectionProgress {
  private readonly checkpoints = new Map<string, bigint>();
  private readonly waiters = new Set<() => void>();
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly projectors: readonly Projector[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    const names = new Set<string>();
    for (const projector of projectors) {
      if (names.has(projector.name)) throw new Error(`Two projectors are named ${projector.name}`);
      names.add(projector.name);
    }
  }

  async loadCheckpoints(): Promise<void> {
    const rows = await this.dataSource.getRepository(ProjectionCheckpointEntity).find();
    const saved = new Map(rows.map((row) => [row.projector, BigInt(row.position)]));
    for (const projector of this.projectors) this.checkpoints.set(projector.name, saved.get(projector.name) ?? 0n);
  }

  /**
   * For a process that only reads (the api when apps/projector runs elsewhere): follow the
   * checkpoints another process writes, so read-your-writes and X-Projection-Position stay true.
   */
  async followCheckpoints(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        try {
          await this.loadCheckpoints();
          for (const waiter of [...this.waiters]) waiter();
        } catch (error) {
          this.options.onError?.(error);
        }
        await this.pause();
      }
    })();
  }

  position(): bigint {
    let lowest: bigint | undefined;
    for (const value of this.checkpoints.values()) if (lowest === undefined || value < lowest) lowest = value;
    return lowest ?? 0n;
  }

  async waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.position() >= position) return true;
    return new Promise((resolve) => {
      const check = () => {
        if (this.position() >= position) finish(true);
      };
      const finish = (reached: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(reached);
      };
      const timer = setTimeout(() => finish(this.position() >= position), timeoutMs);
      this.waiters.add(check);
      this.nudge();
    });
  }

  /** Applies one page of the log to every projector; returns how many events the page had. */
  async processNextPage(): Promise<number> {
    if (this.checkpoints.size === 0) await this.loadCheckpoints();
    const from = this.position() + 1n;
    const page = await this.store.readAll({ fromPosition: from, maxCount: this.batchSize });
    if (page.length === 0) return 0;
    for (const projector of this.projectors) {
      await this.applyPage(projector, page);
    }
    for (const waiter of [...this.waiters]) waiter();
    return page.length;
  }

  /** Runs until the projections have reached the head of the log as it was when called. */
  async catchUp(): Promise<void> {
    const head = await this.store.headPosition();
    while (this.position() < head) {
      if ((await this.processNextPage()) === 0) break;
    }
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.loadCheckpoints();
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loop;
  }

  /** Asks the loop to look at the log now rather than at its next poll. */
  nudge(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let processed = 0;
      try {
        processed = await this.processNextPage();
        if (failures > 0) this.options.onRecovered?.();
        failures = 0;
      } catch (error) {
        // A projector that throws stops nothing else: the page is retried after the pause, which
        // grows while the failures last (a store outage is not hammered ten times a second).
        failures++;
        this.options.onError?.(error);
      }
      if (processed === 0 && this.running) await this.pause(failures === 0 ? this.pollIntervalMs : Math.min(this.pollIntervalMs * 2 ** failures, 5_000));
    }
  }

  private async pause(ms = this.pollIntervalMs): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
  }

  private async applyPage(projector: Projector, page: StoredEvent[]): Promise<void> {
    const last = page[page.length - 1].globalPosition;
    const known = this.checkpoints.get(projector.name) ?? 0n;
    if (known >= last) return;
    const handled = new Set(projector.handles);
    const reached = await this.dataSource.transaction(async (em) => {
      // Read the checkpoint inside the transaction: another projector process may have moved it.
      const current = await readCheckpoint(em, projector.name);
      for (const event of page) {
        if (event.globalPosition <= current || !handled.has(event.type)) continue;
        await projector.project(event, em);
      }
      const next = current > last ? current : last;
      await writeCheckpoint(em, projector.name, next);
      return next;
    });
    this.checkpoints.set(projector.name, reached);
  }
}

async function readCheckpoint(em: EntityManager, projector: string): Promise<bigint> {
  const query = em.getRepository(ProjectionCheckpointEntity).createQueryBuilder('c').where('c.projector = :projector', { projector });
  if (em.connection.options.type === 'postgres') query.setLock('pessimistic_write');
  const row = await query.getOne();
  return row ? BigInt(row.position) : 0n;
}

async function writeCheckpoint(em: EntityManager, projector: string, position: bigint): Promise<void> {
  await em
    .getRepository(ProjectionCheckpointEntity)
    .upsert({ projector, position: position.toString(), updatedAt: new Date().toISOString() }, ['projector']);
}
