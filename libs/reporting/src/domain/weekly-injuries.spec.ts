import { isoWeekDates, isoWeekOf } from '@app/shared-kernel';
import { FactLog } from '../testing/facts.factory.js';
import { County } from './county.js';
import { weeklyFacts, weeklyInjurySummary } from './weekly-injuries.js';

const A = '91110108551385082Q';

describe('weekly injury summary (docs/metrics.md §3)', () => {
  it('knows ISO weeks across a year boundary', () => {
    expect(isoWeekDates('2025-W01')).toEqual({
      monday: '2024-12-30',
      sunday: '2025-01-05',
    });
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekDates('2024-W53')).toBeUndefined();
  });

  it('counts received, corrected, withdrawn and quarantined, breaks them down, and reconciles the manifest', () => {
    const log = new FactLog();
    const W = '2024-W10';
    log.register(A, '2024-01-01T00:00:00+08:00', { zoneId: 'zone-2' });
    log.declare(
      'c1',
      { uscc: A, injuredAt: '2024-03-01T10:00:00+08:00', severity: 'serious' },
      '2024-03-05T00:00:00Z',
      W,
    );
    log.declare(
      'c2',
      {
        uscc: A,
        injuredAt: '2024-03-02T10:00:00+08:00',
        injuryNature: 'commute',
      },
      '2024-03-05T00:00:00Z',
      W,
    );
    log.declare(
      'c3',
      { uscc: '91430381MA4L1234X5', injuredAt: '2024-03-02T10:00:00+08:00' },
      '2024-03-05T00:00:00Z',
      W,
    );
    log.declare(
      'c4',
      { uscc: A, injuredAt: '2024-03-02T10:00:00+08:00' },
      '2024-03-05T00:00:00Z',
      W,
    );
    log.add(
      {
        type: 'InjuryDeclarationWithdrawn',
        claimId: 'c4',
        feedWeek: W,
        reason: 'not-recognised',
      },
      '2024-03-05T00:00:00Z',
    );
    log.add(
      {
        type: 'InjuryDeclarationCorrected',
        claimId: 'c1',
        feedWeek: W,
        changes: { severity: 'fatal' },
      },
      '2024-03-05T00:00:01Z',
    );
    log.add(
      {
        type: 'FeedRecordQuarantined',
        feedWeek: W,
        quarantineId: 'q1',
        claimId: 'c9',
      },
      '2024-03-05T00:00:00Z',
    );
    log.add(
      {
        type: 'FeedManifestReceived',
        feedWeek: W,
        expectedCount: 5,
        claimIds: ['c1', 'c2', 'c3', 'c4', 'c9'],
      },
      '2024-03-05T00:00:00Z',
    );
    log.add(
      { type: 'FollowUpVisitScheduled', claimId: 'c1', dueBy: '2024-03-06' },
      '2024-03-05T00:00:00Z',
    );
    log.add(
      { type: 'FollowUpVisitScheduled', claimId: 'c3', dueBy: '2024-03-01' },
      '2024-03-05T00:00:00Z',
    );
    const summary = weeklyInjurySummary(County.of(log.facts), W);
    expect(summary).toMatchObject({
      week: W,
      from: '2024-03-04',
      to: '2024-03-10',
      received: 4,
      corrected: 1,
      withdrawn: 1,
      quarantined: 1,
      byZone: { 'zone-2': 2, unassigned: 1 },
      bySeverity: { fatal: 1, minor: 2 },
      byInjuryNature: { commute: 1, workplace: 2 },
      followUpsDue: 1,
      followUpsOverdue: 2,
      reconciliation: {
        expectedCount: 5,
        received: 4,
        difference: 1,
        missingClaimIds: ['c9'],
        unexpectedClaimIds: [],
        quarantinedClaimIds: ['c9'],
      },
    });
    expect(
      weeklyFacts(County.of(log.facts), W, 'missing').contributing.map(
        (l) => l.key,
      ),
    ).toEqual(['c9']);
  });
});
