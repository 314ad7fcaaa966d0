import type { DataSource, EntityManager } from 'typeorm';
import type { EventStore, StoredEvent } from '@app/event-store';
import type { PageConsumer } from './projector.js';
import { ProjectionCheckpointEntity } from './projection-checkpoint.entity.js';
import { dialectOf, projectionTransaction } from './row-table.js';

/** What readers ask of the projections: how far they are, and waiting for a position. */
export interface ProjectionProgress {
  /** The global position every projector (or every one named) has reached: the lowest checkpoint. */
  position(projectors?: readonly string[]): bigint;
  /**
   * Resolves true once the named projectors (every one when `projectors` is absent) have reached
   * `position`, false after `timeoutMs`.
   */
  waitFor(
    position: bigint,
    timeoutMs: number,
    projectors?: readonly string[],
  ): Promise<boolean>;
  /** Each projector's loop: where it is, and whether it is failing. */
  status(): ProjectorStatus[];
}

export const PROJECTION_PROGRESS = Symbol('ProjectionProgress');

export type ProjectorState = 'running' | 'retrying' | 'failing';

export interface ProjectorStatus {
  name: string;
  position: bigint;
  /** running; retrying after an error (with backoff); failing: parked until the process restarts. */
  state: ProjectorState;
  /** Position of the event it failed on, while retrying or failing. */
  failingAt?: bigint;
  error?: string;
}

export interface ProjectionRunnerOptions {
  batchSize?: number;
  pollIntervalMs?: number;
  /** Attempts at a failing event before the projector is parked (default 5). */
  maxAttempts?: number;
  /** First retry delay, doubled each attempt up to 30 s (default 200 ms). */
  retryBaseMs?: number;
  onError?: (projector: string, error: unknown, parked: boolean) => void;
  /**
   * True for an error that says a store is unreachable rather than that the event is at fault: such a
   * projector keeps retrying (backoff capped at a few seconds) and is never parked, so it resumes by
   * itself when the database comes back.
   */
  isTransient?: (error: unknown) => boolean;
  /** Called on the first page of a projector that succeeds after one or more failed. */
  onRecovered?: (projector: string) => void;
}

const MAX_RETRY_DELAY_MS = 30_000;
/** While a store is unreachable, retries back off to base × 2⁴ (3.2 s by default) and no further. */
const TRANSIENT_BACKOFF_STEPS = 5;
const HEAD_SHARING_MS = 20;

interface Page {
  events: StoredEvent[];
  /** The checkpoint once this page is applied. */
  reached: bigint;
  full: boolean;
}

/**
 * Runs each projector (or process manager) in its own loop with its own checkpoint
 * (docs/decisions/0102-isolated-projection-loops.md): it reads only the event types it declares,
 * after its checkpoint, a page at a time, reading the next page while the current one is applied.
 * Each page is one transaction with the checkpoint. A projector that throws is retried with backoff
 * on a page of one event, so the event at fault is known; after `maxAttempts` it is parked
 * (`failing`), and every other loop goes on.
 */
export class ProjectionRunner implements ProjectionProgress {
  private readonly loops: ProjectorLoop[];
  private readonly waiters = new Set<() => void>();
  private running = false;
  private following = false;
  private followLoop?: Promise<void>;
  private followWake?: () => void;
  private loaded = false;
  /** SQLite read models have one connection: transactions of the loops take turns on it. */
  private turn: Promise<unknown> = Promise.resolve();
  private head?: { at: number; value: Promise<bigint> };

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    consumers: readonly PageConsumer[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    const names = new Set<string>();
    for (const consumer of consumers) {
      if (names.has(consumer.name))
        throw new Error(`Two projectors are named ${consumer.name}`);
      names.add(consumer.name);
    }
    this.loops = consumers.map((consumer) => new ProjectorLoop(consumer, this));
  }

  get batchSize(): number {
    return this.options.batchSize ?? 500;
  }

  get pollIntervalMs(): number {
    return this.options.pollIntervalMs ?? 100;
  }

  async loadCheckpoints(): Promise<void> {
    const rows = await this.dataSource
      .getRepository(ProjectionCheckpointEntity)
      .find();
    const saved = new Map(rows.map((row) => [row.projector, row]));
    for (const loop of this.loops)
      loop.restore(saved.get(loop.name), !this.running);
    this.loaded = true;
  }

