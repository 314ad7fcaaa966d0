import { Injectable } from '@nestjs/common';
import type { HrFeedViolation } from '@app/hr-feed-contracts';
import { type CommandMetadata, DomainError } from '@app/shared-kernel';
import {
  IngestFeedRecordService,
  type IngestOutcomeKind,
} from '../ingest-feed-record/ingest-feed-record.service.js';

/** docs/http-api.md: at most 10,000 records per batch (larger → 413 FEED_BATCH_TOO_LARGE). */
export const MAX_FEED_BATCH_RECORDS = 10_000;

export interface FeedBatchRecord {
  /** The record as received (a JSON item, or a CSV row mapped to the record shape). */
  value: unknown;
  /** Reasons the input could not be mapped to a feed record (CSV); the record is then quarantined. */
  mappingErrors?: HrFeedViolation[];
}

export interface FeedBatchInput {
  feedWeek: string;
  records: FeedBatchRecord[];
  manifest?: { expectedCount: number; claimIds?: string[] };
}

export interface FeedBatchRecordResult {
  index: number;
  claimId?: string;
  outcome: IngestOutcomeKind;
  /** For a manifest sent as a record. */
  manifestFeedWeek?: string;
  reasons?: HrFeedViolation[];
}

export interface FeedBatchResult {
  feedWeek: string;
  counts: Record<IngestOutcomeKind, number>;
  results: FeedBatchRecordResult[];
  manifest?: { outcome: IngestOutcomeKind; reasons?: HrFeedViolation[] };
  /** The last global position this batch wrote (or found, for redelivered records); pass as ?minPosition=. */
  globalPosition: number;
}

/**
 * An HTTP batch (docs/http-api.md, HR feed): the records in order through IngestFeedRecordService
 * (`ingestBatch`, then one by one what it did not store) with source `http` and the batch's week, then
 * the manifest. A bad record never fails the batch: it
 * is quarantined, and a rule an aggregate refuses (a DomainError) quarantines that record too. Only an
 * infrastructure failure fails the request; resending the batch is then safe (ingestion is idempotent).
 */
@Injectable()
export class IngestFeedBatchService {
  constructor(private readonly ingestion: IngestFeedRecordService) {}

  async ingest(
    batch: FeedBatchInput,
    meta: CommandMetadata,
  ): Promise<FeedBatchResult> {
    const counts: Record<IngestOutcomeKind, number> = {
      accepted: 0,
      corrected: 0,
      duplicate: 0,
      withdrawn: 0,
      quarantined: 0,
    };
    const results: FeedBatchRecordResult[] = [];
    let globalPosition = 0;
    // Each record validated once and its worker's key made with the others' in one write (docs/decisions/0171).
    const prepared = await this.ingestion.prepareBatch(
      batch.records.map((record) => ({
        value: record.value,
        source: 'http',
        batchFeedWeek: batch.feedWeek,
        mappingErrors: record.mappingErrors,
      })),
    );
    try {
      // The declarations appended together, one commit per run of them (docs/decisions/0173); what
      // that did not store (another writer touched a case, a record an aggregate or the store
      // refuses) is ingested record by record as before.
      const batched = await this.ingestion.ingestBatch(
        prepared.inputs.map((input) => ({ input, meta })),
      );
      for (const [index, input] of prepared.inputs.entries()) {
        const outcome =
          batched.outcomes[index] ?? (await this.ingestOne(input, meta));
        counts[outcome.outcome] += 1;
        globalPosition = Math.max(globalPosition, outcome.globalPosition ?? 0);
        results.push({
          index,
          ...(outcome.claimId ? { claimId: outcome.claimId } : {}),
          outcome: outcome.outcome,
          ...(outcome.manifestFeedWeek
            ? { manifestFeedWeek: outcome.manifestFeedWeek }
            : {}),
          ...(outcome.reasons ? { reasons: outcome.reasons } : {}),
        });
      }
    } finally {
      prepared.release();
    }
    let manifest: FeedBatchResult['manifest'];
    if (batch.manifest) {
      const outcome = await this.ingestOne(
        {
          value: {
            schemaVersion: 1,
            kind: 'manifest',
            feedWeek: batch.feedWeek,
            ...batch.manifest,
          },
          source: 'http',
          batchFeedWeek: batch.feedWeek,
        },
        meta,
      );
      globalPosition = Math.max(globalPosition, outcome.globalPosition ?? 0);
      manifest = {
        outcome: outcome.outcome,
        ...(outcome.reasons ? { reasons: outcome.reasons } : {}),
      };
    }
    return {
      feedWeek: batch.feedWeek,
      counts,
      results,
      ...(manifest ? { manifest } : {}),
      globalPosition,
    };
  }

  private async ingestOne(
    input: Parameters<IngestFeedRecordService['ingest']>[0],
    meta: CommandMetadata,
  ) {
    try {
      return await this.ingestion.ingest(input, meta);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.ingestion.ingest(
        {
          ...input,
          mappingErrors: [
            ...(input.mappingErrors ?? []),
            { path: '', message: `${error.code}: ${error.message}` },
          ],
        },
        meta,
      );
    }
  }
}
