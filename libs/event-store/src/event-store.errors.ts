import { DomainError } from '@app/shared-kernel';
import type { ExpectedVersion } from './event-store.port.js';

/** The stream is not at the version the caller expected (optimistic concurrency). */
export class StreamVersionConflictError extends DomainError {
  readonly code = 'STREAM_VERSION_CONFLICT';
  readonly kind = 'stale' as const;

  constructor(
    readonly streamName: string,
    readonly expected: ExpectedVersion,
    /** The stream's actual version; -1n when it does not exist. */
    readonly actual: bigint,
  ) {
    super(
      `Stream ${streamName} is at version ${actual === -1n ? 'none (no stream)' : actual.toString()}, ` +
        `expected ${typeof expected === 'bigint' ? expected.toString() : expected}`,
    );
  }
}

/**
 * An eventId that is already in the log names a different event (another stream, type, schema
 * version or payload). A retry repeats the same event; this is not a retry, and nothing is appended.
 */
export class EventIdConflictError extends DomainError {
  readonly code = 'EVENT_ID_CONFLICT';
  readonly kind = 'conflict' as const;

  constructor(
    readonly eventId: string,
    /** What differs: 'streamName', 'type', 'schemaVersion' or 'data'. */
    readonly differs: string,
  ) {
    super(
      `Event ${eventId} is already stored with a different ${differs}; nothing was appended`,
      [
        {
          path: '/eventId',
          message: `already names another event (different ${differs})`,
        },
      ],
    );
  }
}

/** One append names the same eventId twice: refused whole rather than guessing which one was meant. */
export class DuplicateEventIdError extends DomainError {
  readonly code = 'DUPLICATE_EVENT_ID';
  readonly kind = 'invalid' as const;

  constructor(
    readonly eventId: string,
    index: number,
  ) {
    super(
      `Event ${eventId} appears more than once in one append; nothing was appended`,
      [
        {
          path: `/events/${index}/eventId`,
          message: 'repeats an earlier eventId of the same append',
        },
      ],
    );
  }
}

/**
 * Text that not every backend can store: U+0000 (PostgreSQL text and jsonb refuse it) and lone UTF-16
 * surrogates (not Unicode scalar values, so not UTF-8). Refused by every adapter alike, so the same
 * input never succeeds on SQLite and fails on PostgreSQL (docs/decisions/0162).
 */
export class UnstorableTextError extends DomainError {
  readonly code = 'UNSTORABLE_TEXT';
  readonly kind = 'invalid' as const;

  constructor(details: { path: string; message: string }[]) {
    super(
      `Text the event store cannot store (U+0000 or a lone surrogate) at ${details.map((d) => d.path).join(', ')}; nothing was appended`,
      details,
    );
  }
}
