import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  findUnstorableText,
  newEvent,
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
import {
  contentHash,
  type DeclarationContent,
  type DeclarationOutcome,
  type FeedManifestReceived,
  type FeedRecordQuarantined,
  type FeedSource,
  feedWeekStreamName,
  INJURIES_OPTIONS,
  type InjuriesOptions,
  personalDataSubject,
  PersonalDataVault,
  pseudonymiseWorkerId,
  RecordInjuryDeclarationCommand,
  RecordInjuryDeclarationsCommand,
  redactIdNumbers,
} from '@app/injuries';
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

/**
 * Turns ONE feed message into events (docs/domain.md, InjuryCase): a valid declaration is sent to its
 * case as RecordInjuryDeclarationCommand (new claimId → Received, + FollowUpVisitScheduled when it
 * counts for follow-up, + RecurrenceFlagged; changed → Corrected; same → nothing; not-recognised →
 * Withdrawn; a fatal case then raises its review flag, docs/decisions/0033); anything invalid →
 * FeedRecordQuarantined, a manifest → FeedManifestReceived, both on stream `hr-feed-week-<feedWeek>`
 * (docs/decisions/0030). Event ids are derived from claimId + content hash + declaration version
 * (quarantine and manifest: from their content), so a redelivered message never appends twice.
 */
@Injectable()
export class IngestFeedRecordService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
    @Inject(INJURIES_OPTIONS) private readonly options: InjuriesOptions,
    private readonly vault: PersonalDataVault,
    private readonly commandBus: CommandBus,
  ) {}

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

  /**
   * A batch of records (one Kafka batch, one HTTP batch), in order, the events of consecutive
   * declarations appended in ONE `appendToStreams` (one commit instead of one per declaration,
   * docs/decisions/0173). Each declaration is decided against its case as `ingest` decides it, with the
   * event ids `ingest` names, so nothing is stored twice. A run of declarations ends before a quarantined
   * record or a manifest (appended after it, as `ingest` appends it: the log keeps the records' order),
   * before a case already declared in the run (its second declaration is decided against the first's
   * stored events) and at about MAX_BATCH_EVENTS events.
   *
   * `settle` is called after each run is stored, with the outcomes so far (the Kafka consumer commits
   * their offsets there — before the case's next declaration is appended, so a redelivery never
   * applies an older declaration of a case over a newer one); returning false stops the batch.
   *
   * Returns the outcomes of the records whose events are stored, a prefix of the batch: all of it,
   * unless the batch stopped or failed (`stoppedBy`: a version conflict because another writer touched a
   * case, a record the store or an aggregate refuses, the store down, an error of `settle`…). The caller
   * then ingests the rest one record at a time with `ingest`, which gives each its outcome or error
   * exactly as before.
   */
  async ingestBatch(
    items: readonly { input: FeedRecordInput; meta: CommandMetadata }[],
    settle?: (outcomes: readonly IngestOutcome[]) => Promise<boolean>,
  ): Promise<{ outcomes: IngestOutcome[]; stoppedBy?: unknown }> {
    const outcomes: IngestOutcome[] = [];
    let run: RecordInjuryDeclarationCommand[] = [];
    let settled = 0;
    /**
     * Records the run, each part the injuries context stores in one append followed by a settle of
     * what is stored; false when the caller stops the batch.
     */
    const flush = async (): Promise<boolean> => {
      do {
        if (run.length > 0) {
          const recorded = await this.commandBus.execute(
            new RecordInjuryDeclarationsCommand({ declarations: run }),
          );
          outcomes.push(...recorded);
          run = run.slice(recorded.length);
        }
        if (settle && outcomes.length !== settled) {
          settled = outcomes.length;
          if (!(await settle(outcomes))) return false;
        }
      } while (run.length > 0);
      return true;
    };
    try {
      for (const { input, meta } of items) {
        const record = this.classify(input, meta);
        if (record.kind === 'declaration') {
          run.push(record.declaration);
          continue;
        }
        if (!(await flush())) return { outcomes };
        outcomes.push(await record.ingest());
      }
      await flush();
      return { outcomes };
    } catch (error) {
      return { outcomes, stoppedBy: error };
    }
  }

  private async ingestValidated(
    input: FeedRecordInput,
    meta: CommandMetadata,
  ): Promise<IngestOutcome> {
    const record = this.classify(input, meta);
    return record.kind === 'declaration'
      ? this.commandBus.execute(record.declaration)
      : record.ingest();
  }

  /**
   * What a record is: a declaration to send to its case, or anything else (a quarantined record, a
   * manifest) with the append that ingests it.
   */
  private classify(
    input: FeedRecordInput,
    meta: CommandMetadata,
  ):
    | { kind: 'declaration'; declaration: RecordInjuryDeclarationCommand }
    | { kind: 'other'; ingest: () => Promise<IngestOutcome> } {
    const quarantine = (reasons: HrFeedViolation[]) => ({
      kind: 'other' as const,
      ingest: () => this.quarantineRecord(input, reasons, meta),
    });
    const parsed = input.parsed ?? this.parse(input);
    if (input.mappingErrors && input.mappingErrors.length > 0) {
      return quarantine([
        ...input.mappingErrors,
        ...(parsed.ok ? [] : parsed.reasons),
      ]);
    }
    if (!parsed.ok) return quarantine(parsed.reasons);

    const message = upcastFeedMessage(parsed.message);
    if (input.batchFeedWeek && message.feedWeek !== input.batchFeedWeek) {
      return quarantine([
        {
          path: '/feedWeek',
          message: `is ${message.feedWeek} but the batch is for ${input.batchFeedWeek}`,
        },
      ]);
    }
    if (!isDeclaration(message)) {
      const data: FeedManifestReceived['data'] = {
        feedWeek: message.feedWeek,
        expectedCount: message.expectedCount,
        ...(message.claimIds ? { claimIds: [...message.claimIds] } : {}),
        source: input.source,
      };
      return {
        kind: 'other',
        ingest: async () => ({
          outcome: 'accepted',
          manifestFeedWeek: message.feedWeek,
          globalPosition: await this.appendToFeedWeek(
            message.feedWeek,
            { type: 'FeedManifestReceived', schemaVersion: 1, data },
            deterministicEventId(
              'FeedManifestReceived',
              message.feedWeek,
              contentHash(canonicalJson(data)),
            ),
            meta,
          ),
        }),
      };
    }

    let accidentType: AccidentTypeRef | undefined;
    if (message.accidentType) {
      accidentType = resolveAccidentType(
        this.referenceData,
        message.accidentType,
      );
      if (!accidentType) {
        return quarantine([
          {
            path: '/accidentType/code',
            message: unknownAccidentTypeMessage(
              this.referenceData,
              message.accidentType,
            ),
          },
        ]);
      }
    }

    return {
      kind: 'declaration',
      declaration: new RecordInjuryDeclarationCommand(
        {
          claimId: message.claimId,
          feedWeek: message.feedWeek,
          content: this.contentOf(message, accidentType),
        },
        meta,
      ),
    };
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