  /**
   * For a process that only reads (the api when apps/projector runs elsewhere): follow the
   * checkpoints another process writes, so read-your-writes, X-Projection-Position and
   * /health/ready stay true.
   */
  async followCheckpoints(): Promise<void> {
    if (this.following || this.running) return;
    this.following = true;
    this.followLoop = (async () => {
      while (this.following) {
        try {
          await this.loadCheckpoints();
          this.notifyWaiters();
        } catch (error) {
          this.options.onError?.('checkpoints', error, false);
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.pollIntervalMs);
          this.followWake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    })();
  }

  position(projectors?: readonly string[]): bigint {
    const loops =
      projectors && projectors.length > 0
        ? projectors.map((name) => this.loopNamed(name))
        : this.loops;
    let lowest: bigint | undefined;
    for (const loop of loops)
      if (lowest === undefined || loop.checkpoint < lowest)
        lowest = loop.checkpoint;
    return lowest ?? 0n;
  }

  /** The checkpoint of one projector. */
  positionOf(name: string): bigint {
    return this.loopNamed(name).checkpoint;
  }

  status(): ProjectorStatus[] {
    return this.loops.map((loop) => loop.status());
  }

  async waitFor(
    position: bigint,
    timeoutMs: number,
    projectors?: readonly string[],
  ): Promise<boolean> {
    const loops = projectors
      ? projectors.map((name) => this.loopNamed(name))
      : this.loops;
    const reached = () => loops.every((loop) => loop.checkpoint >= position);
    if (reached()) return true;
    return new Promise((resolve) => {
      const check = () => {
        if (reached()) finish(true);
      };
      const finish = (done: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(done);
      };
      const timer = setTimeout(() => finish(reached()), timeoutMs);
      this.waiters.add(check);
      this.nudge();
    });
  }

  /** One page for every projector, in turn; returns how many events they applied. Errors propagate. */
  async processNextPage(): Promise<number> {
    if (!this.loaded) await this.loadCheckpoints();
    let applied = 0;
    for (const loop of this.loops) applied += await loop.step();
    return applied;
  }

  /** Runs every projector until it has reached `upTo` (default: the head of the log as it was when called). */
  async catchUp(upTo?: bigint): Promise<void> {
    if (!this.loaded) await this.loadCheckpoints();
    const head = upTo ?? (await this.store.headPosition());
    await Promise.all(
      this.loops.map(async (loop) => {
        while (loop.checkpoint < head) {
          const before = loop.checkpoint;
          await loop.step();
          if (loop.checkpoint === before) break;
        }
      }),
    );
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.loadCheckpoints();
    for (const loop of this.loops) loop.start();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.following = false;
    this.followWake?.();
    await Promise.all(this.loops.map((loop) => loop.stop()));
    await this.followLoop;
  }

  /** Asks every loop to look at the log now rather than at its next poll. */
  nudge(): void {
    this.head = undefined; // whoever nudges may just have appended
    for (const loop of this.loops) loop.nudge();
    this.followWake?.();
  }

  // ---- for the loops ----

  /** The events after `after` this consumer reads, and the checkpoint it reaches once they are applied. */
  async readPage(
    consumer: PageConsumer,
    after: bigint,
    limit: number,
  ): Promise<Page> {
    // The head is read first: once a short page is applied, everything up to it has been seen.
    const head = await this.sharedHead();
    if (head <= after) return { events: [], reached: after, full: false };
    const events = await this.store.readAll({
      after,
      types: consumer.handles,
      limit,
    });
    const full = events.length === limit;
    const last =
      events.length > 0 ? events[events.length - 1].globalPosition : after;
    let reached = full || head < last ? last : head;
    if (reached < after) reached = after;
    return { events, reached, full };
  }

  /** Applies a page and moves the checkpoint in one transaction; returns the checkpoint reached. */
  async applyPage(consumer: PageConsumer, page: Page): Promise<bigint> {
    const work = () =>
      this.dataSource.transaction(async (em) => {
        // Read inside the transaction (locked on PostgreSQL): another process may have moved it.
        const current = await readCheckpoint(
          em,
          this.dataSource,
          consumer.name,
        );
        const fresh = page.events.filter(
          (event) => event.globalPosition > current,
        );
        if (fresh.length > 0)
          await consumer.applyPage(
            fresh,
            projectionTransaction(this.dataSource, em),
          );
        const next = current > page.reached ? current : page.reached;
        if (next !== current || fresh.length > 0)
          await writeCheckpoint(em, this.dataSource, consumer.name, next, null);
        return next;
      });
    return this.inTurn(work);
  }

  async recordFailure(
    consumer: PageConsumer,
    checkpoint: bigint,
    failingAt: bigint | undefined,
    error: string | null,
  ): Promise<void> {
    await this.inTurn(() =>
      this.dataSource.transaction((em) =>
        writeCheckpoint(
          em,
          this.dataSource,
          consumer.name,
          checkpoint,
          error === null ? null : { failingAt, error },
        ),
      ),
    );
  }

  /** One head query serves every loop that asks within a few milliseconds (idle loops poll it). */
  private sharedHead(): Promise<bigint> {
    const now = Date.now();
    if (!this.head || now - this.head.at > HEAD_SHARING_MS) {
      const value = this.store.headPosition();
      this.head = { at: now, value };
      value.catch(() => {
        this.head = undefined;
      });
    }
    return this.head.value;
  }

  notifyWaiters(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  reportError(name: string, error: unknown, parked: boolean): void {
    this.options.onError?.(name, error, parked);
  }

  reportRecovered(name: string): void {
    this.options.onRecovered?.(name);
  }

  retryDelay(attempt: number): number {
    return Math.min(
      (this.options.retryBaseMs ?? 200) * 2 ** (attempt - 1),
      MAX_RETRY_DELAY_MS,
    );
  }

  isTransient(error: unknown): boolean {
    return this.options.isTransient?.(error) ?? false;
  }

  get maxAttempts(): number {
    return this.options.maxAttempts ?? 5;
  }

  get isRunning(): boolean {
    return this.running;
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    if (dialectOf(this.dataSource) !== 'sqlite') return work();
    const next = this.turn.then(work, work);
    this.turn = next.catch(() => undefined);
    return next;
  }

  private loopNamed(name: string): ProjectorLoop {
    const loop = this.loops.find((l) => l.name === name);
    if (!loop) throw new Error(`No projector named ${name}`);
    return loop;
  }
}

/** One consumer's loop: its checkpoint, its prefetched page, its retries. */
class ProjectorLoop {
  checkpoint = 0n;
  private state: ProjectorState = 'running';
  private attempts = 0;
  private failingAt?: bigint;
  private error?: string;
  /** After a failure, pages of one event until past this position, to find the event at fault. */
  private narrowUntil?: bigint;
  private prefetched?: { after: bigint; limit: number; page: Promise<Page> };
  /** First event of the page that last failed to apply. */
  private failedOn?: bigint;
  private loop?: Promise<void>;
  private wake?: () => void;
  private stopping = false;
  private nudged = false;
  private wakeForStop?: () => void;

  constructor(
    private readonly consumer: PageConsumer,
    private readonly runner: ProjectionRunner,
  ) {}

  get name(): string {
    return this.consumer.name;
  }

  restore(
    saved: ProjectionCheckpointEntity | undefined,
    withFailure: boolean,
  ): void {
    const position = saved ? BigInt(saved.position) : 0n;
    if (position > this.checkpoint || !this.loop) this.checkpoint = position;
    // A reader shows what the running process recorded; a starting process retries from scratch.
    if (withFailure) {
      this.failingAt = saved?.failingAt ? BigInt(saved.failingAt) : undefined;
      this.error = saved?.error ?? undefined;
      this.state = saved?.error ? 'failing' : 'running';
    }
  }

  status(): ProjectorStatus {
    return {
      name: this.name,
      position: this.checkpoint,
      state: this.state,
      ...(this.failingAt !== undefined ? { failingAt: this.failingAt } : {}),
      ...(this.error !== undefined ? { error: this.error } : {}),
    };
  }

  /** Reads and applies one page; returns how many events it applied. Errors propagate. */
  async step(): Promise<number> {
    const limit =
      this.narrowUntil !== undefined && this.checkpoint < this.narrowUntil
        ? 1
        : this.runner.batchSize;
    const page = await this.take(this.checkpoint, limit);
    if (page.reached === this.checkpoint) return 0;
    if (page.full && limit > 1) this.prefetch(page.reached, limit);
    try {
      this.checkpoint = await this.runner.applyPage(this.consumer, page);
    } catch (error) {
      this.prefetched = undefined;
      this.failedOn = page.events[0]?.globalPosition;
      if (limit > 1) this.narrowUntil = page.reached;
      throw error;
    }
    if (this.narrowUntil !== undefined && this.checkpoint >= this.narrowUntil)
      this.narrowUntil = undefined;
    if (this.failingAt !== undefined && this.checkpoint >= this.failingAt)
      this.recovered();
    this.runner.notifyWaiters();
    return page.events.length;
  }

  start(): void {
    this.stopping = false;
    this.state = 'running';
    this.attempts = 0;
    this.failingAt = undefined;
    this.error = undefined;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    this.wakeForStop?.();
    await this.loop;
    this.loop = undefined;
  }

  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let applied: number;
      // A nudge that arrives while this page is read is not lost: the pause after it returns at once.
      this.nudged = false;
      try {
        applied = await this.step();
      } catch (error) {
        if (this.stopping) return;
        if (this.failedOn !== this.failingAt) this.attempts = 0; // a new event at fault: count afresh
        this.attempts++;
        this.failingAt = this.failedOn;
        this.error = String((error as Error)?.message ?? error);
        const transient = this.runner.isTransient(error);
        const parked = !transient && this.attempts >= this.runner.maxAttempts;
        this.state = parked ? 'failing' : 'retrying';
        this.runner.reportError(this.name, error, parked);
        await this.runner
          .recordFailure(
            this.consumer,
            this.checkpoint,
            this.failingAt,
            this.error,
          )
          .catch(() => undefined);
        this.runner.notifyWaiters();
        if (parked) return; // until the process restarts, once the cause is removed
        await this.pause(
          this.runner.retryDelay(
            transient
              ? Math.min(this.attempts, TRANSIENT_BACKOFF_STEPS)
              : this.attempts,
          ),
          false,
        );
        continue;
      }
      if (applied === 0 && !this.stopping)
        await this.pause(this.runner.pollIntervalMs);
    }
  }

