import { InjuryCase, NOT_RECOGNISED_REASON } from './injury-case.aggregate.js';
import {
  DEFAULT_FOLLOW_UP_POLICY,
  type FollowUpPolicy,
} from './follow-up-policy.js';
import type { InjuryCaseEvent } from './injury-case.events.js';
import { INJURIES_EVENT_CODEC } from './injuries-event.codec.js';
import { specFor } from '@app/shared-kernel/testing';
import {
  aDeclaration,
  aVisit,
  MECHANICAL_86,
  ordered,
  received,
  scheduled,
  someItems,
  visited,
} from '../testing/injury-case.factory.js';

const spec = specFor<InjuryCaseEvent, InjuryCase>(InjuryCase.empty);
const policy = DEFAULT_FOLLOW_UP_POLICY;
const withdrawn = (feedWeek = '2024-W35'): InjuryCaseEvent => ({
  type: 'InjuryDeclarationWithdrawn',
  schemaVersion: 1,
  data: { reason: NOT_RECOGNISED_REASON, feedWeek },
});
const itemCompleted = (itemId: string): InjuryCaseEvent => ({
  type: 'RectificationItemCompleted',
  schemaVersion: 1,
  data: { itemId, evidenceRef: `photo-${itemId}` },
});
const verified: InjuryCaseEvent = {
  type: 'RectificationVerified',
  schemaVersion: 1,
  data: { officerId: 'officer-1' },
};
const closed = (reason?: string): InjuryCaseEvent => ({
  type: 'InjuryCaseClosed',
  schemaVersion: 1,
  data: reason ? { reason } : {},
});
const overdue = (dueBy = '2024-08-29'): InjuryCaseEvent => ({
  type: 'FollowUpVisitOverdue',
  schemaVersion: 1,
  data: { dueBy },
});

describe('InjuryCase — a feed record with a new claimId', () => {
  it('is received with the worker pseudonym and its zone, and a workplace injury gets a visit due declaredAt + 7 days', () => {
    spec
      .given()
      .when((c) =>
        expect(c.recordDeclaration(aDeclaration(), policy)).toBe('accepted'),
      )
      .then([received(), scheduled('2024-08-29')]);
  });

  it('is attributed to zone "unassigned" when the zone given is unassigned', () => {
    spec
      .given()
      .when((c) =>
        c.recordDeclaration(aDeclaration({ zoneId: 'unassigned' }), policy),
      )
      .then([received({ zoneId: 'unassigned' }), scheduled()]);
  });

  it('gets no visit when its injury nature is not configured for follow-up (commute by default)', () => {
    spec
      .given()
      .when((c) =>
        c.recordDeclaration(
          aDeclaration({ content: { injuryNature: 'commute' } }),
          policy,
        ),
      )
      .then([received({ content: { injuryNature: 'commute' } })]);
  });

  it('uses the configured number of days and natures', () => {
    const custom: FollowUpPolicy = {
      dueDays: 10,
      injuryNatures: ['workplace', 'commute'],
    };
    spec
      .given()
      .when((c) =>
        c.recordDeclaration(
          aDeclaration({
            content: { injuryNature: 'commute', declaredAt: '2024-12-25' },
          }),
          custom,
        ),
      )
      .then([
        received({
          content: { injuryNature: 'commute', declaredAt: '2024-12-25' },
        }),
        scheduled('2025-01-04'),
      ]);
  });

  it('that HR did not recognise as a work injury is received and withdrawn at once, with no visit', () => {
    spec
      .given()
      .when((c) =>
        expect(
          c.recordDeclaration(
            aDeclaration({ content: { determination: 'not-recognised' } }),
            policy,
          ),
        ).toBe('withdrawn'),
      )
      .then([
        received({ content: { determination: 'not-recognised' } }),
        withdrawn(),
      ]);
  });

  it('treats an absent and a null disability grade as the same content', () => {
    spec
      .given(received(), scheduled())
      .when((c) =>
        expect(
          c.recordDeclaration(
            aDeclaration({ content: { disabilityGrade: null } }),
            policy,
          ),
        ).toBe('duplicate'),
      )
      .thenNothing();
  });

  it('is rejected when it is malformed, naming each field', () => {
    const error = spec
      .given()
      .when((c) =>
        c.recordDeclaration(
          aDeclaration({
            feedWeek: '2024-35',
            content: { declaredAt: '2024-02-30' },
          }),
          policy,
        ),
      )
      .thenError('INJURY_CASE_INVALID', 'invalid');
    expect(error.details.map((d) => d.path)).toEqual([
      'feedWeek',
      'declaredAt',
    ]);
  });
});

