import { createEventStore, type EventStore } from '@app/event-store';
import { DEFAULT_REFERENCE_DATA } from '@app/reference-data';
import type { DomainError } from '@app/shared-kernel';
import { FixedClock } from '@app/shared-kernel';
import { FakeInjuryCaseReadModel } from '../../testing/fakes.js';
import { InjuryCase } from '../../domain/injury-case.aggregate.js';
import { DEFAULT_FOLLOW_UP_POLICY } from '../../domain/follow-up-policy.js';
import { aDeclaration } from '../../testing/injury-case.factory.js';
import {
  injuryCaseRepository,
  inMemoryVault,
} from '../../testing/personal-data.js';
import { RecordFollowUpVisitCommand } from './record-follow-up-visit/record-follow-up-visit.command.js';
import { RecordFollowUpVisitHandler } from './record-follow-up-visit/record-follow-up-visit.handler.js';
import { OrderRectificationCommand } from './order-rectification/order-rectification.command.js';
import { OrderRectificationHandler } from './order-rectification/order-rectification.handler.js';
import { CompleteRectificationItemCommand } from './complete-rectification-item/complete-rectification-item.command.js';
import { CompleteRectificationItemHandler } from './complete-rectification-item/complete-rectification-item.handler.js';
import { VerifyRectificationCommand } from './verify-rectification/verify-rectification.command.js';
import { VerifyRectificationHandler } from './verify-rectification/verify-rectification.handler.js';
import { CloseInjuryCaseCommand } from './close-injury-case/close-injury-case.command.js';
import { CloseInjuryCaseHandler } from './close-injury-case/close-injury-case.handler.js';
import { DetectOverdueFollowUpsCommand } from './detect-overdue-follow-ups/detect-overdue-follow-ups.command.js';
import { DetectOverdueFollowUpsHandler } from './detect-overdue-follow-ups/detect-overdue-follow-ups.handler.js';

const meta = { actor: 'officer-7', correlationId: 'c-1' };
const CLAIM = 'XX-2024-000123';

const opened: EventStore[] = [];
const vault = inMemoryVault();
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

/** The real SQLite adapter on a private in-memory database, holding one received case. */
async function withReceivedCase(): Promise<EventStore> {
  const store = await createEventStore(
    { kind: 'sqlite', filename: ':memory:' },
    new FixedClock('2024-09-01T00:00:00Z'),
  );
  opened.push(store);
  await injuryCaseRepository(store, vault).save(
    CLAIM,
    InjuryCase.receive(aDeclaration(), DEFAULT_FOLLOW_UP_POLICY),
    { actor: 'hr-feed', correlationId: 'feed' },
  );
  return store;
}

const visit = {
  claimId: CLAIM,
  causeAnalysis: {
    accidentType: { standard: 'GB6441-86', code: '03' },
    directCauses: ['防护罩缺失'],
    rootCauses: ['unsafe-condition' as const],
    narrative: '设备防护缺失',
  },
  recommendations: ['加装防护罩'],
};

