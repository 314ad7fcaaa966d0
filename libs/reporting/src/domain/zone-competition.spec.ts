import { FactLog } from '../testing/facts.factory.js';
import { County } from './county.js';
import {
  indicatorFacts,
  ranks,
  score,
  zoneCompetition,
  type CompetitionOptions,
} from './zone-competition.js';

const options: CompetitionOptions = {
  zones: [
    { id: 'zone-1', name: '一片区' },
    { id: 'zone-2', name: '二片区' },
  ],
  components: ['post-responsibility', 'assessment'],
  weights: {
    enrolledRate: 10,
    systemEstablishedRate: 25,
    listCoverage: 15,
    trainingCoverage: 10,
    followUpOnTimeRate: 15,
    rectificationClosureRate: 10,
    injuryRate: 15,
  },
  productionSafetyNatures: ['workplace'],
};
const [A, B, C] = [
  '91110108551385082Q',
  '91430381MA4L1234X5',
  '91430381MA4L5678X9',
];

function county(): FactLog {
  const log = new FactLog();
  log.register(A, '2024-01-02T09:00:00+08:00', {
    zoneId: 'zone-1',
    headcount: 200,
  });
  log.register(B, '2024-01-02T09:00:00+08:00', {
    zoneId: 'zone-1',
    headcount: 100,
  });
  log.register(C, '2024-01-02T09:00:00+08:00', {
    zoneId: 'zone-2',
    headcount: 50,
  });
  log.add(
    { type: 'ResponsibilityProgramEnrolled', uscc: A },
    '2024-01-10T09:00:00+08:00',
  );
  log.add(
    { type: 'ResponsibilityProgramEnrolled', uscc: C },
    '2024-01-10T09:00:00+08:00',
  );
  for (const component of options.components)
    log.add(
      { type: 'ResponsibilitySystemComponentEstablished', uscc: A, component },
      '2024-02-01T09:00:00+08:00',
    );
  log.add(
    {
      type: 'PostResponsibilityListsPublished',
      uscc: A,
      postsTotal: 10,
      postsCovered: 5,
    },
    '2024-02-01T09:00:00+08:00',
  );
  log.add(
    {
      type: 'PostResponsibilityListsPublished',
      uscc: A,
      postsTotal: 10,
      postsCovered: 10,
    },
    '2024-03-05T09:00:00+08:00',
  );
  log.add(
    {
      type: 'PostResponsibilityListsPublished',
      uscc: C,
      postsTotal: 4,
      postsCovered: 1,
    },
    '2024-02-03T09:00:00+08:00',
  );
  log.add(
    {
      type: 'TrainingSessionRecorded',
      uscc: A,
      sessionId: 's1',
      audience: 'employee',
      attendees: 150,
    },
    '2024-02-10T09:00:00+08:00',
  );
  log.add(
    {
      type: 'TrainingSessionRecorded',
      uscc: A,
      sessionId: 's2',
      audience: 'manager',
      attendees: 30,
    },
    '2024-02-10T09:00:00+08:00',
  );
  log.add(
    {
      type: 'TrainingSessionRecorded',
      uscc: C,
      sessionId: 's3',
      audience: 'employee',
      attendees: 500,
    },
    '2024-02-11T09:00:00+08:00',
  );
  log.add(
    { type: 'GuidanceVisitRecorded', uscc: B, visitId: 'v1' },
    '2024-02-29T23:30:00+08:00',
  );
  log.declare('c1', { uscc: A, injuredAt: '2024-02-12T10:00:00+08:00' });
  log.declare('c2', {
    uscc: C,
    injuredAt: '2024-02-13T10:00:00+08:00',
    injuryNature: 'commute',
  });
  log.add(
    { type: 'FollowUpVisitScheduled', claimId: 'c1', dueBy: '2024-02-20' },
    '2024-02-13T10:00:00+08:00',
  );
  log.add(
    { type: 'FollowUpVisitCompleted', claimId: 'c1' },
    '2024-02-20T15:59:00Z',
  ); // 23:59 in Shanghai: on time
  log.add(
    { type: 'RectificationOrdered', claimId: 'c1' },
    '2024-02-21T10:00:00+08:00',
  );
  log.add(
    { type: 'RecurrenceFlagged', claimId: 'c1', previousClaimIds: ['c0'] },
    '2024-02-13T11:00:00+08:00',
  );
  return log;
}

