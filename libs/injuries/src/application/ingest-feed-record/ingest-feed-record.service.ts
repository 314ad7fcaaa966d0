import { Inject, Injectable } from '@nestjs/common';
import {
  EVENT_STORE,
  findUnstorableText,
  newEvent,
  StreamVersionConflictError,
  UnstorableTextError,
  type EventStore,
} from '@app/event-store';
import {
  isDeclaration,
  parseHrFeedMessage,
  validateHrFeedMessage,
  type HrFeedParseResult,
  type HrFeedViolation,
  type HrInjuryDeclarationV2,
} from '@app/hr-feed-contracts';
import {
  REFERENCE_DATA,
  UNASSIGNED_ZONE_ID,
  normalizeUscc,
  resolveAccidentType,
  unknownAccidentTypeMessage,
  type AccidentTypeRef,
  type ReferenceData,
} from '@app/reference-data';
import {
  canonicalJson,
  type CommandMetadata,
  deterministicEventId,
  ISO_WEEK_PATTERN,
  NotCanonicalJsonError,
} from '@app/shared-kernel';
import type { DeclarationOutcome } from '../../domain/injury-case.aggregate.js';
import type { DeclarationContent } from '../../domain/injury-case.events.js';
import type { FollowUpPolicy } from '../../domain/follow-up-policy.js';
import { personalDataSubject } from '../../domain/personal-data.js';
import { contentHash } from '../content-hash.js';
import {
  INJURY_CASE_REPOSITORY,
  type InjuryCaseRepository,
} from '../injury-case.repository.js';
import { PersonalDataVault } from '../personal-data/personal-data-vault.js';
import { INJURIES_OPTIONS, type InjuriesOptions } from '../injuries.options.js';
import {
  pseudonymiseWorkerId,
  redactIdNumbers,
} from '../pseudonymise-worker-id.js';
import {
  INJURIES_ENTERPRISE_DIRECTORY,
  type EnterpriseDirectory,
} from '../ports/enterprise-directory.port.js';
import { FatalInjuryReviewFlagProcessManager } from '../process-managers/fatal-injury-review-flag.process-manager.js';
import {
  feedWeekStreamName,
  type FeedManifestReceived,
  type FeedRecordQuarantined,
  type FeedSource,
} from '../../domain/feed-week.events.js';
import { sanitiseFeedRecord, sanitiseReasons } from './sanitise-feed-record.js';
import { upcastFeedMessage } from './upcast-feed-message.js';

export type IngestOutcomeKind = DeclarationOutcome | 'quarantined';

export interface IngestOutcome {
  outcome: IngestOutcomeKind;
  claimId?: string;
  /** For a manifest: the week it reconciles. */
  manifestFeedWeek?: string;
  reasons?: HrFeedViolation[];
  /** Position of the event(s) this record produced (absent for a duplicate declaration). */
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
  /**
   * What went wrong turning the input into a feed record (e.g. a CSV row with the wrong number of
   * fields): the record is quarantined with these reasons and its schema violations, if any.
   */
  mappingErrors?: HrFeedViolation[];
  /** The validation of `raw`/`value`, when prepareBatch already did it (it is not done twice). */
  parsed?: HrFeedParseResult;
}

const CLAIM_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** Week of a quarantined record whose week cannot be read (and that came without a batch). */
export const UNKNOWN_FEED_WEEK = 'unknown';
const MAX_CONFLICT_RETRIES = 3;

/**
 * Turns ONE feed message into events (docs/domain.md, InjuryCase): new claimId → Received
 * (+ FollowUpVisitScheduled when it counts for follow-up, + RecurrenceFlagged), changed → Corrected,
 * same → nothing, not-recognised → Withdrawn; anything invalid → FeedRecordQuarantined, a manifest →
 * FeedManifestReceived, both on stream `hr-feed-week-<feedWeek>` (docs/decisions/0030).
 * Event ids are derived from claimId + content hash + stream version (quarantine and manifest: from
 * their content), so a redelivered message never appends twice. A fatal case then goes through the
 * review-flag process manager (docs/decisions/0033).
 */
