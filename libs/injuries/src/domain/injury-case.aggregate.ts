import { EventSourcedAggregate } from '@app/shared-kernel';
import {
  applyChanges,
  diffContent,
  normaliseContent,
} from './declaration-content.js';
import {
  assertDeclaration,
  type DeclarationInput,
} from './declaration-input.js';
import { followUpVisitOf, type FollowUpVisitInput } from './follow-up-visit.js';
import { INJURIES_EVENT_CODEC } from './injuries-event.codec.js';
import {
  type FollowUpPolicy,
  followUpDueBy,
  isFollowUpOverdue,
} from './follow-up-policy.js';
import { InjuryCaseError } from './injury-case.errors.js';
import {
  injuryCaseStatus,
  type InjuryCaseStatus,
} from './injury-case-status.js';
import { rectificationOrderOf } from './rectification-order.js';
import { isNonEmptyText } from './text.js';
import {
  type DeclarationContent,
  type FollowUpVisitCompleted,
  type FollowUpVisitOverdue,
  type FollowUpVisitScheduled,
  type InjuryCaseClosed,
  type InjuryCaseEvent,
  type InjuryDeclarationCorrected,
  type InjuryDeclarationReceived,
  type InjuryDeclarationWithdrawn,
  type RecurrenceFlagged,
  type RecurrenceFlagRetracted,
  type RectificationItem,
  type RectificationItemCompleted,
  type RectificationOrdered,
  type RectificationVerified,
} from './injury-case.events.js';

/** What a feed record did to the case. */
export type DeclarationOutcome =
  'accepted' | 'corrected' | 'duplicate' | 'withdrawn';

export const NOT_RECOGNISED_REASON =
  'determination not-recognised (不属于工伤)';

interface RectificationState {
  items: Map<
    string,
    RectificationItem & { completed: boolean; evidenceRef?: string }
  >;
  verified: boolean;
}

/**
 * 工伤案件: one HR work-injury declaration for one injured worker, its follow-up visit (回访), the
 * rectification ordered after it (整改), and its closure. Stream `injury-<claimId>`.
 */
export class InjuryCase extends EventSourcedAggregate<InjuryCaseEvent> {
  private _claimId?: string;
  private _zoneId?: string;
  private _firstFeedWeek?: string;
  private _content?: DeclarationContent;
  private _withdrawn = false;
  private _followUp?: { dueBy: string; overdue: boolean };
  private _visit?: FollowUpVisitInput;
  private _rectification?: RectificationState;
  private _closed = false;
  private readonly _recurrences = new Set<string>();
  /** Received, Corrected and Withdrawn events so far: the HR declaration's own history. */
  private _declarationEvents = 0;

  static empty(this: void): InjuryCase {
    return new InjuryCase();
  }

  /** Factory for a new claimId: raises InjuryDeclarationReceived and what follows from it. */
  static receive(input: DeclarationInput, policy: FollowUpPolicy): InjuryCase {
    const injuryCase = new InjuryCase();
    injuryCase.recordDeclaration(input, policy);
    return injuryCase;
  }

  // ------------------------------------------------------------------ commands

  /**
   * One validated feed record for this claimId. New → Received (+ Withdrawn when not recognised, or
   * + FollowUpVisitScheduled when it counts for follow-up); same content → nothing; different
   * content → Corrected (changed fields only); determination turning not-recognised → Withdrawn.
   */
  recordDeclaration(
    input: DeclarationInput,
    policy: FollowUpPolicy,
  ): DeclarationOutcome {
    assertDeclaration(input);
    const content = normaliseContent(input.content);

    if (!this._content) {
      this.raise(
        event('InjuryDeclarationReceived', {
          claimId: input.claimId,
          feedWeek: input.feedWeek,
          zoneId: input.zoneId,
          ...content,
        }),
      );
      if (content.determination === 'not-recognised') {
        this.raise(
          event('InjuryDeclarationWithdrawn', {
            reason: NOT_RECOGNISED_REASON,
            feedWeek: input.feedWeek,
          }),
        );
        return 'withdrawn';
      }
      this.scheduleFollowUpIfDue(policy);
      return 'accepted';
    }

    if (input.claimId !== this._claimId) {
      throw new InjuryCaseError(
        'INJURY_CASE_INVALID',
        `Record for claim ${input.claimId} sent to case ${this._claimId}`,
      );
    }
    const changes = diffContent(this._content, content);
    const changed = Object.keys(changes);
    if (changed.length === 0) return 'duplicate';

    const withdrawing =
      content.determination === 'not-recognised' && !this._withdrawn;
    if (withdrawing) delete changes.determination;
    if (Object.keys(changes).length > 0) {
      const zoneChanged =
        changes.uscc !== undefined && input.zoneId !== this._zoneId;
      this.raise(
        event('InjuryDeclarationCorrected', {
          changes,
          feedWeek: input.feedWeek,
          ...(zoneChanged ? { zoneId: input.zoneId } : {}),
        }),
      );
    }
    if (withdrawing) {
      this.raise(
        event('InjuryDeclarationWithdrawn', {
          reason: NOT_RECOGNISED_REASON,
          feedWeek: input.feedWeek,
        }),
      );
      return 'withdrawn';
    }
    if (!this._closed) this.scheduleFollowUpIfDue(policy);
    return 'corrected';
  }