describe('zone competition (docs/metrics.md §2)', () => {
  it('computes every indicator of a zone at month end', () => {
    const report = zoneCompetition(
      County.of(county().facts),
      '2024-02',
      options,
    );
    const zone1 = report.zones.find((z) => z.zoneId === 'zone-1')!;
    expect(zone1).toMatchObject({
      enterprises: 2,
      enrolledRate: 0.5,
      systemEstablishedRate: 0.5,
      listCoverage: 0.5,
      modelEnterprises: 0,
      trainingCoverage: 0.5,
      guidanceVisits: 1,
      injuryDeclarations: 1,
      injuryRatePer1000: (1 / 300) * 1000,
      followUpOnTimeRate: 1,
      rectificationClosureRate: 0,
      recurrences: 1,
    });
    const zone2 = report.zones.find((z) => z.zoneId === 'zone-2')!;
    // Training coverage is capped at 1; the commuting injury is not a production-safety declaration.
    expect(zone2).toMatchObject({
      enterprises: 1,
      trainingCoverage: 1,
      injuryDeclarations: 0,
      injuryRatePer1000: 0,
      listCoverage: 0.25,
    });
    expect(report.weights).toEqual(options.weights);
  });

  it('scores with the weights, normalising the injury rate against the highest zone, and ranks 1 = best', () => {
    const report = zoneCompetition(
      County.of(county().facts),
      '2024-02',
      options,
    );
    const [z1, z2] = report.zones;
    // zone-1: 10·0.5 + 25·0.5 + 15·0.5 + 10·0.5 + 15·1 + 10·0 + 15·(1 − 1) = 45
    expect(z1.score).toBeCloseTo(45, 10);
    // zone-2: 10·1 + 25·0 + 15·0.25 + 10·1 + 15·1 (null) + 10·1 (null) + 15·1 = 63.75
    expect(z2.score).toBeCloseTo(63.75, 10);
    expect([z1.rank, z2.rank]).toEqual([2, 1]);
  });

  it('states the rank change against the previous month', () => {
    const log = county();
    log.add(
      { type: 'RectificationVerified', claimId: 'c1' },
      '2024-03-02T10:00:00+08:00',
    );
    for (const component of options.components)
      log.add(
        {
          type: 'ResponsibilitySystemComponentEstablished',
          uscc: C,
          component,
        },
        '2024-03-03T09:00:00+08:00',
      );
    log.add(
      { type: 'ResponsibilityProgramEnrolled', uscc: B },
      '2024-03-03T09:00:00+08:00',
    );
    log.add(
      {
        type: 'PostResponsibilityListsPublished',
        uscc: B,
        postsTotal: 10,
        postsCovered: 10,
      },
      '2024-03-04T09:00:00+08:00',
    );
    for (const component of options.components)
      log.add(
        {
          type: 'ResponsibilitySystemComponentEstablished',
          uscc: B,
          component,
        },
        '2024-03-05T09:00:00+08:00',
      );
    // zone-2 now has the higher injury rate (1 in 50 against 1 in 300): zone-1 overtakes it.
    log.declare('c5', { uscc: C, injuredAt: '2024-03-06T10:00:00+08:00' });
    const march = zoneCompetition(County.of(log.facts), '2024-03', options);
    const z1 = march.zones.find((z) => z.zoneId === 'zone-1')!;
    expect(z1.rank).toBe(1);
    expect(z1.rankChange).toBe(1);
    expect(march.zones.find((z) => z.zoneId === 'zone-2')!.rankChange).toBe(-1);
  });

  it('attributes visits before a reassignment to the old zone, and counts the enterprise in its new zone at month end', () => {
    const log = county();
    log.add(
      { type: 'EnterpriseZoneReassigned', uscc: B, toZoneId: 'zone-2' },
      '2024-02-15T00:00:00+08:00',
    );
    const report = zoneCompetition(County.of(log.facts), '2024-02', options);
    expect(
      report.zones.map((z) => [z.zoneId, z.enterprises, z.guidanceVisits]),
    ).toEqual([
      ['zone-1', 1, 0],
      ['zone-2', 2, 1],
    ]);
  });

  it('shows the unassigned zone when it has data, without a score or rank', () => {
    const log = county();
    log.declare('stray', {
      uscc: '91430381MA4L9999X1',
      injuredAt: '2024-02-14T10:00:00+08:00',
    });
    const report = zoneCompetition(County.of(log.facts), '2024-02', options);
    expect(report.zones.find((z) => z.zoneId === 'unassigned')).toMatchObject({
      injuryDeclarations: 1,
      score: null,
      rank: null,
      rankChange: null,
    });
  });

  it('explains a rate by its numerator and denominator lines', () => {
    const facts = indicatorFacts(
      County.of(county().facts),
      '2024-02',
      'zone-1',
      'enrolledRate',
      options,
    );
    expect({
      numerator: facts.numerator,
      denominator: facts.denominator,
      rate: facts.rate,
    }).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(
      facts.contributing.map((l) => [l.key, l.counts, l.fields.enrolled]),
    ).toEqual([
      [A, 1, true],
      [B, 0, false],
    ]);
  });

  it('names the declarations a zone injury count leaves out', () => {
    const facts = indicatorFacts(
      County.of(county().facts),
      '2024-02',
      'zone-2',
      'injuryDeclarations',
      options,
    );
    expect(facts.value).toBe(0);
    expect(facts.excluded.map((l) => [l.key, l.reason])).toEqual([
      ['c2', 'commuting'],
    ]);
  });

  it('shares a rank between equal scores and counts a null rate as 1', () => {
    expect(ranks([80, 90, 80, 70])).toEqual([2, 1, 2, 4]);
    const none = {
      enrolledRate: null,
      systemEstablishedRate: null,
      listCoverage: null,
      trainingCoverage: null,
      followUpOnTimeRate: null,
      rectificationClosureRate: null,
      injuryRatePer1000: null,
    };
    expect(
      score(
        {
          ...none,
          enterprises: 0,
          modelEnterprises: 0,
          guidanceVisits: 0,
          injuryDeclarations: 0,
          recurrences: 0,
        },
        0,
        options.weights,
      ),
    ).toBe(100);
  });
});
