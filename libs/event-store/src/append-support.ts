import { createHash, randomUUID } from 'node:crypto';
import { NotCanonicalJsonError, type Clock } from '@app/shared-kernel';
import {
  DuplicateEventIdError,
  EventIdConflictError,
  StreamVersionConflictError,
  UnstorableTextError,
} from './event-store.errors.js';
import type {
  EventFilter,
  EventMetadata,
  ExpectedVersion,
  NewEvent,
  StoredEvent,
  StreamAppend,
} from './event-store.port.js';
import { canonicalJson, hashedEnvelope } from './hash-chain.js';

/** An event with every default filled in, ready to be positioned and hashed. */
export interface PreparedEvent {
  eventId: string;
  /** The caller named the id: only such an event can already be in the log (a retry). */
  idSupplied: boolean;
  type: string;
  schemaVersion: number;
  /** Shared by the events of one call whose metadata are the same (templates are cached by it). */
  metadata: EventMetadata;
  /** Canonical JSON of the data, computed once: what the adapters store and hash. */
  dataJson: string;
}

// U+0000, or a UTF-16 surrogate without its other half.
const UNSTORABLE =
  // eslint-disable-next-line no-control-regex -- U+0000 is what this pattern is for: PostgreSQL text cannot hold it
  /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/**
 * Where `value` holds text the event store refuses (JSON Pointer paths under `path`): for callers that
 * must explain the refusal in their own terms, e.g. a quarantined feed record.
 */
export function findUnstorableText(
  value: unknown,
  path = '',
): { path: string; message: string }[] {
  const bad: { path: string; message: string }[] = [];
  collectUnstorable(value, path, bad);
  return bad;
}

/** The text with every character the store refuses replaced by U+FFFD, for keeping a refused input. */
export function scrubUnstorableText(text: string): string {
  return UNSTORABLE.test(text) ? text.replace(UNSTORABLE_ALL, '\uFFFD') : text;
}

/**
 * Fills the envelope defaults shared by every adapter and refuses what no adapter may store.
 * Data goes through canonical JSON once so that what is hashed is exactly what a read gives back
 * (no undefined fields, Dates as strings). Refused, with nothing appended: an eventId repeated within
 * the call (DuplicateEventIdError), text PostgreSQL cannot store (UnstorableTextError) — on every
 * adapter alike, so SQLite never accepts what PostgreSQL would refuse (docs/decisions/0162).
 */
export function prepareEvents(
  streamName: string,
  events: NewEvent[],
  clock: Clock,
): PreparedEvent[] {
  const recordedAt = clock.now().toISOString();
  // One command, one correlation: events of a call share the generated id.
  let defaultCorrelationId: string | undefined;
  let previousMetadata: EventMetadata | undefined;
  const seen = events.length > 1 ? new Map<string, number>() : undefined;
  const bad: { path: string; message: string }[] = [];
  if (UNSTORABLE.test(streamName))
    bad.push({ path: '/streamName', message: UNSTORABLE_MESSAGE });
  const prepared: PreparedEvent[] = new Array<PreparedEvent>(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const eventId = event.eventId ?? randomUUID();
    if (seen) {
      if (seen.has(eventId)) throw new DuplicateEventIdError(eventId, i);
      seen.set(eventId, i);
    }
    let dataJson: string;
    try {
      dataJson = canonicalJson(event.data);
    } catch (error) {
      // Canonical JSON refuses a lone surrogate too; report it as the store's own refusal, with paths.
      if (error instanceof NotCanonicalJsonError) {
        const found = findUnstorableText(event.data, `/events/${i}/data`);
        if (found.length > 0) {
          bad.push(...found);
          continue;
        }
      }
      throw error;
    }
    // Cheap screen on the serialised text (JSON escapes U+0000 and lone surrogates); the walk that
    // names the paths runs only when it hits.
    if (
      dataJson.includes('\\u0000') ||
      dataJson.includes('\\ud') ||
      dataJson.includes('\u0000')
    ) {
      collectUnstorable(event.data, `/events/${i}/data`, bad);
    }
    const { actor, correlationId, causationId, effectiveAt } = event.metadata;
    const texts: [string, unknown][] = [
      ['eventId', event.eventId],
      ['type', event.type],
      ['metadata/actor', actor],
      ['metadata/correlationId', correlationId],
      ['metadata/causationId', causationId],
      ['metadata/effectiveAt', effectiveAt],
    ];
    for (const [path, text] of texts) {
      if (typeof text === 'string' && UNSTORABLE.test(text))
        bad.push({ path: `/events/${i}/${path}`, message: UNSTORABLE_MESSAGE });
    }
    const fields = {
      actor,
      correlationId: correlationId ?? (defaultCorrelationId ??= randomUUID()),
      causationId: causationId ?? null,
      recordedAt,
      effectiveAt: effectiveAt ?? recordedAt,
    };
    // The events of one call mostly carry the same metadata: one object for them lets the envelope
    // template and the metadata text be made once per call (envelopeTemplate, metadataJson).
    const metadata =
      previousMetadata !== undefined &&
      previousMetadata.actor === fields.actor &&
      previousMetadata.correlationId === fields.correlationId &&
      previousMetadata.causationId === fields.causationId &&
      previousMetadata.effectiveAt === fields.effectiveAt
        ? previousMetadata
        : (previousMetadata = fields);
    prepared[i] = {
      eventId,
      idSupplied: event.eventId !== undefined,
      type: event.type,
      schemaVersion: event.schemaVersion,
      dataJson,
      metadata,
    };
  }
  if (bad.length > 0) throw new UnstorableTextError(bad);
  return prepared;
}