describe('InjuryCase — a feed record for a claimId already received', () => {
  it('with the same content appends nothing (idempotent), even from a later feed week', () => {
    spec
      .given(received(), scheduled())
      .when((c) =>
        expect(
          c.recordDeclaration(aDeclaration({ feedWeek: '2024-W36' }), policy),
        ).toBe('duplicate'),
      )
      .thenNothing();
  });

  it('with different content is corrected with the changed fields only and the feed week', () => {
    spec
      .given(received(), scheduled())
      .when((c) =>
        expect(
          c.recordDeclaration(
            aDeclaration({
              feedWeek: '2024-W36',
              content: {
                severity: 'serious',
                disabilityGrade: 8,
                narrative: undefined,
              },
            }),
            policy,
          ),
        ).toBe('corrected'),
      )
      .then([
        {
          type: 'InjuryDeclarationCorrected',
          schemaVersion: 2,
          data: {
            changes: {
              severity: 'serious',
              disabilityGrade: 8,
              narrative: null,
            },
            feedWeek: '2024-W36',
          },
        },
      ]);
  });

  it('moving to another enterprise carries the zone of the new one', () => {
    spec
      .given(received(), scheduled())
      .when((c) =>
        c.recordDeclaration(
          aDeclaration({
            zoneId: 'zone-3',
            content: { uscc: '914303810000010022' },
          }),
          policy,
        ),
      )
      .then([
        {
          type: 'InjuryDeclarationCorrected',
          schemaVersion: 2,
          data: {
            changes: { uscc: '914303810000010022' },
            feedWeek: '2024-W35',
            zoneId: 'zone-3',
          },
        },
      ]);
  });

  it('turning into a workplace injury schedules the visit that was not needed before', () => {
    spec
      .given(received({ content: { injuryNature: 'commute' } }))
      .when((c) => c.recordDeclaration(aDeclaration(), policy))
      .then([
        {
          type: 'InjuryDeclarationCorrected',
          schemaVersion: 2,
          data: {
            changes: { injuryNature: 'workplace' },
            feedWeek: '2024-W35',
          },
        },
        scheduled(),
      ]);
  });

  it('whose determination becomes not-recognised withdraws the case (other changes recorded first)', () => {
    spec
      .given(received(), scheduled())
      .when((c) =>
        expect(
          c.recordDeclaration(
            aDeclaration({
              feedWeek: '2024-W37',
              content: { determination: 'not-recognised', bodyPart: '右手' },
            }),
            policy,
          ),
        ).toBe('withdrawn'),
      )
      .then([
        {
          type: 'InjuryDeclarationCorrected',
          schemaVersion: 2,
          data: { changes: { bodyPart: '右手' }, feedWeek: '2024-W37' },
        },
        withdrawn('2024-W37'),
      ]);
  });

  it('re-determined as a work injury after a withdrawal is corrected and reopened', () => {
    const { aggregate } = spec
      .given(
        received({ content: { determination: 'not-recognised' } }),
        withdrawn(),
      )
      .when((c) => c.recordDeclaration(aDeclaration(), policy))
      .then([
        {
          type: 'InjuryDeclarationCorrected',
          schemaVersion: 2,
          data: {
            changes: { determination: 'recognised' },
            feedWeek: '2024-W35',
          },
        },
        scheduled(),
      ]);
    expect(aggregate.status).toBe('follow-up-due');
  });

  it('is still recorded on a closed case, without scheduling a new visit', () => {
    spec
      .given(
        received({ content: { injuryNature: 'commute' } }),
        closed('通勤事故，无需整改'),
      )
      .when((c) => c.recordDeclaration(aDeclaration(), policy))
      .then([
        {
          type: 'InjuryDeclarationCorrected',
          schemaVersion: 2,
          data: {
            changes: { injuryNature: 'workplace' },
            feedWeek: '2024-W35',
          },
        },
      ]);
  });
});

