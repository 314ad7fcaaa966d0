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