  recordFollowUpVisit(input: FollowUpVisitInput): void {
    this.assertOpen();
    if (this._visit) {
      throw new InjuryCaseError(
        'FOLLOW_UP_VISIT_ALREADY_RECORDED',
        `The follow-up visit of case ${this._claimId} is already recorded`,
      );
    }
    this.raise(event('FollowUpVisitCompleted', followUpVisitOf(input)));
  }

  orderRectification(items: RectificationItem[]): void {
    this.assertOpen();
    if (!this._visit) {
      throw new InjuryCaseError(
        'FOLLOW_UP_VISIT_REQUIRED',
        'Rectification is ordered after the follow-up visit',
      );
    }
    if (this._rectification) {
      throw new InjuryCaseError(
        'RECTIFICATION_ALREADY_ORDERED',
        `Rectification of case ${this._claimId} is already ordered`,
      );
    }
    this.raise(
      event('RectificationOrdered', { items: rectificationOrderOf(items) }),
    );
  }

  completeRectificationItem(itemId: string, evidenceRef: string): void {
    this.assertOpen();
    const rectification = this.requireRectification();
    const item = rectification.items.get(itemId);
    if (!item) {
      throw new InjuryCaseError(
        'RECTIFICATION_ITEM_NOT_FOUND',
        `Case ${this._claimId} has no rectification item ${itemId}`,
        [{ path: 'itemId', message: 'unknown item' }],
      );
    }
    if (item.completed) {
      throw new InjuryCaseError(
        'RECTIFICATION_ITEM_ALREADY_COMPLETED',
        `Rectification item ${itemId} is already completed`,
      );
    }
    if (!isNonEmptyText(evidenceRef)) {
      throw invalid('evidenceRef', 'evidence reference is required');
    }
    this.raise(event('RectificationItemCompleted', { itemId, evidenceRef }));
  }

  verifyRectification(officerId: string): void {
    this.assertOpen();
    const rectification = this.requireRectification();
    if (rectification.verified) {
      throw new InjuryCaseError(
        'RECTIFICATION_ALREADY_VERIFIED',
        `Rectification of case ${this._claimId} is already verified`,
      );
    }
    const open = [...rectification.items.values()]
      .filter((i) => !i.completed)
      .map((i) => i.itemId);
    if (open.length > 0) {
      throw new InjuryCaseError(
        'RECTIFICATION_ITEMS_INCOMPLETE',
        `Rectification items not completed: ${open.join(', ')}`,
        open.map((itemId) => ({
          path: `items/${itemId}`,
          message: 'not completed',
        })),
      );
    }
    if (!isNonEmptyText(officerId))
      throw invalid('officerId', 'officer is required');
    this.raise(event('RectificationVerified', { officerId }));
  }

  /**
   * Raises FollowUpVisitOverdue once, when `now` (from the injected clock) is past the visit's
   * deadline and the visit is still not made. Returns whether it raised.
   */
  markFollowUpOverdue(now: Date): boolean {
    const followUp = this._followUp;
    if (
      !followUp ||
      followUp.overdue ||
      this._visit ||
      this._withdrawn ||
      this._closed
    )
      return false;
    if (!isFollowUpOverdue(followUp.dueBy, now)) return false;
    this.raise(event('FollowUpVisitOverdue', { dueBy: followUp.dueBy }));
    return true;
  }