describe('InjuryCase — follow-up visit', () => {
  it('records the GB 6441 cause analysis and recommendations', () => {
    spec
      .given(received(), scheduled())
      .when((c) => c.recordFollowUpVisit(aVisit()))
      .then([visited()]);
  });

  it('may be made for a case that needed none (e.g. a commuting injury)', () => {
    spec
      .given(received({ content: { injuryNature: 'commute' } }))
      .when((c) => c.recordFollowUpVisit(aVisit()))
      .then([visited()]);
  });

  it('is recorded once', () => {
    spec
      .given(received(), scheduled(), visited())
      .when((c) => c.recordFollowUpVisit(aVisit()))
      .thenError('FOLLOW_UP_VISIT_ALREADY_RECORDED', 'conflict');
  });

  it('needs a known case', () => {
    spec
      .given()
      .when((c) => c.recordFollowUpVisit(aVisit()))
      .thenError('INJURY_CASE_NOT_FOUND', 'not-found');
  });

  it('is refused for a withdrawn case', () => {
    spec
      .given(
        received({ content: { determination: 'not-recognised' } }),
        withdrawn(),
      )
      .when((c) => c.recordFollowUpVisit(aVisit()))
      .thenError('INJURY_CASE_WITHDRAWN', 'conflict');
  });

  it('root causes are unsafe-act, unsafe-condition or management-defect, at least one, none repeated', () => {
    const bad = (rootCauses: string[]) =>
      spec
        .given(received(), scheduled())
        .when((c) =>
          c.recordFollowUpVisit(
            aVisit({
              causeAnalysis: {
                ...aVisit().causeAnalysis,
                rootCauses: rootCauses as never,
              },
            }),
          ),
        )
        .thenError('INJURY_CASE_INVALID', 'invalid');
    expect(bad([]).details[0].path).toBe('causeAnalysis/rootCauses');
    expect(bad(['bad-luck']).details[0].path).toBe('causeAnalysis/rootCauses');
    expect(bad(['unsafe-act', 'unsafe-act']).details[0].path).toBe(
      'causeAnalysis/rootCauses',
    );
  });

  it('needs a direct cause, an accident type, a narrative and an officer', () => {
    const error = spec
      .given(received(), scheduled())
      .when((c) =>
        c.recordFollowUpVisit({
          officerId: '',
          causeAnalysis: {
            accidentType: undefined as never,
            directCauses: [],
            rootCauses: ['unsafe-act'],
            narrative: ' ',
          },
          recommendations: [],
        }),
      )
      .thenError('INJURY_CASE_INVALID');
    expect(error.details.map((d) => d.path)).toEqual([
      'officerId',
      'causeAnalysis/accidentType',
      'causeAnalysis/directCauses',
      'causeAnalysis/narrative',
    ]);
  });
});

describe('InjuryCase — follow-up deadline (dueBy is a date; due by the end of that day, Asia/Shanghai)', () => {
  // dueBy 2024-08-29: the deadline instant is 2024-08-29T23:59:59.999+08:00 = 2024-08-29T15:59:59.999Z
  it('is not overdue at the exact deadline instant', () => {
    spec
      .given(received(), scheduled())
      .when((c) =>
        expect(
          c.markFollowUpOverdue(new Date('2024-08-29T15:59:59.999Z')),
        ).toBe(false),
      )
      .thenNothing();
  });

  it('is overdue one millisecond after the deadline', () => {
    spec
      .given(received(), scheduled())
      .when((c) =>
        expect(
          c.markFollowUpOverdue(new Date('2024-08-29T16:00:00.000Z')),
        ).toBe(true),
      )
      .then([overdue('2024-08-29')]);
  });

  it('is flagged overdue only once', () => {
    spec
      .given(received(), scheduled(), overdue())
      .when((c) =>
        expect(c.markFollowUpOverdue(new Date('2024-09-30T00:00:00Z'))).toBe(
          false,
        ),
      )
      .thenNothing();
  });

  it('is not overdue once the visit is made, nor for a withdrawn or closed case, nor when no visit is due', () => {
    const late = new Date('2024-09-30T00:00:00Z');
    spec
      .given(received(), scheduled(), visited())
      .when((c) => c.markFollowUpOverdue(late))
      .thenNothing();
    spec
      .given(received(), scheduled(), withdrawn())
      .when((c) => c.markFollowUpOverdue(late))
      .thenNothing();
    spec
      .given(received({ content: { injuryNature: 'commute' } }))
      .when((c) => c.markFollowUpOverdue(late))
      .thenNothing();
  });

  it('a visit made after the overdue flag is still recorded', () => {
    const { aggregate } = spec
      .given(received(), scheduled(), overdue())
      .when((c) => c.recordFollowUpVisit(aVisit()))
      .then([visited()]);
    expect(aggregate.status).toBe('visited');
  });
});