  private recovered(): void {
    this.attempts = 0;
    this.state = 'running';
    this.failingAt = undefined;
    this.error = undefined;
  }

  private take(after: bigint, limit: number): Promise<Page> {
    const ahead = this.prefetched;
    this.prefetched = undefined;
    if (ahead && ahead.after === after && ahead.limit === limit)
      return ahead.page;
    return this.runner.readPage(this.consumer, after, limit);
  }

  private prefetch(after: bigint, limit: number): void {
    const page = this.runner.readPage(this.consumer, after, limit);
    page.catch(() => undefined);
    this.prefetched = { after, limit, page };
  }

  /** Waits `ms`; a nudge (a reader waiting for a position) cuts a poll short, never a retry's backoff. */
  private async pause(ms: number, nudgeable = true): Promise<void> {
    if ((nudgeable && this.nudged) || this.stopping) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      this.wakeForStop = wake;
      if (nudgeable) this.wake = wake;
    });
    this.wake = undefined;
    this.wakeForStop = undefined;
  }
}

async function readCheckpoint(
  em: EntityManager,
  dataSource: DataSource,
  projector: string,
): Promise<bigint> {
  const metadata = dataSource.getMetadata(ProjectionCheckpointEntity);
  const table = metadata.schema
    ? `"${metadata.schema}"."${metadata.tableName}"`
    : `"${metadata.tableName}"`;
  const postgres = dialectOf(dataSource) === 'postgres';
  const rows = await em.query<{ position: string }[]>(
    `SELECT position FROM ${table} WHERE projector = ${postgres ? '$1 FOR UPDATE' : '?'}`,
    [projector],
  );
  return rows.length > 0 ? BigInt(rows[0].position) : 0n;
}

async function writeCheckpoint(
  em: EntityManager,
  dataSource: DataSource,
  projector: string,
  position: bigint,
  failure: { failingAt?: bigint; error: string } | null,
): Promise<void> {
  await projectionTransaction(dataSource, em)
    .table(ProjectionCheckpointEntity)
    .upsert([
      {
        projector,
        position: position.toString(),
        updatedAt: new Date().toISOString(),
        failingAt: failure?.failingAt?.toString() ?? null,
        error: failure ? failure.error.slice(0, 2000) : null,
      },
    ]);
}
