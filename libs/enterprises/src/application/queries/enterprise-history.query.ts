import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { EnterpriseErrors } from '../../domain/enterprise.errors.js';
import { enterpriseStreamName } from '../../domain/enterprise.events.js';

export interface EnterpriseHistoryEntry {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  actor: string;
  correlationId: string;
  causationId: string | null;
  recordedAt: string;
  effectiveAt: string;
  streamPosition: number;
  globalPosition: number;
  hash: string;
}

/** An enterprise's events straight from its stream (the auditor's view), positions as numbers. */
@Injectable()
export class EnterpriseHistoryQuery {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async history(
    uscc: string,
  ): Promise<{ streamName: string; events: EnterpriseHistoryEntry[] }> {
    const streamName = enterpriseStreamName(uscc);
    const stored = await this.store.readStream(streamName);
    if (stored.length === 0)
      throw EnterpriseErrors.notFound(uscc.trim().toUpperCase());
    return {
      streamName,
      events: stored.map((e) => ({
        eventId: e.eventId,
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        actor: e.metadata.actor,
        correlationId: e.metadata.correlationId,
        causationId: e.metadata.causationId,
        recordedAt: e.metadata.recordedAt,
        effectiveAt: e.metadata.effectiveAt,
        streamPosition: Number(e.streamPosition),
        globalPosition: Number(e.globalPosition),
        hash: e.hash,
      })),
    };
  }
}
