import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type Filter,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import type { Clock } from '@app/shared-kernel';
import {
  assertExpectedVersion,
  assertSameEvent,
  envelopeTemplate,
  matchesFilter,
  prepareAppends,
  prepareEvents,
  templateHash,
  type PreparedEvent,
} from '../append-support.js';
import { StreamVersionConflictError } from '../event-store.errors.js';
import type {
  AppendOptions,
  AppendResult,
  ChainVerification,
  EventFilter,
  EventHandler,
  EventMetadata,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from '../event-store.port.js';
import { ChainVerifier, GENESIS_HASH } from '../hash-chain.js';
import { isInsideHandlerOf, runHandler } from '../polling-subscription.js';

export interface KurrentDbEventStoreOptions {
  /** e.g. `kurrentdb://127.0.0.1:2113?tls=false` */
  connectionString: string;
  clock: Clock;
  /**
   * How many of a stream's latest events are searched for a caller-supplied eventId before appending.
   * Ids the store generates are fresh and never searched.
   */
  idempotencyWindow?: number;
}

/**
 * The hashed envelope's globalPosition. KurrentDB assigns the $all commit position while writing, so
 * it cannot be part of a hash computed before the write; the chain still fixes the global order
 * because every event hashes its predecessor's hash. verifyChain and offline verification of a
 * KurrentDB export must hash with this value in place of the position.
 */
export const KURRENTDB_HASHED_POSITION = 0n;

/**
 * What this adapter keeps in KurrentDB event metadata; `$correlationId`/`$causationId` feed KurrentDB's
 * own projections. Values are strings only: the multi-stream append of KurrentDB 25.1 carries
 * metadata as string properties (schemaVersion is read back with Number()).
 */
interface StoredMetadata extends Omit<EventMetadata, 'causationId'> {
  causationId?: string;
  schemaVersion: string;
  prevHash: string;
  hash: string;
  $correlationId: string;
  $causationId?: string;
}

/**
 * The chain-head marker stream (docs/decisions/0160): every append writes, in the same atomic
 * multi-stream append, one marker here expecting the marker revision it hashed against. Two writers
 * (processes or store instances) that read the same head cannot both commit: the loser re-reads the
 * head and hashes again, so the chain never forks.
 */
export const CHAIN_HEAD_STREAM = 'event-store-chain-head';
const CHAIN_HEAD_TYPE = 'ChainHeadMoved';

/** Appends that lost the race for the chain head (another writer extended it) are re-hashed and retried. */
const MAX_APPEND_ATTEMPTS = 20;
const MAX_SUBSCRIPTION_FAILURES = 10;

/**
 * The production event store on KurrentDB (`@kurrent/kurrentdb-client`).
 *
 * globalPosition is the event's $all commit position (KurrentDB writes each event of an append with
 * its own commit position, so positions are unique and increasing, but not 1, 2, 3…).
 *
 * Hash chain: each event's metadata carries prevHash and hash; prevHash is the hash the chain-head
 * marker stream holds, and the append writes the events and the next marker in one atomic
 * multi-stream append expecting the marker's revision (KurrentDB 25.1+). Any number of writing
 * processes therefore extend one linear chain (docs/decisions/0160).
 *
 * eventIds: KurrentDB deduplicates ids per stream only. A repeated id is checked against the
 * stream's latest `idempotencyWindow` events (same type and payload, or EventIdConflictError); the
 * same id in another stream is not detected on this backend (docs/decisions/0160).
 */
export class KurrentDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private readonly subscriptions = new Set<KurrentSubscription>();

  // Appends of this instance one at a time (they would only race each other for the chain head).
  private appendQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: KurrentDbEventStoreOptions) {
    this.client = KurrentDBClient.connectionString(options.connectionString);
  }

  appendToStream(
    streamName: string,
    events: NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const prepared = prepareEvents(streamName, events, this.options.clock);
    const work = () =>
      this.appendSerialised(
        streamName,
        prepared,
        options.expectedVersion ?? 'any',
      );
    const next = this.appendQueue.then(work, work);
    this.appendQueue = next.catch(() => undefined);
    return next;
  }

  /**
   * NOT atomic on this backend (docs/decisions/0172): the appends are checked and prepared together,
   * then made one after the other, in order, each exactly as appendToStream makes it. A refused append
   * throws and leaves the appends before it stored; a caller that retries with the same eventIds
   * appends nothing twice.
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    const prepared = prepareAppends(appends, this.options.clock);
    const work = async (): Promise<AppendResult[]> => {
      const results: AppendResult[] = [];
      for (const a of prepared)
        results.push(
          await this.appendSerialised(a.streamName, a.prepared, a.expected),
        );
      return results;
    };
    const next = this.appendQueue.then(work, work);
    this.appendQueue = next.catch(() => undefined);
    return next;
  }

  private async appendSerialised(
    streamName: string,
    prepared: PreparedEvent[],
    expected: NonNullable<AppendOptions['expectedVersion']>,
  ): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const head = await this.scanStream(
        streamName,
        new Set(prepared.filter((e) => e.idSupplied).map((e) => e.eventId)),
      );
      for (const event of prepared) {
        const found = head.found.get(event.eventId);
        if (found) assertSameEvent(streamName, event, found);
      }
      const fresh = prepared.filter((e) => !head.found.has(e.eventId));
      if (prepared.length > 0 && fresh.length === 0) {
        const found = prepared.map((e) => head.found.get(e.eventId)!);
        return {
          streamName,
          nextExpectedVersion: found
            .map((f) => f.streamPosition)
            .reduce((a, b) => (a > b ? a : b)),
          lastGlobalPosition: found[found.length - 1].globalPosition,
          appendedCount: 0,
        };
      }
      assertExpectedVersion(streamName, expected, head.version);
      if (fresh.length === 0) {
        return {
          streamName,
          nextExpectedVersion: head.version,
          lastGlobalPosition: head.lastGlobalPosition,
          appendedCount: 0,
        };
      }

      const chainHead = await this.chainHead();
      let prevHash = chainHead.hash;
      let streamPosition = head.version;
      const data = fresh.map((event) => {
        streamPosition++;
        const hash = templateHash(
          prevHash,
          envelopeTemplate(streamName, event),
          event.dataJson,
          KURRENTDB_HASHED_POSITION,
          streamPosition,
        );
        const metadata: StoredMetadata = {
          actor: event.metadata.actor,
          correlationId: event.metadata.correlationId,
          ...(event.metadata.causationId
            ? { causationId: event.metadata.causationId }
            : {}),
          recordedAt: event.metadata.recordedAt,
          effectiveAt: event.metadata.effectiveAt,
          schemaVersion: String(event.schemaVersion),
          prevHash,
          hash,
          $correlationId: event.metadata.correlationId,
          ...(event.metadata.causationId
            ? { $causationId: event.metadata.causationId }
            : {}),
        };
        prevHash = hash;
        return jsonEvent({
          id: event.eventId,
          type: event.type,
          data: JSON.parse(event.dataJson) as Record<string, unknown>,
          metadata: { ...metadata },
        });
      });
      const marker = jsonEvent({
        type: CHAIN_HEAD_TYPE,
        data: { hash: prevHash },
        metadata: { chainHead: prevHash },
      });

      try {
        // The exact revisions we hashed against, whatever the caller's mode: positions and the
        // predecessor in the hash must be right. One atomic write: both streams or neither.
        await this.client.multiStreamAppend([
          {
            streamName,
            events: data,
            expectedState: head.version === -1n ? NO_STREAM : head.version,
          },
          {
            streamName: CHAIN_HEAD_STREAM,
            events: [marker],
            expectedState:
              chainHead.revision === -1n ? NO_STREAM : chainHead.revision,
          },
        ]);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (error.streamName === CHAIN_HEAD_STREAM) {
          // Another writer extended the chain first: hash against the new head.
          if (attempt < MAX_APPEND_ATTEMPTS) continue;
          throw error;
        }
        // Another writer appended to this stream: a mode that may still hold is retried, the others conflict.
        const actual =
          error.actualState === NO_STREAM ? -1n : BigInt(error.actualState);
        if (
          (expected === 'any' || expected === 'stream_exists') &&
          attempt < MAX_APPEND_ATTEMPTS
        )
          continue;
        throw new StreamVersionConflictError(streamName, expected, actual);
      }

      // AppendResult.position is not documented as the last event's; read that event back instead.
      const [last] = await this.collect(
        this.client.readStream(streamName, {
          fromRevision: streamPosition,
          direction: FORWARDS,
          maxCount: 1,
        }),
        1,
      );
      return {
        streamName,
        nextExpectedVersion: streamPosition,
        lastGlobalPosition: last?.globalPosition ?? 0n,
        appendedCount: fresh.length,
      };
    }
  }

  /**
   * The chain head: the last marker's hash and revision. A log written before the marker existed
   * has none yet: its head is the last event of $all, and the first marker expects no stream.
   */
  private async chainHead(): Promise<{ hash: string; revision: bigint }> {
    try {
      for await (const resolved of this.client.readStream(CHAIN_HEAD_STREAM, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      })) {
        const event = resolved.event;
        if (event?.isJson)
          return {
            hash: (event.data as { hash: string }).hash,
            revision: BigInt(event.revision),
          };
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return { hash: await this.lastHash(), revision: -1n };
  }

  /** The stream's version, its last global position, and where any of `ids` already are. */
  private async scanStream(streamName: string, ids: Set<string>) {
    const found = new Map<string, StoredEvent>();
    let version = -1n;
    let lastGlobalPosition = 0n;
    const window = this.options.idempotencyWindow ?? 10_000;
    try {
      for await (const resolved of this.client.readStream(streamName, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: window,
      })) {
        const event = toStoredEvent(resolved);
        if (!event) continue;
        if (version === -1n) {
          version = event.streamPosition;
          lastGlobalPosition = event.globalPosition;
        }
        if (ids.has(event.eventId)) found.set(event.eventId, event);
        if (found.size === ids.size) break;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return { version, lastGlobalPosition, found };
  }

  /** Hash of the last event of this log in $all (skipping system and foreign events), or the genesis hash. */
  private async lastHash(): Promise<string> {
    for await (const resolved of this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      filter: excludeSystemEvents(),
      maxCount: 100,
    })) {
      const event = toStoredEvent(resolved);
      if (event) return event.hash;
    }
    return GENESIS_HASH;
  }

  async readStream(
    streamName: string,
    options: ReadStreamOptions = {},
  ): Promise<StoredEvent[]> {
    const backwards = options.direction === 'backwards';
    try {
      return await this.collect(
        this.client.readStream(streamName, {
          direction: backwards ? BACKWARDS : FORWARDS,
          fromRevision: options.from ?? (backwards ? END : START),
          ...(options.maxCount !== undefined
            ? { maxCount: options.maxCount }
            : {}),
        }),
      );
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? 0n;
    const events: StoredEvent[] = [];
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    if (limit <= 0) return events;
    for await (const resolved of this.client.readAll({
      direction: FORWARDS,
      // Reading $all from a position includes the event there: it is skipped below (exclusive).
      fromPosition: after === 0n ? START : toKurrentPosition(after),
      filter: serverFilter(options),
    })) {
      const event = toStoredEvent(resolved);
      if (
        !event ||
        event.globalPosition <= after ||
        !matchesFilter(event, options)
      )
        continue;
      events.push(event);
      if (events.length >= limit) break;
    }
    return events;
  }

  subscribe(options: SubscribeOptions, handler: EventHandler): Subscription {
    const subscription = new KurrentSubscription(
      this.client,
      options,
      handler,
      (s) => this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async streamExists(streamName: string): Promise<boolean> {
    return (
      (
        await this.readStream(streamName, {
          direction: 'backwards',
          maxCount: 1,
        })
      ).length > 0
    );
  }

  async headPosition(): Promise<bigint> {
    return (await this.lastEvent())?.globalPosition ?? 0n;
  }

  async lastEvent(): Promise<StoredEvent | undefined> {
    for await (const resolved of this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      filter: excludeSystemEvents(),
      maxCount: 100,
    })) {
      const event = toStoredEvent(resolved);
      if (event) return event;
    }
    return undefined;
  }

  async verifyChain(): Promise<ChainVerification> {
    const verifier = new ChainVerifier();
    for await (const resolved of this.client.readAll({
      direction: FORWARDS,
      fromPosition: START,
      filter: excludeSystemEvents(),
    })) {
      const event = toStoredEvent(resolved);
      if (!event) continue;
      const reason = verifier.check({
        ...event,
        globalPosition: KURRENTDB_HASHED_POSITION,
      });
      if (reason)
        return {
          ok: false,
          checked: verifier.checked,
          firstBrokenPosition: event.globalPosition,
          reason,
        };
    }
    return { ok: true, checked: verifier.checked };
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  private async collect(
    source: AsyncIterable<ResolvedEvent | AllStreamResolvedEvent>,
    limit = Number.POSITIVE_INFINITY,
  ): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for await (const resolved of source) {
      const event = toStoredEvent(resolved);
      if (event) events.push(event);
      if (events.length >= limit) break;
    }
    return events;
  }
}