  /** Closes the case: after verified rectification, or with a reason when no rectification is needed. */
  close(reason?: string): void {
    this.assertExists();
    if (this._closed)
      throw new InjuryCaseError(
        'INJURY_CASE_CLOSED',
        `Case ${this._claimId} is already closed`,
      );
    const why = isNonEmptyText(reason) ? reason.trim() : undefined;
    if (!this._withdrawn) {
      if (this._rectification) {
        if (!this._rectification.verified) {
          throw new InjuryCaseError(
            'RECTIFICATION_NOT_VERIFIED',
            'A case with rectification ordered closes once it is verified',
          );
        }
      } else {
        if (this._followUp && !this._visit) {
          throw new InjuryCaseError(
            'FOLLOW_UP_VISIT_PENDING',
            'The follow-up visit is due: record it before closing the case',
          );
        }
        if (!why) {
          throw new InjuryCaseError(
            'CLOSURE_REASON_REQUIRED',
            'Closing without rectification needs a reason',
            [
              {
                path: 'reason',
                message: 'is required when no rectification was ordered',
              },
            ],
          );
        }
      }
    }
    this.raise(event('InjuryCaseClosed', why ? { reason: why } : {}));
  }

  /**
   * How many declaration events (received, corrected, withdrawn) the case has: what the feed's
   * event ids are derived from, so that officers' work and recurrence flags on the same stream do
   * not change the ids of the feed's events.
   */
  get declarationVersion(): number {
    return this._declarationEvents;
  }

  get activeRecurrences(): readonly string[] {
    return [...this._recurrences];
  }

  // ------------------------------------------------------------------ state

  get exists(): boolean {
    return this._content !== undefined;
  }
  get claimId(): string | undefined {
    return this._claimId;
  }
  get zoneId(): string | undefined {
    return this._zoneId;
  }
  get content(): DeclarationContent | undefined {
    return this._content ? { ...this._content } : undefined;
  }
  get followUpDueBy(): string | undefined {
    return this._followUp?.dueBy;
  }
  get isWithdrawn(): boolean {
    return this._withdrawn;
  }
  get isClosed(): boolean {
    return this._closed;
  }
  get rectificationItemIds(): string[] {
    return this._rectification ? [...this._rectification.items.keys()] : [];
  }

  get status(): InjuryCaseStatus {
    return injuryCaseStatus({
      closed: this._closed,
      withdrawn: this._withdrawn,
      rectificationOrdered: this._rectification !== undefined,
      rectificationVerified: this._rectification?.verified === true,
      visited: this._visit !== undefined,
      followUpScheduled: this._followUp !== undefined,
      followUpOverdue: this._followUp?.overdue === true,
    });
  }

  // ------------------------------------------------------------------ apply

  protected apply(e: InjuryCaseEvent): void {
    switch (e.type) {
      case 'InjuryDeclarationReceived':
        return this.onInjuryDeclarationReceived(e);
      case 'InjuryDeclarationCorrected':
        return this.onInjuryDeclarationCorrected(e);
      case 'InjuryDeclarationWithdrawn':
        return this.onInjuryDeclarationWithdrawn(e);
      case 'FollowUpVisitScheduled':
        return this.onFollowUpVisitScheduled(e);
      case 'FollowUpVisitCompleted':
        return this.onFollowUpVisitCompleted(e);
      case 'RectificationOrdered':
        return this.onRectificationOrdered(e);
      case 'RectificationItemCompleted':
        return this.onRectificationItemCompleted(e);
      case 'RectificationVerified':
        return this.onRectificationVerified(e);
      case 'FollowUpVisitOverdue':
        return this.onFollowUpVisitOverdue(e);
      case 'InjuryCaseClosed':
        return this.onInjuryCaseClosed(e);
      case 'RecurrenceFlagged':
        return this.onRecurrenceFlagged(e);
      case 'RecurrenceFlagRetracted':
        return this.onRecurrenceFlagRetracted(e);
      default: {
        const _exhaustive: never = e;
        throw new Error(
          `Unknown InjuryCase event ${(_exhaustive as { type: string }).type}`,
        );
      }
    }
  }

  private onInjuryDeclarationReceived(e: InjuryDeclarationReceived): void {
    this._declarationEvents++;
    const { claimId, feedWeek, zoneId, ...content } = e.data;
    this._claimId = claimId;
    this._firstFeedWeek = feedWeek;
    this._zoneId = zoneId;
    this._content = normaliseContent(content);
  }

