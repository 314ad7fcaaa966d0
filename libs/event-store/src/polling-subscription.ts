import { AsyncLocalStorage } from 'node:async_hooks';
import type {
  EventHandler,
  StoredEvent,
  Subscription,
} from './event-store.port.js';

/**
 * A wake-up signal with a generation counter: a waiter that read the generation before its last
 * query returns at once if anything was appended since, so no notification is lost between
 * "the page was empty" and "start waiting".
 */
export class Wakeup {
  private generationValue = 0;
  private readonly waiters = new Set<() => void>();

  get generation(): number {
    return this.generationValue;
  }

  notify(): void {
    this.generationValue++;
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves on notify, after `timeoutMs`, or at once if the generation moved past `seen`. */
  wait(seen: number, timeoutMs: number): Promise<void> {
    if (this.generationValue !== seen) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }
}

export interface PollingSource {
  /** Events after `checkpoint` (exclusive), in global order, at most `limit`. */
  readPage(checkpoint: bigint, limit: number): Promise<StoredEvent[]>;
  /** Called before each wait; lets an adapter (re)establish a push channel such as LISTEN. */
  beforeWait?(): Promise<void>;
  wakeup: Wakeup;
  pollIntervalMs: number;
  pageSize?: number;
}

// Marks code running inside a handler, so that stop() called from the handler does not wait for itself.
const insideHandler = new AsyncLocalStorage<Subscription>();

/** Runs a subscription's handler so that `isInsideHandlerOf(subscription)` holds within it. */
export function runHandler(
  subscription: Subscription,
  handler: EventHandler,
  event: StoredEvent,
): Promise<void> {
  return insideHandler.run(subscription, async () => {
    await handler(event);
  });
}

export function isInsideHandlerOf(subscription: Subscription): boolean {
  return insideHandler.getStore() === subscription;
}

/** Catch-up in pages, then live: wait for a wake-up or the poll interval and read again. */
export class PollingSubscription implements Subscription {
  readonly done: Promise<void>;
  private stopped = false;

  constructor(
    private readonly source: PollingSource,
    fromCheckpoint: bigint,
    private readonly handler: EventHandler,
    private readonly onEnd: (subscription: PollingSubscription) => void = () =>
      undefined,
  ) {
    this.done = this.run(fromCheckpoint).finally(() => this.onEnd(this));
    // Marked as handled here; whoever awaits `done` still sees the rejection.
    this.done.catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.source.wakeup.notify();
    if (isInsideHandlerOf(this)) return;
    await this.done.catch(() => undefined);
  }

  private async run(fromCheckpoint: bigint): Promise<void> {
    const pageSize = this.source.pageSize ?? 500;
    let checkpoint = fromCheckpoint;
    while (!this.stopped) {
      const generation = this.source.wakeup.generation;
      const page = await this.source.readPage(checkpoint, pageSize);
      for (const event of page) {
        if (this.stopped) return;
        if (event.globalPosition <= checkpoint) {
          throw new Error(
            `Subscription went backwards: ${event.globalPosition} after ${checkpoint}`,
          );
        }
        await runHandler(this, this.handler, event);
        checkpoint = event.globalPosition;
      }
      if (page.length < pageSize && !this.stopped) {
        await this.source.beforeWait?.();
        await this.source.wakeup.wait(generation, this.source.pollIntervalMs);
      }
    }
  }
}