/** Catch-up subscription to $all that resumes after its last delivered event when the call drops. */
class KurrentSubscription implements Subscription {
  readonly done: Promise<void>;
  private stopped = false;
  private current?: AllStreamSubscription;
  private wakeFromBackoff?: () => void;

  constructor(
    private readonly client: KurrentDBClient,
    private readonly options: SubscribeOptions,
    private readonly handler: EventHandler,
    onEnd: (subscription: KurrentSubscription) => void,
  ) {
    this.done = this.run(options.after ?? 0n).finally(() => onEnd(this));
    this.done.catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeFromBackoff?.();
    await this.current?.unsubscribe().catch(() => undefined);
    if (isInsideHandlerOf(this)) return;
    await this.done.catch(() => undefined);
  }

  private async run(fromCheckpoint: bigint): Promise<void> {
    let checkpoint = fromCheckpoint;
    let failures = 0;
    while (!this.stopped) {
      const subscription = this.client.subscribeToAll({
        // Exclusive: delivery starts after this position.
        fromPosition: checkpoint === 0n ? START : toKurrentPosition(checkpoint),
        filter: serverFilter(this.options),
      });
      this.current = subscription;
      try {
        for await (const resolved of subscription) {
          if (this.stopped) break;
          const event = toStoredEvent(resolved);
          if (
            !event ||
            event.globalPosition <= checkpoint ||
            !matchesFilter(event, this.options)
          )
            continue;
          try {
            await runHandler(this, this.handler, event);
          } catch (error) {
            throw new HandlerFailed(error);
          }
          checkpoint = event.globalPosition;
          failures = 0;
        }
      } catch (error) {
        if (error instanceof HandlerFailed) throw error.cause;
        if (this.stopped) return;
        if (++failures > MAX_SUBSCRIPTION_FAILURES) throw error;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(
            resolve,
            Math.min(100 * 2 ** failures, 5000),
          );
          this.wakeFromBackoff = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      } finally {
        await subscription.unsubscribe().catch(() => undefined);
      }
    }
  }
}

class HandlerFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('subscription handler failed');
  }
}

function serverFilter(filter?: EventFilter): Filter {
  if (filter?.streamPrefix)
    return streamNameFilter({ prefixes: [filter.streamPrefix] });
  if (filter?.types) {
    const escaped = filter.types.map((t) =>
      t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    );
    return eventTypeFilter({ regex: `^(?:${escaped.join('|')})$` });
  }
  return excludeSystemEvents();
}

// Room for the prepare's offset from its commit: an append is far smaller than 16 MiB (KurrentDB's
// MaxAppendSize defaults to 1 MiB), and a log below 2^53 bytes keeps positions within 24 digits.
const OFFSET_BITS = 24n;
const OFFSET_LIMIT = 1n << OFFSET_BITS;

/**
 * A KurrentDB $all position is a pair of byte offsets in the transaction log: the commit (the
 * transaction's position, shared by every event of one append) and the event's own prepare position.
 * The commit alone is not unique, and neither number supports `+1`. The adapter folds the pair into one
 * bigint, `commit · 2^24 + (prepare − commit)`: unique, ordered as $all is (by commit, then prepare),
 * and turned back into the exact pair to resume after it (docs/decisions/0100-opaque-exclusive-positions.md).
 */
export function fromKurrentPosition(position: {
  commit: bigint;
  prepare: bigint;
}): bigint {
  const commit = BigInt(position.commit);
  const offset = BigInt(position.prepare) - commit;
  if (commit < 0n || offset < 0n || offset >= OFFSET_LIMIT) {
    throw new Error(
      `KurrentDB position ${position.commit}/${position.prepare} cannot be mapped (prepare before commit, or more than 2^24 bytes after it)`,
    );
  }
  return (commit << OFFSET_BITS) + offset;
}