@Injectable()
export class IngestFeedRecordService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
    @Inject(INJURIES_ENTERPRISE_DIRECTORY)
    private readonly enterprises: EnterpriseDirectory,
    @Inject(INJURIES_OPTIONS) private readonly options: InjuriesOptions,
    private readonly fatalInjuryReviewFlag: FatalInjuryReviewFlagProcessManager,
    private readonly vault: PersonalDataVault,
    @Inject(INJURY_CASE_REPOSITORY)
    private readonly cases: InjuryCaseRepository,
  ) {}

  private get policy(): FollowUpPolicy {
    return this.options.followUp ?? this.referenceData.followUp;
  }

  /**
   * Before a batch is ingested record by record: validates each record once (the result travels in the
   * returned inputs) and obtains the personal-data keys of all its declarations' workers in one write,
   * instead of one write per record (docs/decisions/0171). Call `release` when the batch is done.
   */
  async prepareBatch(
    inputs: FeedRecordInput[],
  ): Promise<{ inputs: FeedRecordInput[]; release: () => void }> {
    const prepared = inputs.map((input) => ({
      ...input,
      parsed: input.parsed ?? this.parse(input),
    }));
    const subjects = new Set<string>();
    for (const { parsed } of prepared) {
      if (!parsed.ok || !isDeclaration(parsed.message)) continue;
      const idNumber = parsed.message.worker?.idNumber;
      subjects.add(
        personalDataSubject(
          idNumber
            ? pseudonymiseWorkerId(idNumber, this.options.workerPseudonymSecret)
            : undefined,
          parsed.message.claimId,
        ),
      );
    }
    const { release } = await this.vault.prepareKeys(subjects);
    return { inputs: prepared, release };
  }

  private parse(input: FeedRecordInput): HrFeedParseResult {
    return input.raw !== undefined
      ? parseHrFeedMessage(input.raw)
      : validateHrFeedMessage(input.value);
  }

  async ingest(
    input: FeedRecordInput,
    meta: CommandMetadata,
  ): Promise<IngestOutcome> {
    try {
      return await this.ingestValidated(input, meta);
    } catch (error) {
      // Valid JSON the store cannot keep (U+0000, a lone surrogate; a number JSON cannot write back):
      // quarantined like any bad record, never retried forever (docs/decisions/0162). The quarantined
      // copy is scrubbed by sanitiseFeedRecord.
      if (!(
        error instanceof UnstorableTextError ||
        error instanceof NotCanonicalJsonError
      ))
        throw error;
      return this.quarantineRecord(
        input,
        unstorableReasons(input, error),
        meta,
      );
    }
  }

  private async ingestValidated(
    input: FeedRecordInput,
    meta: CommandMetadata,
  ): Promise<IngestOutcome> {
    const parsed = input.parsed ?? this.parse(input);
    if (input.mappingErrors && input.mappingErrors.length > 0) {
      return this.quarantineRecord(
        input,
        [...input.mappingErrors, ...(parsed.ok ? [] : parsed.reasons)],
        meta,
      );
    }
    if (!parsed.ok) return this.quarantineRecord(input, parsed.reasons, meta);

    const message = upcastFeedMessage(parsed.message);
    if (input.batchFeedWeek && message.feedWeek !== input.batchFeedWeek) {
      return this.quarantineRecord(
        input,
        [
          {
            path: '/feedWeek',
            message: `is ${message.feedWeek} but the batch is for ${input.batchFeedWeek}`,
          },
        ],
        meta,
      );
    }
    if (!isDeclaration(message)) {
      const data: FeedManifestReceived['data'] = {
        feedWeek: message.feedWeek,
        expectedCount: message.expectedCount,
        ...(message.claimIds ? { claimIds: [...message.claimIds] } : {}),
        source: input.source,
      };
      const globalPosition = await this.appendToFeedWeek(
        message.feedWeek,
        { type: 'FeedManifestReceived', schemaVersion: 1, data },
        deterministicEventId(
          'FeedManifestReceived',
          message.feedWeek,
          contentHash(canonicalJson(data)),
        ),
        meta,
      );
      return {
        outcome: 'accepted',
        manifestFeedWeek: message.feedWeek,
        globalPosition,
      };
    }

    let accidentType: AccidentTypeRef | undefined;
    if (message.accidentType) {
      accidentType = resolveAccidentType(
        this.referenceData,
        message.accidentType,
      );
      if (!accidentType) {
        return this.quarantineRecord(
          input,
          [
            {
              path: '/accidentType/code',
              message: unknownAccidentTypeMessage(
                this.referenceData,
                message.accidentType,
              ),
            },
          ],
          meta,
        );
      }
    }

    // An erased worker's personal fields are not kept again, and do not count as a correction.
    const content = await this.vault.withoutErasedFields(
      this.contentOf(message, accidentType),
      message.claimId,
    );
    const zoneId =
      (await this.enterprises.findZone(content.uscc)) ?? UNASSIGNED_ZONE_ID;
    const hash = contentHash(
      canonicalJson({ feedWeek: message.feedWeek, zoneId, content }),
    );

    for (let attempt = 1; ; attempt++) {
      const injuryCase = await this.cases.load(message.claimId);
      const declarationVersion = injuryCase.declarationVersion;
      const outcome = injuryCase.recordDeclaration(
        {
          claimId: message.claimId,
          feedWeek: message.feedWeek,
          zoneId,
          content,
        },
        this.policy,
      );
      try {
        const pending = outcome !== 'duplicate';
        const result = await this.cases.save(
          message.claimId,
          injuryCase,
          meta,
          (event, index) =>
            deterministicEventId(
              message.claimId,
              hash,
              declarationVersion,
              index,
              event.type,
            ),
        );
        if (injuryCase.content && injuryCase.zoneId) {
          await this.fatalInjuryReviewFlag.afterDeclaration(
            {
              claimId: message.claimId,
              zoneId: injuryCase.zoneId,
              content: injuryCase.content,
              withdrawn: injuryCase.isWithdrawn,
            },
            meta,
          );
        }
        return {
          outcome,
          claimId: message.claimId,
          ...(pending ? { globalPosition: result.globalPosition } : {}),
        };
      } catch (error) {
        // Another consumer appended to this stream meanwhile: reload and decide again.
        if (
          error instanceof StreamVersionConflictError &&
          attempt < MAX_CONFLICT_RETRIES
        )
          continue;
        throw error;
      }
    }
  }

  private contentOf(
    message: HrInjuryDeclarationV2,
    accidentType: AccidentTypeRef | undefined,
  ): DeclarationContent {
    const idNumber = message.worker?.idNumber;
    return {
      uscc: normalizeUscc(message.employer.uscc),
      employerName: redactOptional(message.employer.name),
      incidentRef: redactOptional(message.incidentRef),
      injuredAt: message.injuredAt,
      declaredAt: message.declaredAt,
      determination: message.determination,
      injuryNature: message.injuryNature,
      accidentType,
      bodyPart: redactOptional(message.bodyPart),
      severity: message.severity,
      medicalTreatmentClaim: message.medicalTreatmentClaim,
      disabilityGrade: message.disabilityGrade ?? undefined,
      workerRef: idNumber
        ? pseudonymiseWorkerId(idNumber, this.options.workerPseudonymSecret)
        : undefined,
      occupation: redactOptional(message.worker?.occupation),
      narrative:
        message.narrative === undefined
          ? undefined
          : redactIdNumbers(message.narrative),
    };
  }

  private async quarantineRecord(
    input: FeedRecordInput,
    violations: HrFeedViolation[],
    meta: CommandMetadata,
  ): Promise<IngestOutcome> {
    const record = sanitiseFeedRecord(
      input,
      this.options.workerPseudonymSecret,
    );
    const reasons = sanitiseReasons(violations);
    const value = record as { claimId?: unknown; feedWeek?: unknown } | null;
    const claimId =
      value && typeof value.claimId === 'string' && CLAIM_ID.test(value.claimId)
        ? value.claimId
        : null;
    const recordWeek =
      value &&
      typeof value.feedWeek === 'string' &&
      ISO_WEEK_PATTERN.test(value.feedWeek)
        ? value.feedWeek
        : undefined;
    const feedWeek = input.batchFeedWeek ?? recordWeek ?? UNKNOWN_FEED_WEEK;
    const quarantineId = deterministicEventId(
      'quarantine',
      input.source,
      feedWeek,
      canonicalJson(record),
    );
    const eventId = deterministicEventId('FeedRecordQuarantined', quarantineId);
    const data = await this.vault.sealQuarantined(
      {
        quarantineId,
        feedWeek,
        source: input.source,
        claimId,
        reasons,
        record,
      },
      eventId,
    );
    const globalPosition = await this.appendToFeedWeek(
      feedWeek,
      { type: 'FeedRecordQuarantined', schemaVersion: 2, data },
      eventId,
      meta,
    );
    return {
      outcome: 'quarantined',
      ...(claimId ? { claimId } : {}),
      reasons,
      globalPosition,
    };
  }

  /** Appends one event to `hr-feed-week-<feedWeek>`; a repeated event id appends nothing. */
  private async appendToFeedWeek(
    feedWeek: string,
    event: FeedRecordQuarantined | FeedManifestReceived,
    eventId: string,
    meta: CommandMetadata,
  ): Promise<number> {
    const result = await this.store.appendToStream(
      feedWeekStreamName(feedWeek),
      [newEvent(event, { ...event.data }, eventId, meta)],
      {
        expectedVersion: 'any',
      },
    );
    return Number(result.lastGlobalPosition);
  }
}

/** The record's own paths to the unstorable text; the store's paths when the record has none. */
function unstorableReasons(
  input: FeedRecordInput,
  error: UnstorableTextError | NotCanonicalJsonError,
): HrFeedViolation[] {
  let value = input.value;
  if (input.raw !== undefined) {
    try {
      value = JSON.parse(
        typeof input.raw === 'string'
          ? input.raw
          : Buffer.from(input.raw).toString('utf8'),
      );
    } catch {
      value = undefined;
    }
  }
  const found = findUnstorableText(value);
  return found.length > 0
    ? found
    : error.details.map((d) => ({ path: d.path, message: d.message }));
}

function redactOptional(text: string | undefined): string | undefined {
  return text === undefined ? undefined : redactIdNumbers(text);
}
