import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, StreamVersionConflictError, type CommandMetadata, type EventStore } from '@app/event-store';
import {
  isDeclaration,
  parseHrFeedMessage,
  validateHrFeedMessage,
  type HrFeedParseResult,
  type HrFeedViolation,
  type HrInjuryDeclarationV1,
} from '@app/hr-feed-contracts';
import {
  REFERENCE_DATA,
  UNASSIGNED_ZONE_ID,
  normalizeUscc,
  resolveAccidentType,
  toGb64412025,
  type AccidentTypeRef,
  type ReferenceData,
} from '@app/reference-data';
import { CLOCK, type Clock } from '@app/shared-kernel';
import { InjuryCase, type DeclarationOutcome } from '../../domain/injury-case.aggregate.js';
import { stableStringify } from '../../domain/declaration-content.js';
import type { DeclarationContent } from '../../domain/injury-case.events.js';
import type { FollowUpPolicy } from '../../domain/follow-up-policy.js';
import { detectRecurrence } from '../../domain/recurrence.js';
import { contentHash, deterministicEventId } from '../deterministic-event-id.js';
import { InjuryCaseRepository } from '../injury-case.repository.js';
import { INJURIES_OPTIONS, type InjuriesOptions } from '../injuries.options.js';
import { pseudonymiseWorkerId, redactIdNumbers } from '../pseudonymise-worker-id.js';
import { INJURIES_ENTERPRISE_DIRECTORY, type EnterpriseDirectory } from '../ports/enterprise-directory.port.js';
import {
  FEED_MANIFEST_REPOSITORY,
  QUARANTINE_REPOSITORY,
  type FeedManifestRepository,
  type FeedSource,
  type QuarantineRepository,
} from '../ports/feed-records.port.js';
import { INJURY_CASE_READ_MODEL, type InjuryCaseReadModel } from '../ports/injury-case-read-model.port.js';

export type IngestOutcomeKind = DeclarationOutcome | 'quarantined';

export interface IngestOutcome {
  outcome: IngestOutcomeKind;
  claimId?: string;
  /** For a manifest: the week it reconciles. */
  manifestFeedWeek?: string;
  reasons?: HrFeedViolation[];
  /** Position of the last event appended (absent when nothing was appended). */
  globalPosition?: number;
}

export interface FeedRecordInput {
  /** A Kafka value (bytes or text), validated including the 64 KiB limit. */
  raw?: string | Uint8Array;
  /** An already-parsed record (an HTTP batch item). */
  value?: unknown;
  source: FeedSource;
  /** The batch's week (HTTP): a record of another week is quarantined. */
  batchFeedWeek?: string;
}

const FEED_WEEK = /^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$/;
const MAX_CONFLICT_RETRIES = 3;

/**
 * Turns ONE feed message into events (spec/domain.md, InjuryCase): new claimId → Received
 * (+ FollowUpVisitScheduled when it counts for follow-up, + RecurrenceFlagged), changed → Corrected,
 * same → nothing, not-recognised → Withdrawn; anything invalid is quarantined with its reasons.
 * Event ids are derived from claimId + content hash + stream version, so a redelivered message
 * never appends twice.
 */
