import { createHash } from 'node:crypto';

/**
 * What every command carries and answers, whichever store keeps its events: a command class needs
 * these types, not the event store, so only the code that stores or reads events imports @app/event-store.
 */

/** Who asks, why, and under which concurrency expectation: carried by every command. */
export interface CommandMetadata {
  actor: string;
  correlationId: string;
  causationId?: string | null;
  /** When the fact happened (ISO instant); the store's clock when absent. */
  effectiveAt?: string;
  /** From `If-Match`: the stream version the caller last saw. */
  expectedVersion?: bigint;
  /**
   * Makes the event ids deterministic (derived from this seed and the event's index), so a command
   * replayed with the same seed can never append twice — used by the feed and the demo loader.
   */
  eventIdSeed?: string;
}

/** The answer to every command (docs/http-api.md). */
export interface CommandResult {
  streamName: string;
  streamPosition: number;
  globalPosition: number;
}

/**
 * A UUID (version 5 layout) from SHA-1 of its parts: the same parts always give the same id, so an
 * append retried with the same parts is recognised by the store's idempotent append.
 */
export function deterministicEventId(
  ...parts: (string | number | bigint)[]
): string {
  const bytes = createHash('sha1')
    .update(EVENT_ID_NAMESPACE)
    .update('\u0000')
    .update(parts.map(String).join('\u0000'))
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const EVENT_ID_NAMESPACE = 'whole-staff-safety/events';