describe('injury case command slices', () => {
  it('visit → rectification → items → verification → closure, with the acting officer and numbered items', async () => {
    const store = await withReceivedCase();
    await new RecordFollowUpVisitHandler(
      injuryCaseRepository(store, vault),
      DEFAULT_REFERENCE_DATA,
    ).execute(new RecordFollowUpVisitCommand(visit, meta));
    const ordered = await new OrderRectificationHandler(
      injuryCaseRepository(store, vault),
    ).execute(
      new OrderRectificationCommand(
        {
          claimId: CLAIM,
          items: [
            { description: '加装防护罩', dueBy: '2024-09-30' },
            { description: '培训', dueBy: '2024-09-15' },
          ],
        },
        meta,
      ),
    );
    expect(ordered.itemIds).toEqual(['item-1', 'item-2']);
    const complete = new CompleteRectificationItemHandler(
      injuryCaseRepository(store, vault),
    );
    await complete.execute(
      new CompleteRectificationItemCommand(
        { claimId: CLAIM, itemId: 'item-1', evidenceRef: 'photo-1' },
        meta,
      ),
    );
    await complete.execute(
      new CompleteRectificationItemCommand(
        { claimId: CLAIM, itemId: 'item-2', evidenceRef: 'sign-in-sheet' },
        meta,
      ),
    );
    await new VerifyRectificationHandler(
      injuryCaseRepository(store, vault),
    ).execute(new VerifyRectificationCommand({ claimId: CLAIM }, meta));
    const closed = await new CloseInjuryCaseHandler(
      injuryCaseRepository(store, vault),
    ).execute(new CloseInjuryCaseCommand({ claimId: CLAIM }, meta));

    expect(closed).toEqual({
      streamName: `injury-${CLAIM}`,
      streamPosition: 7,
      globalPosition: 8,
    });
    expect(
      (await store.readStream(`injury-${CLAIM}`)).map((e) => e.type),
    ).toEqual([
      'InjuryDeclarationReceived',
      'FollowUpVisitScheduled',
      'FollowUpVisitCompleted',
      'RectificationOrdered',
      'RectificationItemCompleted',
      'RectificationItemCompleted',
      'RectificationVerified',
      'InjuryCaseClosed',
    ]);
    const events = await store.readAll();
    expect(events[2].data).toMatchObject({
      officerId: 'officer-7',
      causeAnalysis: { accidentType: { name: '机械伤害' } },
    });
    expect(events[6].data).toEqual({ officerId: 'officer-7' });
  });

  it('an unknown case is not found; an unknown GB 6441 type is invalid; a stale If-Match is refused', async () => {
    const store = await withReceivedCase();
    const handler = new RecordFollowUpVisitHandler(
      injuryCaseRepository(store, vault),
      DEFAULT_REFERENCE_DATA,
    );
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: DomainError) => e.code,
      );
    expect(
      await codeOf(
        handler.execute(
          new RecordFollowUpVisitCommand({ ...visit, claimId: 'nope' }, meta),
        ),
      ),
    ).toBe('INJURY_CASE_NOT_FOUND');
    expect(
      await codeOf(
        handler.execute(
          new RecordFollowUpVisitCommand(
            {
              ...visit,
              causeAnalysis: {
                ...visit.causeAnalysis,
                accidentType: { standard: 'GB6441-86', code: '42' },
              },
            },
            meta,
          ),
        ),
      ),
    ).toBe('INJURY_CASE_INVALID');
    expect(
      await codeOf(
        handler.execute(
          new RecordFollowUpVisitCommand(visit, {
            ...meta,
            expectedVersion: 0n,
          }),
        ),
      ),
    ).toBe('STREAM_VERSION_CONFLICT');
  });
});

describe('DetectOverdueFollowUpsHandler', () => {
  async function run(now: string) {
    const store = await withReceivedCase(); // dueBy 2024-08-29
    const readModel = new FakeInjuryCaseReadModel();
    readModel.dueBefore = [CLAIM];
    const clock = new FixedClock(now);
    const handler = new DetectOverdueFollowUpsHandler(
      injuryCaseRepository(store, vault),
      readModel,
      clock,
    );
    return { store, handler, clock };
  }

  it('does nothing at the exact deadline instant (23:59:59.999 CST of dueBy)', async () => {
    const { store, handler } = await run('2024-08-29T15:59:59.999Z');
    expect(await handler.execute(new DetectOverdueFollowUpsCommand())).toEqual({
      checked: 1,
      flagged: [],
    });
    expect(await store.readAll()).toHaveLength(2);
  });

  it('flags the case one millisecond later, once, effective at the instant the deadline passed', async () => {
    const { store, handler, clock } = await run('2024-08-29T16:00:00.000Z');
    expect(await handler.execute(new DetectOverdueFollowUpsCommand())).toEqual({
      checked: 1,
      flagged: [CLAIM],
    });
    clock.advance(60_000);
    expect(await handler.execute(new DetectOverdueFollowUpsCommand())).toEqual({
      checked: 1,
      flagged: [],
    });
    const overdue = (await store.readAll()).filter(
      (e) => e.type === 'FollowUpVisitOverdue',
    );
    expect(overdue).toHaveLength(1);
    expect(overdue[0].data).toEqual({ dueBy: '2024-08-29' });
    expect(overdue[0].metadata.effectiveAt).toBe('2024-08-29T16:00:00.000Z');
  });
});