describe('InjuryCase — rectification', () => {
  it('is ordered after the visit, with its items', () => {
    spec
      .given(received(), scheduled(), visited())
      .when((c) => c.orderRectification(someItems()))
      .then([ordered()]);
  });

  it('cannot be ordered before the visit', () => {
    spec
      .given(received(), scheduled())
      .when((c) => c.orderRectification(someItems()))
      .thenError('FOLLOW_UP_VISIT_REQUIRED', 'conflict');
  });

  it('is ordered once', () => {
    spec
      .given(received(), scheduled(), visited(), ordered())
      .when((c) => c.orderRectification(someItems()))
      .thenError('RECTIFICATION_ALREADY_ORDERED');
  });

  it('needs at least one item, unique item ids, descriptions and due dates', () => {
    spec
      .given(received(), visited())
      .when((c) => c.orderRectification([]))
      .thenError('INJURY_CASE_INVALID');
    const error = spec
      .given(received(), visited())
      .when((c) =>
        c.orderRectification([
          { itemId: 'item-1', description: 'x', dueBy: '2024-09-01' },
          { itemId: 'item-1', description: '', dueBy: '09/01/2024' },
        ]),
      )
      .thenError('INJURY_CASE_INVALID');
    expect(error.details.map((d) => d.path)).toEqual([
      'items/1/itemId',
      'items/1/description',
      'items/1/dueBy',
    ]);
  });

  it('items are completed one by one with evidence', () => {
    spec
      .given(received(), visited(), ordered())
      .when((c) => c.completeRectificationItem('item-2', 'photo-item-2'))
      .then([itemCompleted('item-2')]);
  });

  it('an unknown item cannot be completed', () => {
    spec
      .given(received(), visited(), ordered())
      .when((c) => c.completeRectificationItem('item-9', 'x'))
      .thenError('RECTIFICATION_ITEM_NOT_FOUND', 'not-found');
  });

  it('an item is completed once', () => {
    spec
      .given(received(), visited(), ordered(), itemCompleted('item-1'))
      .when((c) => c.completeRectificationItem('item-1', 'again'))
      .thenError('RECTIFICATION_ITEM_ALREADY_COMPLETED');
  });

  it('an item cannot be completed when nothing was ordered', () => {
    spec
      .given(received(), visited())
      .when((c) => c.completeRectificationItem('item-1', 'x'))
      .thenError('RECTIFICATION_NOT_ORDERED');
  });

  it('is verified only when all items are completed', () => {
    const error = spec
      .given(received(), visited(), ordered(), itemCompleted('item-1'))
      .when((c) => c.verifyRectification('officer-1'))
      .thenError('RECTIFICATION_ITEMS_INCOMPLETE', 'conflict');
    expect(error.details).toEqual([
      { path: 'items/item-2', message: 'not completed' },
    ]);

    spec
      .given(
        received(),
        visited(),
        ordered(),
        itemCompleted('item-1'),
        itemCompleted('item-2'),
      )
      .when((c) => c.verifyRectification('officer-1'))
      .then([verified]);
  });

  it('is verified once, and never when not ordered', () => {
    spec
      .given(
        received(),
        visited(),
        ordered(),
        itemCompleted('item-1'),
        itemCompleted('item-2'),
        verified,
      )
      .when((c) => c.verifyRectification('officer-1'))
      .thenError('RECTIFICATION_ALREADY_VERIFIED');
    spec
      .given(received(), visited())
      .when((c) => c.verifyRectification('officer-1'))
      .thenError('RECTIFICATION_NOT_ORDERED');
  });
});