/** One append of a multi-stream append, prepared. */
export interface PreparedAppend {
  streamName: string;
  prepared: PreparedEvent[];
  expected: ExpectedVersion;
}

/**
 * prepareEvents for each append of an appendToStreams call, all recorded at the same instant (one
 * transaction, one moment of the store's clock); a refused append refuses the whole call.
 */
export function prepareAppends(
  appends: readonly StreamAppend[],
  clock: Clock,
): PreparedAppend[] {
  const now = clock.now();
  const instant: Clock = { now: () => now };
  return appends.map((a) => ({
    streamName: a.streamName,
    prepared: prepareEvents(a.streamName, a.events, instant),
    expected: a.options?.expectedVersion ?? 'any',
  }));
}

const UNSTORABLE_MESSAGE =
  'contains U+0000 or a lone UTF-16 surrogate, which the event store cannot store';

function collectUnstorable(
  value: unknown,
  path: string,
  bad: { path: string; message: string }[],
): void {
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value)) bad.push({ path, message: UNSTORABLE_MESSAGE });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => collectUnstorable(item, `${path}/${i}`, bad));
  } else if (
    value !== null &&
    typeof value === 'object' &&
    !(value instanceof Date)
  ) {
    for (const [key, item] of Object.entries(
      value as Record<string, unknown>,
    )) {
      const keyPath = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (UNSTORABLE.test(key))
        bad.push({ path: keyPath, message: `key ${UNSTORABLE_MESSAGE}` });
      collectUnstorable(item, keyPath, bad);
    }
  }
}

/** What is already stored under an eventId the caller supplied. */
export interface StoredIdentity {
  streamName: string;
  type: string;
  schemaVersion: number;
  /** The stored data (parsed). */
  data: unknown;
}

/**
 * A supplied eventId already in the log must name the same event — same stream, type, schema
 * version and data — or the call is refused (EventIdConflictError): a retry repeats itself exactly.
 */