  private onInjuryDeclarationCorrected(e: InjuryDeclarationCorrected): void {
    this._declarationEvents++;
    this._content = applyChanges(this._content!, e.data.changes);
    if (e.data.zoneId !== undefined) this._zoneId = e.data.zoneId;
    if (
      e.data.changes.determination !== undefined &&
      e.data.changes.determination !== 'not-recognised'
    ) {
      this._withdrawn = false; // re-determined as a work injury (e.g. after an appeal)
    }
  }

  private onInjuryDeclarationWithdrawn(_e: InjuryDeclarationWithdrawn): void {
    this._declarationEvents++;
    this._withdrawn = true;
    this._content = { ...this._content!, determination: 'not-recognised' };
  }

  private onFollowUpVisitScheduled(e: FollowUpVisitScheduled): void {
    this._followUp = { dueBy: e.data.dueBy, overdue: false };
  }

  private onFollowUpVisitCompleted(e: FollowUpVisitCompleted): void {
    this._visit = e.data;
  }

  private onRectificationOrdered(e: RectificationOrdered): void {
    this._rectification = {
      items: new Map(
        e.data.items.map((i) => [i.itemId, { ...i, completed: false }]),
      ),
      verified: false,
    };
  }

  private onRectificationItemCompleted(e: RectificationItemCompleted): void {
    const item = this._rectification?.items.get(e.data.itemId);
    if (item) {
      item.completed = true;
      item.evidenceRef = e.data.evidenceRef;
    }
  }

  private onRectificationVerified(_e: RectificationVerified): void {
    if (this._rectification) this._rectification.verified = true;
  }

  private onFollowUpVisitOverdue(_e: FollowUpVisitOverdue): void {
    if (this._followUp) this._followUp.overdue = true;
  }

  private onInjuryCaseClosed(_e: InjuryCaseClosed): void {
    this._closed = true;
  }

  private onRecurrenceFlagRetracted(e: RecurrenceFlagRetracted): void {
    for (const id of e.data.previousClaimIds) this._recurrences.delete(id);
  }

  private onRecurrenceFlagged(e: RecurrenceFlagged): void {
    for (const id of e.data.previousClaimIds) this._recurrences.add(id);
  }

  // ------------------------------------------------------------------ helpers

  private scheduleFollowUpIfDue(policy: FollowUpPolicy): void {
    const content = this._content!;
    if (this._followUp || this._visit || this._withdrawn) return;
    if (!policy.injuryNatures.includes(content.injuryNature)) return;
    this.raise(
      event('FollowUpVisitScheduled', {
        dueBy: followUpDueBy(content.declaredAt, policy),
      }),
    );
  }

  private assertExists(): void {
    if (!this._content)
      throw new InjuryCaseError('INJURY_CASE_NOT_FOUND', 'No such injury case');
  }

  private assertOpen(): void {
    this.assertExists();
    if (this._closed)
      throw new InjuryCaseError(
        'INJURY_CASE_CLOSED',
        `Case ${this._claimId} is closed`,
      );
    if (this._withdrawn)
      throw new InjuryCaseError(
        'INJURY_CASE_WITHDRAWN',
        `Case ${this._claimId} was withdrawn (not a work injury)`,
      );
  }

  private requireRectification(): RectificationState {
    if (!this._rectification) {
      throw new InjuryCaseError(
        'RECTIFICATION_NOT_ORDERED',
        `No rectification is ordered for case ${this._claimId}`,
      );
    }
    return this._rectification;
  }

  /** First feed week in which the declaration arrived. */
  get feedWeek(): string | undefined {
    return this._firstFeedWeek;
  }
}

function event<T extends InjuryCaseEvent['type']>(
  type: T,
  data: Extract<InjuryCaseEvent, { type: T }>['data'],
): Extract<InjuryCaseEvent, { type: T }> {
  return {
    type,
    schemaVersion: INJURIES_EVENT_CODEC.latestVersion(type),
    data,
  } as Extract<InjuryCaseEvent, { type: T }>;
}

const invalid = (path: string, message: string): InjuryCaseError =>
  new InjuryCaseError('INJURY_CASE_INVALID', `${path} ${message}`, [
    { path, message },
  ]);
