import type { EventStore, StoredEvent } from '@app/event-store';
import {
  CHECKPOINT_EVENT_TYPE,
  CHECKPOINT_STREAM,
  type SignedCheckpoint,
} from '../domain/signed-checkpoint.js';

const PAGE = 500;

function toCheckpoint(event: StoredEvent): SignedCheckpoint | undefined {
  if (event.type !== CHECKPOINT_EVENT_TYPE) return undefined;
  const { position, hash, at, signature, keyId } =
    event.data as Partial<SignedCheckpoint>;
  if (
    typeof position !== 'string' ||
    typeof hash !== 'string' ||
    typeof at !== 'string' ||
    typeof signature !== 'string'
  )
    return undefined;
  return { position, hash, at, signature, keyId: String(keyId ?? '') };
}

/** Signed checkpoints as the log keeps them: events of the `audit-checkpoints` stream. */
export class CheckpointLog {
  constructor(private readonly store: EventStore) {}

  /** Every checkpoint, oldest first, with the global position of the event that records it. */
  async *all(): AsyncGenerator<
    SignedCheckpoint & { recordedAtPosition: bigint }
  > {
    for (let from = 0n; ;) {
      const page = await this.store.readStream(CHECKPOINT_STREAM, {
        from,
        maxCount: PAGE,
      });
      for (const event of page) {
        const checkpoint = toCheckpoint(event);
        if (checkpoint)
          yield { ...checkpoint, recordedAtPosition: event.globalPosition };
      }
      if (page.length < PAGE) return;
      from = page[page.length - 1].streamPosition + 1n;
    }
  }

  /** The newest checkpoint recorded at or before global position `upTo` (all when undefined). */
  async latest(
    upTo?: bigint,
  ): Promise<(SignedCheckpoint & { recordedAtPosition: bigint }) | undefined> {
    for (let from: bigint | undefined; ;) {
      const page = await this.store.readStream(CHECKPOINT_STREAM, {
        direction: 'backwards',
        maxCount: PAGE,
        ...(from === undefined ? {} : { from }),
      });
      for (const event of page) {
        const checkpoint = toCheckpoint(event);
        if (checkpoint && (upTo === undefined || event.globalPosition <= upTo))
          return { ...checkpoint, recordedAtPosition: event.globalPosition };
      }
      if (page.length < PAGE || page[page.length - 1].streamPosition === 0n)
        return undefined;
      from = page[page.length - 1].streamPosition - 1n;
    }
  }
}