export function assertSameEvent(
  streamName: string,
  event: PreparedEvent,
  stored: StoredIdentity,
): void {
  const differs =
    stored.streamName !== streamName
      ? 'streamName'
      : stored.type !== event.type
        ? 'type'
        : stored.schemaVersion !== event.schemaVersion
          ? 'schemaVersion'
          : canonicalJson(stored.data) !== event.dataJson
            ? 'data'
            : undefined;
  if (differs) throw new EventIdConflictError(event.eventId, differs);
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

export function matchesFilter(
  event: Pick<StoredEvent, 'type' | 'streamName'>,
  filter?: EventFilter,
): boolean {
  if (!filter) return true;
  if (filter.types && !filter.types.includes(event.type)) return false;
  if (
    filter.streamPrefix !== undefined &&
    !event.streamName.startsWith(filter.streamPrefix)
  )
    return false;
  return true;
}

// Stand-ins cut out of the canonical envelope. The data and id stand-ins hold U+0000, which no stored
// text may hold (see prepareEvents), so they cannot be confused with an event's own text; the position
// stand-ins are checked to occur exactly once.
const DATA_SLOT = '\u0000data\u0000';
const ID_SLOT = '\u0000id\u0000';
const GLOBAL_SLOT = 8_164_093_027_615_431n;
const STREAM_SLOT = 8_164_093_027_615_437n;
const SLOT_TEXTS = [
  canonicalJson(DATA_SLOT),
  canonicalJson(ID_SLOT),
  GLOBAL_SLOT.toString(),
  STREAM_SLOT.toString(),
] as const;

/**
 * The canonical envelope of an event (hashedEnvelope and canonicalJson of hash-chain.ts — the one
 * definition, docs/audit/hash-chain.md) as four literal segments around its data and its two
 * positions, which it holds in this order: data, globalPosition, streamPosition (JCS sorts the member
 * names). Filling the slots gives exactly the text chainHash hashes, without serialising the data a
 * second time; PostgreSQL fills the positions under its lock (docs/decisions/0161).
 */
export interface EnvelopeTemplate {
  segments: [string, string, string, string];
}

/** The envelope cut at the eventId too: what the events of one call with one metadata object share. */
type SharedTemplate = readonly [string, string, string, string, string];

// Per metadata object (prepareEvents shares one between the events of a call), per stream, type and
// schema version: canonicalising the envelope once per call instead of once per event
// (test/bench/RESULTS.md, profile 1). Weak: it lives as long as the prepared events do.
const sharedTemplates = new WeakMap<
  EventMetadata,
  Map<string, SharedTemplate>
>();

export function envelopeTemplate(
  streamName: string,
  event: PreparedEvent,
): EnvelopeTemplate {
  let byShape = sharedTemplates.get(event.metadata);
  if (!byShape)
    sharedTemplates.set(
      event.metadata,
      (byShape = new Map<string, SharedTemplate>()),
    );
  const shape = `${streamName}\u0000${event.type}\u0000${event.schemaVersion}`;
  let shared = byShape.get(shape);
  if (!shared) byShape.set(shape, (shared = sharedTemplate(streamName, event)));
  const [a, b1, b2, c, d] = shared;
  // JCS writes a string as ECMAScript's JSON.stringify does (RFC 8785 §3.2.2.2); ids are storable text.
  return { segments: [a, `${b1}${JSON.stringify(event.eventId)}${b2}`, c, d] };
}

function sharedTemplate(
  streamName: string,
  event: PreparedEvent,
): SharedTemplate {
  const text = canonicalJson(
    hashedEnvelope({
      eventId: ID_SLOT,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: DATA_SLOT,
      metadata: event.metadata,
      streamName,
      streamPosition: STREAM_SLOT,
      globalPosition: GLOBAL_SLOT,
    }),
  );
  const at = SLOT_TEXTS.map((slot) => text.indexOf(slot));
  if (
    at.some((i, k) => i < 0 || i !== text.lastIndexOf(SLOT_TEXTS[k])) ||
    !(at[0] < at[1] && at[1] < at[2] && at[2] < at[3])
  ) {
    throw new Error(
      `Event ${event.eventId}: the canonical envelope does not have the expected shape (docs/decisions/0161)`,
    );
  }
  const end = (k: number) => at[k] + SLOT_TEXTS[k].length;
  return [
    text.slice(0, at[0]),
    text.slice(end(0), at[1]),
    text.slice(end(1), at[2]),
    text.slice(end(2), at[3]),
    text.slice(end(3)),
  ];
}

const metadataTexts = new WeakMap<EventMetadata, string>();

/** Canonical JSON of an event's metadata, made once per metadata object (shared within a call). */
export function metadataJson(metadata: EventMetadata): string {
  let text = metadataTexts.get(metadata);
  if (text === undefined)
    metadataTexts.set(metadata, (text = canonicalJson(metadata)));
  return text;
}

/** SHA-256 of prevHash ‖ the template filled with the event's data and positions: chainHash's value. */
export function templateHash(
  prevHash: string,
  template: EnvelopeTemplate,
  dataJson: string,
  globalPosition: bigint,
  streamPosition: bigint,
): string {
  const [a, b, c, d] = template.segments;
  return createHash('sha256')
    .update(
      `${prevHash}${a}${dataJson}${b}${globalPosition}${c}${streamPosition}${d}`,
      'utf8',
    )
    .digest('hex');
}
