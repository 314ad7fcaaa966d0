/**
 * The event store port (docs/architecture.md), shaped after Emmett's EventStore.
 *
 * Positions:
 * - `streamPosition` counts from 0n within a stream; a stream's version is its last position.
 * - `globalPosition` is OPAQUE: it orders the whole log (a later event has a greater position) and
 *   0n means "before the first event", but nothing outside an adapter does arithmetic on it. SQLite
 *   and PostgreSQL happen to number 1, 2, 3…; KurrentDB encodes its (commit, prepare) pair, where
 *   `+1` would land inside a record (docs/decisions/0100-opaque-exclusive-positions.md).
 * - Reading is always "after this checkpoint" (exclusive): `readAll({ after })`, `subscribe({ after })`,
 *   where `after` is a position an earlier read returned, or 0n / absent for the beginning.
 */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** Who did it, and why, as given by the caller. */
export interface EventMetadataInput {
  actor: string;
  correlationId?: string;
  causationId?: string | null;
  /** When the fact happened in the world (ISO instant); defaults to recordedAt. */
  effectiveAt?: string;
}

export interface EventMetadata {
  actor: string;
  correlationId: string;
  causationId: string | null;
  /** When the store recorded it (ISO instant), from the store's injected clock. */
  recordedAt: string;
  /** When the fact happened in the world (ISO instant). */
  effectiveAt: string;
}

export interface NewEvent<Data = Record<string, unknown>> {
  /** Supply it to make a retry idempotent; generated when absent. */
  eventId?: string;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadataInput;
}

export interface StoredEvent<Data = Record<string, unknown>> {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  streamName: string;
  streamPosition: bigint;
  globalPosition: bigint;
  /** Hash of the previous event in global order (64 zeros for the first). */
  prevHash: string;
  /** SHA-256(prevHash ‖ canonical JSON of the envelope), hex. */
  hash: string;
}

export interface AppendOptions {
  expectedVersion?: ExpectedVersion;
}

/** One stream's part of a multi-stream append (`appendToStreams`). */
export interface StreamAppend {
  streamName: string;
  events: NewEvent[];
  options?: AppendOptions;
}

export interface AppendResult {
  streamName: string;
  /** The stream's version after the append (its last stream position). */
  nextExpectedVersion: bigint;
  /** Global position of the last event of this call (stored now or earlier, for idempotent repeats). */
  lastGlobalPosition: bigint;
  /** How many events this call actually stored (0 for an idempotent repeat). */
  appendedCount: number;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** First stream position to read (inclusive); defaults to 0n forwards, the end backwards. */
  from?: bigint;
  maxCount?: number;
  direction?: ReadDirection;
}

export interface EventFilter {
  /** Only these event types. */
  types?: readonly string[];
  /** Only streams whose name starts with this. */
  streamPrefix?: string;
}

export interface ReadAllOptions extends EventFilter {
  /** Checkpoint: read the events after this position (exclusive); 0n or absent for the beginning. */
  after?: bigint;
  /** At most this many events; all when absent. */
  limit?: number;
}

export interface SubscribeOptions extends EventFilter {
  /** Checkpoint: deliver the events after this position (exclusive); 0n or absent for the beginning. */
  after?: bigint;
}

export type EventHandler = (event: StoredEvent) => Promise<void> | void;

export interface Subscription {
  /** Stops delivering; resolves once the handler in flight, if any, has finished. */
  stop(): Promise<void>;
  /** Rejects when the subscription dies (handler error or lost connection). */
  readonly done: Promise<void>;
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBrokenPosition?: bigint;
  reason?: string;
}

export interface EventStore {
  appendToStream(
    streamName: string,
    events: NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /**
   * Several appends in ONE transaction (one commit), in the order given — also their order in the log
   * and the hash chain. Each is exactly what appendToStream would store (its expected version checked,
   * a repeated eventId appended nothing twice), all recorded at the same instant; one result per append,
   * in order. All or none: if one is refused (a version conflict, an eventId conflict), nothing of any
   * is stored and that refusal is thrown. Several appends may name the same stream; each sees the
   * earlier ones. KurrentDB cannot make it atomic: there, the appends go one after the other
   * (docs/decisions/0172-multi-stream-append-on-the-port.md).
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  readStream(
    streamName: string,
    options?: ReadStreamOptions,
  ): Promise<StoredEvent[]>;
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  subscribe(options: SubscribeOptions, handler: EventHandler): Subscription;
  streamExists(streamName: string): Promise<boolean>;
  /**
   * Global position of the last stored event, 0n when the log is empty. Every event at or before it
   * is already readable (no event still in flight below it): a reader that has read everything up to
   * a head it asked for before reading may take that head as its checkpoint.
   */
  headPosition(): Promise<bigint>;
  /** The event at the head of the log (what `headPosition()` names), undefined when the log is empty. */
  lastEvent(): Promise<StoredEvent | undefined>;
  verifyChain(): Promise<ChainVerification>;
  close(): Promise<void>;
}

/** Nest injection token for the configured adapter. */
export const EVENT_STORE = Symbol('EventStore');
