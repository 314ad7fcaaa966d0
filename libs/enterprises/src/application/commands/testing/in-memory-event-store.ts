/**
 * A minimal in-memory EventStore for handler unit tests: appendToStream and readStream only, with
 * expected-version checks. Every other method fails loudly (conventions §14).
 */
import {
  StreamVersionConflictError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type ReadStreamOptions,
  type StoredEvent,
} from '@app/event-store';

export class InMemoryEventStore implements EventStore {
  readonly all: StoredEvent[] = [];
  private nextId = 1;

  constructor(private readonly recordedAt = '2024-09-12T01:00:00.000Z') {}

  async appendToStream(streamName: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const stream = this.all.filter((e) => e.streamName === streamName);
    const version = stream.length === 0 ? -1n : stream[stream.length - 1].streamPosition;
    const expected = options.expectedVersion ?? 'any';
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && version === -1n) ||
      (expected === 'stream_exists' && version >= 0n) ||
      (typeof expected === 'bigint' && expected === version);
    if (!ok) throw new StreamVersionConflictError(streamName, expected, version);
    let position = version;
    for (const event of events) {
      position += 1n;
      this.all.push({
        eventId: event.eventId ?? `event-${this.nextId}`,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: {
          actor: event.metadata.actor,
          correlationId: event.metadata.correlationId ?? 'corr',
          causationId: event.metadata.causationId ?? null,
          recordedAt: this.recordedAt,
          effectiveAt: event.metadata.effectiveAt ?? this.recordedAt,
        },
        streamName,
        streamPosition: position,
        globalPosition: BigInt(this.nextId++),
        prevHash: '0'.repeat(64),
        hash: '0'.repeat(64),
      });
    }
    return { streamName, nextExpectedVersion: position, lastGlobalPosition: BigInt(this.nextId - 1), appendedCount: events.length };
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    let events = this.all.filter((e) => e.streamName === streamName);
    if (options.direction === 'backwards') events = [...events].reverse();
    return options.maxCount === undefined ? events : events.slice(0, options.maxCount);
  }

  readAll(): never {
    throw new Error('InMemoryEventStore.readAll was not expected in this test');
  }
  subscribe(): never {
    throw new Error('InMemoryEventStore.subscribe was not expected in this test');
  }
  streamExists(): never {
    throw new Error('InMemoryEventStore.streamExists was not expected in this test');
  }
  headPosition(): never {
    throw new Error('InMemoryEventStore.headPosition was not expected in this test');
  }
  verifyChain(): never {
    throw new Error('InMemoryEventStore.verifyChain was not expected in this test');
  }
  close(): never {
    throw new Error('InMemoryEventStore.close was not expected in this test');
  }
}