@Injectable()
export class IngestFeedRecordService {
  private readonly cases: InjuryCaseRepository;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
    @Inject(INJURIES_ENTERPRISE_DIRECTORY) private readonly enterprises: EnterpriseDirectory,
    @Inject(INJURY_CASE_READ_MODEL) private readonly readModel: InjuryCaseReadModel,
    @Inject(QUARANTINE_REPOSITORY) private readonly quarantine: QuarantineRepository,
    @Inject(FEED_MANIFEST_REPOSITORY) private readonly manifests: FeedManifestRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INJURIES_OPTIONS) private readonly options: InjuriesOptions,
  ) {
    this.cases = new InjuryCaseRepository(store);
  }

  private get policy(): FollowUpPolicy {
    return this.options.followUp ?? this.referenceData.followUp;
  }

  async ingest(input: FeedRecordInput, meta: CommandMetadata): Promise<IngestOutcome> {
    const parsed: HrFeedParseResult =
      input.raw !== undefined ? parseHrFeedMessage(input.raw) : validateHrFeedMessage(input.value);
    if (!parsed.ok) return this.quarantineRecord(input, parsed.reasons);

    const message = parsed.message;
    if (input.batchFeedWeek && message.feedWeek !== input.batchFeedWeek) {
      return this.quarantineRecord(input, [
        { path: '/feedWeek', message: `is ${message.feedWeek} but the batch is for ${input.batchFeedWeek}` },
      ]);
    }
    if (!isDeclaration(message)) {
      await this.manifests.save({
        feedWeek: message.feedWeek,
        expectedCount: message.expectedCount,
        ...(message.claimIds ? { claimIds: [...message.claimIds] } : {}),
        source: input.source,
        receivedAt: this.clock.now().toISOString(),
      });
      return { outcome: 'accepted', manifestFeedWeek: message.feedWeek };
    }

    let accidentType: AccidentTypeRef | undefined;
    if (message.accidentType) {
      accidentType = resolveAccidentType(this.referenceData, message.accidentType);
      if (!accidentType) {
        return this.quarantineRecord(input, [
          {
            path: '/accidentType/code',
            message: `${message.accidentType.code} is not a ${message.accidentType.standard} accident type`,
          },
        ]);
      }
    }

    const content = this.contentOf(message, accidentType);
    const zoneId = (await this.enterprises.findZone(content.uscc)) ?? UNASSIGNED_ZONE_ID;
    const hash = contentHash(stableStringify({ feedWeek: message.feedWeek, zoneId, content }));

    for (let attempt = 1; ; attempt++) {
      const injuryCase = await this.cases.load(message.claimId);
      const wasNew = injuryCase.isNew;
      const outcome = injuryCase.recordDeclaration(
        { claimId: message.claimId, feedWeek: message.feedWeek, zoneId, content },
        this.policy,
      );
      if (wasNew) await this.flagRecurrence(injuryCase, message.claimId, content);
      try {
        const pending = outcome !== 'duplicate';
        const result = await this.cases.save(message.claimId, injuryCase, meta, (event, index, versionBefore) =>
          deterministicEventId(message.claimId, hash, versionBefore, index, event.type),
        );
        return { outcome, claimId: message.claimId, ...(pending ? { globalPosition: result.globalPosition } : {}) };
      } catch (error) {
        // Another consumer appended to this stream meanwhile: reload and decide again.
        if (error instanceof StreamVersionConflictError && attempt < MAX_CONFLICT_RETRIES) continue;
        throw error;
      }
    }
  }

  private contentOf(message: HrInjuryDeclarationV1, accidentType: AccidentTypeRef | undefined): DeclarationContent {
    const idNumber = message.worker?.idNumber;
    return {
      uscc: normalizeUscc(message.employer.uscc),
      employerName: message.employer.name,
      incidentRef: message.incidentRef,
      injuredAt: message.injuredAt,
      declaredAt: message.declaredAt,
      determination: message.determination,
      injuryNature: message.injuryNature,
      accidentType,
      bodyPart: message.bodyPart,
      severity: message.severity,
      medicalTreatmentClaim: message.medicalTreatmentClaim,
      disabilityGrade: message.disabilityGrade ?? undefined,
      workerRef: idNumber ? pseudonymiseWorkerId(idNumber, this.options.workerPseudonymSecret) : undefined,
      occupation: message.worker?.occupation,
      narrative: message.narrative === undefined ? undefined : redactIdNumbers(message.narrative),
    };
  }

  private async flagRecurrence(injuryCase: InjuryCase, claimId: string, content: DeclarationContent): Promise<void> {
    if (!content.accidentType || injuryCase.isWithdrawn) return;
    const previous = await this.readModel.casesOfEnterprise(content.uscc);
    const recurrence = detectRecurrence(
      previous,
      { claimId, uscc: content.uscc, accidentType: content.accidentType, injuredAt: content.injuredAt },
      (type) => toGb64412025(this.referenceData, type)?.code,
    );
    if (recurrence) injuryCase.flagRecurrence(recurrence);
  }

  private async quarantineRecord(input: FeedRecordInput, reasons: HrFeedViolation[]): Promise<IngestOutcome> {
    const record = this.sanitise(input);
    const value = record as { claimId?: unknown; feedWeek?: unknown } | null;
    const claimId = value && typeof value.claimId === 'string' ? value.claimId : null;
    const recordWeek = value && typeof value.feedWeek === 'string' && FEED_WEEK.test(value.feedWeek) ? value.feedWeek : undefined;
    const feedWeek = input.batchFeedWeek ?? recordWeek ?? 'unknown';
    await this.quarantine.save({
      quarantineId: deterministicEventId('quarantine', input.source, feedWeek, stableStringify(record)),
      feedWeek,
      source: input.source,
      claimId,
      reasons,
      record,
      receivedAt: this.clock.now().toISOString(),
    });
    return { outcome: 'quarantined', ...(claimId ? { claimId } : {}), reasons };
  }

  /** The record as it may be kept: worker.idNumber → workerRef, ID-number-like text redacted. */
  private sanitise(input: FeedRecordInput): unknown {
    let value: unknown = input.value;
    if (input.raw !== undefined) {
      const text = typeof input.raw === 'string' ? input.raw : Buffer.from(input.raw).toString('utf8');
      try {
        value = JSON.parse(text);
      } catch {
        return { raw: redactIdNumbers(text.slice(0, 64 * 1024)) };
      }
    }
    const clean = (v: unknown): unknown => {
      if (typeof v === 'string') return redactIdNumbers(v);
      if (Array.isArray(v)) return v.map(clean);
      if (v && typeof v === 'object') {
        return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, clean(x)]));
      }
      return v;
    };
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const copy = { ...(value as Record<string, unknown>) };
      const worker = copy.worker;
      if (worker && typeof worker === 'object' && !Array.isArray(worker)) {
        const { idNumber, ...rest } = worker as Record<string, unknown>;
        copy.worker =
          typeof idNumber === 'string'
            ? { ...rest, workerRef: pseudonymiseWorkerId(idNumber, this.options.workerPseudonymSecret) }
            : rest;
      }
      return clean(copy);
    }
    return clean(value ?? null);
  }
}
