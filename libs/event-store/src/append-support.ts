import { randomUUID } from 'node:crypto';
import type { Clock } from '@app/shared-kernel';
import { StreamVersionConflictError } from './event-store.errors.js';
import type {
  EventFilter,
  EventMetadata,
  ExpectedVersion,
  NewEvent,
  StoredEvent,
} from './event-store.port.js';
import { canonicalJson } from './hash-chain.js';

/** An event with every default filled in, ready to be positioned and hashed. */
export interface PreparedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/**
 * Fills the envelope defaults shared by every adapter. Data goes through canonical JSON once so that
 * what is hashed is exactly what a read gives back (no undefined fields, Dates as strings).
 * Repeated eventIds within one call are dropped: the first one wins, as a retry would.
 */
export function prepareEvents(events: NewEvent[], clock: Clock): PreparedEvent[] {
  const recordedAt = clock.now().toISOString();
  // One command, one correlation: events of a call share the generated id.
  const defaultCorrelationId = randomUUID();
  const seen = new Set<string>();
  const prepared: PreparedEvent[] = [];
  for (const event of events) {
    const eventId = event.eventId ?? randomUUID();
    if (seen.has(eventId)) continue;
    seen.add(eventId);
    prepared.push({
      eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: JSON.parse(canonicalJson(event.data)) as Record<string, unknown>,
      metadata: {
        actor: event.metadata.actor,
        correlationId: event.metadata.correlationId ?? defaultCorrelationId,
        causationId: event.metadata.causationId ?? null,
        recordedAt,
        effectiveAt: event.metadata.effectiveAt ?? recordedAt,
      },
    });
  }
  return prepared;
}

/** Throws when `actual` (-1n for no stream) does not satisfy `expected`. */
export function assertExpectedVersion(
  streamName: string,
  expected: ExpectedVersion,
  actual: bigint,
): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === -1n) ||
    (expected === 'stream_exists' && actual !== -1n) ||
    (typeof expected === 'bigint' && actual === expected);
  if (!ok) throw new StreamVersionConflictError(streamName, expected, actual);
}

export function matchesFilter(event: Pick<StoredEvent, 'type' | 'streamName'>, filter?: EventFilter): boolean {
  if (!filter) return true;
  if (filter.types && !filter.types.includes(event.type)) return false;
  if (filter.streamPrefix !== undefined && !event.streamName.startsWith(filter.streamPrefix)) return false;
  return true;
}
