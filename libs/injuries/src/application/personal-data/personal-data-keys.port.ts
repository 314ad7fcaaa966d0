/**
 * The key table (docs/decisions/0230-personal-data-sealed-per-worker.md): one 256-bit data key per
 * subject (a workerRef, or a claim/quarantined record naming no worker), kept apart from the event
 * log. Erasing a subject destroys its key and leaves a tombstone, so no new key is ever made for it.
 */
export interface PersonalDataKeys {
  /** The keys of these subjects: a Buffer, `null` when erased; subjects never keyed are absent. */
  find(subjects: Iterable<string>): Promise<Map<string, Buffer | null>>;
  /**
   * The subjects' keys, made on first use — all of them in one write, durable before this resolves
   * (a feed batch pays one commit, not one per worker: docs/decisions/0171); `null` for an erased subject.
   */
  obtain(subjects: readonly string[]): Promise<Map<string, Buffer | null>>;
  /**
   * Destroys the key (idempotent); a subject never keyed gets a tombstone too, so data that arrives
   * later is not kept. `erasedAt` is the first erasure's instant.
   */
  erase(
    subject: string,
    at: string,
  ): Promise<{ erasedNow: boolean; erasedAt: string }>;
  close(): Promise<void>;
}

export const PERSONAL_DATA_KEYS = Symbol('injuries.PersonalDataKeys');
