import { Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  REFERENCE_DATA,
  UNASSIGNED_ZONE_ID,
  type ReferenceData,
} from '@app/reference-data';
import {
  canonicalJson,
  type CommandMetadata,
  deterministicEventId,
} from '@app/shared-kernel';
import type {
  DeclarationOutcome,
  InjuryCase,
} from '../../../domain/injury-case.aggregate.js';
import type { DeclarationInput } from '../../../domain/declaration-input.js';
import type { FollowUpPolicy } from '../../../domain/follow-up-policy.js';
import { contentHash } from '../../content-hash.js';
import {
  INJURIES_OPTIONS,
  type InjuriesOptions,
} from '../../injuries.options.js';
import {
  INJURY_CASE_REPOSITORY,
  type InjuryCaseRepository,
  type InjuryEventIdFor,
} from '../../injury-case.repository.js';
import { PersonalDataVault } from '../../personal-data/personal-data-vault.js';
import {
  INJURIES_ENTERPRISE_DIRECTORY,
  type EnterpriseDirectory,
} from '../../ports/enterprise-directory.port.js';
import {
  FatalInjuryReviewFlagProcessManager,
  type FatalInjuryFacts,
} from '../../process-managers/fatal-injury-review-flag.process-manager.js';
import type { RecordInjuryDeclarationCommand } from './record-injury-declaration.command.js';

/** A declaration with its zone and content hash, ready to be decided against its case. */
export interface PreparedDeclaration extends DeclarationInput {
  /** Content hash: part of the event ids. */
  hash: string;
}

/** A declaration applied to its loaded case, its events pending. */
export interface DecidedDeclaration {
  outcome: DeclarationOutcome;
  eventIdFor: InjuryEventIdFor;
  /** The case as this declaration left it (for the review-flag process manager). */
  facts: FatalInjuryFacts | undefined;
}

/**
 * What recording a declaration takes, one at a time or a run at once: the zone and the content hash,
 * the decision on the case with its deterministic event ids, the review flag after it is stored.
 */
export abstract class RecordInjuryDeclarationHandlerBase {
  constructor(
    @Inject(INJURY_CASE_REPOSITORY)
    protected readonly cases: InjuryCaseRepository,
    @Inject(EVENT_STORE) protected readonly store: EventStore,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
    @Inject(INJURIES_OPTIONS) private readonly options: InjuriesOptions,
    @Inject(INJURIES_ENTERPRISE_DIRECTORY)
    private readonly enterprises: EnterpriseDirectory,
    private readonly vault: PersonalDataVault,
    private readonly fatalInjuryReviewFlag: FatalInjuryReviewFlagProcessManager,
  ) {}

  private get policy(): FollowUpPolicy {
    return this.options.followUp ?? this.referenceData.followUp;
  }

  protected async prepare({
    props,
  }: RecordInjuryDeclarationCommand): Promise<PreparedDeclaration> {
    // An erased worker's personal fields are not kept again, and do not count as a correction.
    const content = await this.vault.withoutErasedFields(
      props.content,
      props.claimId,
    );
    const zoneId =
      (await this.enterprises.findZone(content.uscc)) ?? UNASSIGNED_ZONE_ID;
    const hash = contentHash(
      canonicalJson({ feedWeek: props.feedWeek, zoneId, content }),
    );
    return {
      claimId: props.claimId,
      feedWeek: props.feedWeek,
      zoneId,
      content,
      hash,
    };
  }

  /**
   * Applies the declaration to its case; the event ids derive from claimId + content hash + the case's
   * declaration version before it, so a redelivered record never appends twice.
   */
  protected decide(
    injuryCase: InjuryCase,
    declaration: PreparedDeclaration,
  ): DecidedDeclaration {
    const { claimId, feedWeek, zoneId, content, hash } = declaration;
    const declarationVersion = injuryCase.declarationVersion;
    const outcome = injuryCase.recordDeclaration(
      { claimId, feedWeek, zoneId, content },
      this.policy,
    );
    return {
      outcome,
      eventIdFor: (event, index) =>
        deterministicEventId(
          claimId,
          hash,
          declarationVersion,
          index,
          event.type,
        ),
      facts: factsOf(claimId, injuryCase),
    };
  }

  /** A case left fatal goes through the review-flag process manager (docs/decisions/0033). */
  protected async afterStored(
    facts: FatalInjuryFacts | undefined,
    meta: CommandMetadata,
  ): Promise<void> {
    if (facts) await this.fatalInjuryReviewFlag.afterDeclaration(facts, meta);
  }
}

/** What the review-flag process manager is told about a case after a declaration, if it has content. */
function factsOf(
  claimId: string,
  injuryCase: InjuryCase,
): FatalInjuryFacts | undefined {
  return injuryCase.content && injuryCase.zoneId
    ? {
        claimId,
        zoneId: injuryCase.zoneId,
        content: injuryCase.content,
        withdrawn: injuryCase.isWithdrawn,
      }
    : undefined;
}
