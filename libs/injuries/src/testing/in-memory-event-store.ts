import { randomUUID } from 'node:crypto';
import {
  GENESIS_HASH,
  StreamVersionConflictError,
  chainHash,
  type AppendOptions,
  type AppendResult,
  type ChainVerification,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type Subscription,
} from '@app/event-store';

/**
 * Just enough of the EventStore port for handler unit tests: optimistic concurrency and idempotent
 * append by eventId. Subscriptions and chain verification fail loudly (conventions §14).
 */
export class InMemoryEventStore implements EventStore {
  readonly events: StoredEvent[] = [];
  appendCalls = 0;

  constructor(private readonly now: () => Date = () => new Date('2024-09-01T00:00:00Z')) {}

  async appendToStream(streamName: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    this.appendCalls++;
    const stream = this.events.filter((e) => e.streamName === streamName);
    const version = stream.length === 0 ? -1n : stream[stream.length - 1].streamPosition;
    const fresh = events.filter((e) => !e.eventId || !stream.some((s) => s.eventId === e.eventId));
    if (fresh.length === 0) {
      const last = stream.find((s) => s.eventId === events[events.length - 1]?.eventId);
      return { streamName, nextExpectedVersion: version, lastGlobalPosition: last?.globalPosition ?? 0n, appendedCount: 0 };
    }
    const expected = options.expectedVersion ?? 'any';
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && version === -1n) ||
      (expected === 'stream_exists' && version >= 0n) ||
      (typeof expected === 'bigint' && expected === version);
    if (!ok) throw new StreamVersionConflictError(streamName, expected, version);
    let position = version;
    for (const e of fresh) {
      position++;
      const recordedAt = this.now().toISOString();
      const prev = this.events.length === 0 ? GENESIS_HASH : this.events[this.events.length - 1].hash;
      const stored: Omit<StoredEvent, 'prevHash' | 'hash'> = {
        eventId: e.eventId ?? randomUUID(),
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        metadata: {
          actor: e.metadata.actor,
          correlationId: e.metadata.correlationId ?? randomUUID(),
          causationId: e.metadata.causationId ?? null,
          recordedAt,
          effectiveAt: e.metadata.effectiveAt ?? recordedAt,
        },
        streamName,
        streamPosition: position,
        globalPosition: BigInt(this.events.length + 1),
      };
      this.events.push({ ...stored, prevHash: prev, hash: chainHash(prev, stored) });
    }
    return {
      streamName,
      nextExpectedVersion: position,
      lastGlobalPosition: BigInt(this.events.length),
      appendedCount: fresh.length,
    };
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    let stream = this.events.filter((e) => e.streamName === streamName);
    if (options.direction === 'backwards') stream = stream.reverse();
    if (options.from !== undefined) {
      stream = stream.filter((e) => (options.direction === 'backwards' ? e.streamPosition <= options.from! : e.streamPosition >= options.from!));
    }
    return options.maxCount ? stream.slice(0, options.maxCount) : stream;
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.events.filter(
      (e) =>
        e.globalPosition >= (options.fromPosition ?? 1n) &&
        (!options.filter?.types || options.filter.types.includes(e.type)) &&
        (!options.filter?.streamPrefix || e.streamName.startsWith(options.filter.streamPrefix)),
    );
  }

  async streamExists(streamName: string): Promise<boolean> {
    return this.events.some((e) => e.streamName === streamName);
  }

  async headPosition(): Promise<bigint> {
    return BigInt(this.events.length);
  }

  subscribe(): Subscription {
    throw new Error('InMemoryEventStore.subscribe is not expected in unit tests');
  }

  verifyChain(): Promise<ChainVerification> {
    throw new Error('InMemoryEventStore.verifyChain is not expected in unit tests');
  }

  async close(): Promise<void> {}

  /** Events of a stream as {type, data}, for assertions. */
  streamOf(streamName: string): { type: string; data: unknown }[] {
    return this.events.filter((e) => e.streamName === streamName).map((e) => ({ type: e.type, data: e.data }));
  }
}
