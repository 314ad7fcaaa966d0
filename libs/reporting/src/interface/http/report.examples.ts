/** Examples for the OpenAPI document (the Xiangxiang January–August 2024 report). */
const cmp = (current: number, previous: number) => ({
  current,
  previous,
  change: current - previous,
  changePercent: ((current - previous) / previous) * 100,
});

export const ACCIDENT_REDUCTION_EXAMPLE = {
  period: { from: '2024-01-01', to: '2024-08-31' },
  previousPeriod: { from: '2023-01-01', to: '2023-08-31' },
  zoneId: null,
  asRecordedAt: null,
  accidents: cmp(58, 91),
  deaths: cmp(45, 77),
  injured: cmp(5, 20),
  aboveScaleWorkInjuryAccidents: cmp(17, 27),
  aboveScaleEnterprisesInvolved: cmp(17, 27),
  aboveScaleMedicalTreatmentClaims: cmp(15, 109),
};

export const FACTS_EXAMPLE = {
  figure: 'deaths',
  from: '2024-01-01',
  to: '2024-08-31',
  zoneId: null,
  value: 45,
  asRecordedAt: null,
  page: 1,
  pageSize: 50,
  contributingTotal: 31,
  excludedTotal: 1,
  contributing: [
    {
      key: 'XX-2024-0007',
      streams: ['accident-XX-2024-0007'],
      eventIds: ['5b0c7d0e-…', '9a41e2f3-…'],
      counts: 2,
      fields: {
        occurredAt: '2024-03-14T10:20:00+08:00',
        occurredOn: '2024-03-14',
        zoneId: 'zone-2',
        deaths: 2,
        seriousInjuries: 0,
        minorInjuries: 1,
      },
    },
  ],
  excluded: [
    {
      key: 'XX-2023-0311',
      streams: ['accident-XX-2023-0311'],
      eventIds: ['c3d2…'],
      counts: 0,
      reason: 'outside-period-asia-shanghai',
      fields: {
        occurredAt: '2023-12-31T15:40:00Z',
        occurredOn: '2023-12-31',
        zoneId: 'zone-1',
        deaths: 1,
      },
    },
  ],
};

export const COMPETITION_EXAMPLE = {
  month: '2024-08',
  asRecordedAt: null,
  referenceDataVersion: 'xiangxiang-2024.1',
  weights: {
    enrolledRate: 10,
    systemEstablishedRate: 25,
    listCoverage: 15,
    trainingCoverage: 10,
    followUpOnTimeRate: 15,
    rectificationClosureRate: 10,
    injuryRate: 15,
  },
  zones: [
    {
      zoneId: 'zone-1',
      zoneName: '一片区',
      enterprises: 126,
      enrolledRate: 0.98,
      systemEstablishedRate: 0.81,
      listCoverage: 0.93,
      modelEnterprises: 6,
      trainingCoverage: 0.64,
      guidanceVisits: 41,
      injuryDeclarations: 3,
      injuryRatePer1000: 1.9,
      followUpOnTimeRate: 1,
      rectificationClosureRate: 0.9,
      recurrences: 1,
      score: 84.2,
      rank: 1,
      rankChange: 1,
    },
  ],
};

export const WEEKLY_EXAMPLE = {
  week: '2024-W36',
  from: '2024-09-02',
  to: '2024-09-08',
  asRecordedAt: null,
  received: 12,
  corrected: 2,
  withdrawn: 1,
  quarantined: 1,
  byZone: { 'zone-1': 4, 'zone-2': 3, 'zone-3': 2, 'zone-4': 1, unassigned: 1 },
  byAccidentType: { 'GB6441-86:01': 3, 'GB6441-86:04': 5, 'GB6441-86:06': 3 },
  bySeverity: { minor: 9, serious: 2 },
  byInjuryNature: { workplace: 9, commute: 2 },
  followUpsDue: 8,
  followUpsOverdue: 1,
  recurrenceFlags: 1,
  reconciliation: {
    expectedCount: 13,
    received: 12,
    difference: 1,
    missingClaimIds: ['HR-2024-36-0013'],
    unexpectedClaimIds: [],
    quarantinedClaimIds: ['HR-2024-36-0013'],
  },
};
