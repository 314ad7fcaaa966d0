import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/app-config';
import {
  chainedEnvelope,
  EVENT_STORE,
  type ChainedEnvelope,
  type EventStore,
  type StoredEvent,
} from '@app/event-store';
import { CLOCK, RuleViolation, type Clock } from '@app/shared-kernel';
import type { SignedCheckpoint } from '../domain/signed-checkpoint.js';
import { auditExportLines } from './audit-export.js';
import { CheckpointLog } from './checkpoint-log.js';
import { readAfter } from './log-reading.js';

/**
 * One event as the audit API shows it: the envelope exactly as an export line has it (metadata with
 * actor, correlationId, causationId, recordedAt, effectiveAt), positions as strings, prevHash and hash.
 */
export type AuditEventView = ChainedEnvelope;

export interface AuditEventFilter {
  /** Exclusive: the events after this global position (0 from the start). */
  after: bigint;
  limit: number;
  types?: string[];
  stream?: string;
  correlationId?: string;
  actor?: string;
  /** recordedAt range, ISO instants, both inclusive. */
  recordedFrom?: string;
  recordedTo?: string;
}

export interface AuditEventPage {
  items: AuditEventView[];
  /** Pass as `after` for the next page; null once the log's end was reached. */
  nextAfter: string | null;
}

/** Events examined at most per request: a filter that matches rarely answers in pages, never in one long scan. */
const SCAN_BUDGET = 20_000;
const PAGE = 1000;

/** What the audit routes read: the log itself, never a read model. */
@Injectable()
export class AuditLogService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The log in global order with filters; scans at most SCAN_BUDGET events per call. */
  async events(filter: AuditEventFilter): Promise<AuditEventPage> {
    const matches = (e: StoredEvent): boolean =>
      (filter.stream === undefined || e.streamName === filter.stream) &&
      (filter.correlationId === undefined ||
        e.metadata.correlationId === filter.correlationId) &&
      (filter.actor === undefined || e.metadata.actor === filter.actor) &&
      (filter.recordedFrom === undefined ||
        Date.parse(e.metadata.recordedAt) >= Date.parse(filter.recordedFrom)) &&
      (filter.recordedTo === undefined ||
        Date.parse(e.metadata.recordedAt) <= Date.parse(filter.recordedTo));
    const events: AuditEventView[] = [];
    let after = filter.after;
    let scanned = 0;
    for (;;) {
      const page = await readAfter(
        this.store,
        after,
        PAGE,
        filter.types ? { types: filter.types } : undefined,
      );
      for (const event of page) {
        after = event.globalPosition;
        scanned++;
        if (matches(event)) events.push(chainedEnvelope(event));
        if (events.length >= filter.limit)
          return { items: events, nextAfter: after.toString() };
      }
      if (page.length < PAGE) return { items: events, nextAfter: null };
      if (scanned >= SCAN_BUDGET)
        return { items: events, nextAfter: after.toString() };
    }
  }

  async stream(
    streamName: string,
  ): Promise<{ streamName: string; events: AuditEventView[] }> {
    const events = await this.store.readStream(streamName);
    if (events.length === 0) {
      throw new RuleViolation(
        'STREAM_NOT_FOUND',
        'not-found',
        `No stream named ${streamName}`,
        [{ path: '/streamName', message: 'no such stream' }],
      );
    }
    return { streamName, events: events.map(chainedEnvelope) };
  }

  /** An empty log is an error for what needs events (a replay, a checkpoint): it hides a misconfiguration. */
  async assertNotEmpty(what: string): Promise<void> {
    if ((await this.store.headPosition()) === 0n) {
      throw new RuleViolation(
        'AUDIT_LOG_EMPTY',
        'conflict',
        `The ${this.config.eventStore.kind} event store holds no events: there is nothing to ${what}`,
      );
    }
  }

  /** Walks the store's chain; an empty log is an error, never "ok, 0 checked". */
  async verify(): Promise<{
    ok: boolean;
    checked: number;
    firstBrokenPosition?: string;
    reason?: string;
  }> {
    const result = await this.store.verifyChain();
    if (result.ok && result.checked === 0) {
      throw new RuleViolation(
        'AUDIT_LOG_EMPTY',
        'conflict',
        `The ${this.config.eventStore.kind} event store holds no events: there is nothing to verify (is the service configured with the right store?)`,
      );
    }
    return {
      ok: result.ok,
      checked: result.checked,
      ...(result.firstBrokenPosition === undefined
        ? {}
        : { firstBrokenPosition: result.firstBrokenPosition.toString() }),
      ...(result.reason === undefined ? {} : { reason: result.reason }),
    };
  }

  exportLines(stream?: string): AsyncGenerator<string> {
    return auditExportLines({
      store: this.store,
      backend: this.config.eventStore.kind,
      clock: this.clock,
      stream,
    });
  }

  async checkpoints(): Promise<{
    items: Array<SignedCheckpoint & { recordedAtPosition: string }>;
  }> {
    const checkpoints: Array<
      SignedCheckpoint & { recordedAtPosition: string }
    > = [];
    for await (const checkpoint of new CheckpointLog(this.store).all()) {
      checkpoints.push({
        ...checkpoint,
        recordedAtPosition: checkpoint.recordedAtPosition.toString(),
      });
    }
    return { items: checkpoints };
  }
}