export function toKurrentPosition(position: bigint): {
  commit: bigint;
  prepare: bigint;
} {
  const commit = position >> OFFSET_BITS;
  return { commit, prepare: commit + (position & (OFFSET_LIMIT - 1n)) };
}

/** Maps a KurrentDB event written by this adapter; undefined for system, link and foreign events. */
function toStoredEvent(
  resolved: ResolvedEvent | AllStreamResolvedEvent,
): StoredEvent | undefined {
  const event = resolved.event;
  if (
    !event ||
    !event.isJson ||
    event.streamId.startsWith('$') ||
    event.type.startsWith('$')
  )
    return undefined;
  if (event.streamId === CHAIN_HEAD_STREAM) return undefined;
  const metadata = event.metadata as Partial<StoredMetadata> | undefined;
  if (
    !metadata ||
    typeof metadata.hash !== 'string' ||
    typeof metadata.prevHash !== 'string'
  )
    return undefined;
  if (!event.position)
    throw new Error(
      'KurrentDB did not return event positions (server older than 22.6?)',
    );
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: Number(metadata.schemaVersion),
    data: event.data as Record<string, unknown>,
    metadata: {
      actor: metadata.actor!,
      correlationId: metadata.correlationId!,
      causationId: metadata.causationId || null,
      recordedAt: metadata.recordedAt!,
      effectiveAt: metadata.effectiveAt!,
    },
    streamName: event.streamId,
    streamPosition: BigInt(event.revision),
    globalPosition: fromKurrentPosition(event.position),
    prevHash: metadata.prevHash,
    hash: metadata.hash,
  };
}