describe('InjuryCase — closure', () => {
  const done = [
    received(),
    scheduled(),
    visited(),
    ordered(),
    itemCompleted('item-1'),
    itemCompleted('item-2'),
    verified,
  ];

  it('closes after the rectification is verified', () => {
    const { aggregate } = spec
      .given(...done)
      .when((c) => c.close())
      .then([closed()]);
    expect(aggregate.status).toBe('closed');
  });

  it('does not close while an ordered rectification is unverified', () => {
    spec
      .given(received(), visited(), ordered())
      .when((c) => c.close('整改中'))
      .thenError('RECTIFICATION_NOT_VERIFIED', 'conflict');
  });

  it('closes without rectification only with a reason', () => {
    spec
      .given(received(), scheduled(), visited())
      .when((c) => c.close())
      .thenError('CLOSURE_REASON_REQUIRED');
    spec
      .given(received(), scheduled(), visited())
      .when((c) => c.close('  '))
      .thenError('CLOSURE_REASON_REQUIRED');
    spec
      .given(received(), scheduled(), visited())
      .when((c) => c.close('设备已报废，无需整改'))
      .then([closed('设备已报废，无需整改')]);
  });

  it('does not close while the follow-up visit is still due', () => {
    spec
      .given(received(), scheduled())
      .when((c) => c.close('无需回访'))
      .thenError('FOLLOW_UP_VISIT_PENDING');
  });

  it('a case with no visit due closes with a reason', () => {
    spec
      .given(received({ content: { injuryNature: 'commute' } }))
      .when((c) => c.close('通勤事故'))
      .then([closed('通勤事故')]);
  });

  it('a withdrawn case closes without further conditions', () => {
    spec
      .given(received(), scheduled(), withdrawn())
      .when((c) => c.close())
      .then([closed()]);
  });

  it('closes once, and a closed case takes no more follow-up commands', () => {
    spec
      .given(...done, closed())
      .when((c) => c.close('again'))
      .thenError('INJURY_CASE_CLOSED');
    spec
      .given(received(), scheduled(), visited(), closed('无需整改'))
      .when((c) => c.orderRectification(someItems()))
      .thenError('INJURY_CASE_CLOSED');
  });
});

describe('InjuryCase — recurrence flags (appended by the recurrence process manager)', () => {
  const flagged = (...previousClaimIds: string[]) =>
    ({
      type: 'RecurrenceFlagged',
      schemaVersion: 2,
      data: {
        previousClaimIds,
        accidentType: MECHANICAL_86,
        daysSinceLatest: 30,
        daysBetween: previousClaimIds.map(() => 30),
      },
    }) as const;
  const retracted = (...previousClaimIds: string[]) =>
    ({
      type: 'RecurrenceFlagRetracted',
      schemaVersion: 2,
      data: { previousClaimIds, reason: 'corrected' },
    }) as const;

  it('holds every earlier case a flag names, until a retraction names it', () => {
    const c = InjuryCase.empty().loadFromHistory([
      received(),
      flagged('A', 'B'),
      flagged('C'),
      retracted('B'),
    ]);
    expect([...c.activeRecurrences].sort()).toEqual(['A', 'C']);
  });

  it('reads v1 flags (one earlier case per event) as v2 through the codec', () => {
    const v1 = [
      {
        type: 'RecurrenceFlagged',
        schemaVersion: 1,
        data: {
          previousClaimId: 'A',
          accidentType: MECHANICAL_86,
          daysBetween: 3,
        },
      },
      {
        type: 'RecurrenceFlagged',
        schemaVersion: 1,
        data: {
          previousClaimId: 'B',
          accidentType: MECHANICAL_86,
          daysBetween: 9,
        },
      },
      {
        type: 'RecurrenceFlagRetracted',
        schemaVersion: 1,
        data: { previousClaimId: 'A', reason: 'corrected' },
      },
    ].map((e) => INJURIES_EVENT_CODEC.decode(e) as InjuryCaseEvent);
    expect(v1[0]).toEqual({
      type: 'RecurrenceFlagged',
      schemaVersion: 2,
      data: {
        previousClaimIds: ['A'],
        accidentType: MECHANICAL_86,
        daysSinceLatest: 3,
        daysBetween: [3],
      },
    });
    expect(
      InjuryCase.empty().loadFromHistory([received(), ...v1]).activeRecurrences,
    ).toEqual(['B']);
  });
});

describe('InjuryCase — status', () => {
  it('follows the case through its life', () => {
    const statusAfter = (...events: InjuryCaseEvent[]) =>
      InjuryCase.empty().loadFromHistory(events).status;
    expect(
      statusAfter(received({ content: { injuryNature: 'commute' } })),
    ).toBe('open');
    expect(statusAfter(received(), scheduled())).toBe('follow-up-due');
    expect(statusAfter(received(), scheduled(), overdue())).toBe(
      'follow-up-overdue',
    );
    expect(statusAfter(received(), scheduled(), visited())).toBe('visited');
    expect(statusAfter(received(), scheduled(), visited(), ordered())).toBe(
      'rectifying',
    );
    expect(statusAfter(received(), scheduled(), withdrawn())).toBe('withdrawn');
  });
});
