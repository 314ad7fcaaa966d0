import type { AccidentFigure } from '@app/reporting';
import { isoWeekOf, plusDays, shanghaiDate } from '@app/shared-kernel';
import { enterpriseRegistration } from '@app/enterprises/testing';
import { makeIdNumber, makeUscc, prng } from './hr-feed-fixtures.js';
import { apiAs, type TestApp } from './test-app.js';

/**
 * A county history whose accident-reduction report for 2024-01-01…2024-08-31 reproduces the
 * Xiangxiang January–August 2024 figures (docs/metrics.md §1): 91→58 accidents, 77→45 deaths,
 * 20→5 injured, 27→17 above-scale work-injury accidents, 27→17 enterprises, 109→15 medical-treatment
 * claims — plus facts that must NOT count (commuting accidents, withdrawn and below-size declarations,
 * accidents just outside the period in Asia/Shanghai), so the test fails if any rule slips.
 */
export interface CalibrationHistory {
  enterprises: { uscc: string; zoneId: string; aboveDesignatedSize: boolean }[];
  accidents: {
    accidentId: string;
    uscc: string;
    occurredAt: string;
    deaths: number;
    seriousInjuries: number;
    minorInjuries: number;
  }[];
  /** Casualty revisions recorded after the report (a death within 30 days). */
  revisions: {
    accidentId: string;
    deaths: number;
    seriousInjuries: number;
    minorInjuries: number;
    reason: string;
  }[];
  /** Feed batches, one per feed week, in order. */
  batches: { feedWeek: string; records: Record<string, unknown>[] }[];
}

/**
 * The county's published accident-reduction figures for January–August 2024 against the same months
 * of 2023, as [figure, previous, current] in ACCIDENT_FIGURES order: the calibration history and the
 * demo county both reproduce them.
 */
export const PUBLISHED_PERIOD = 'from=2024-01-01&to=2024-08-31';
export const PUBLISHED_ACCIDENT_REDUCTION: [AccidentFigure, number, number][] =
  [
    ['accidents', 91, 58],
    ['deaths', 77, 45],
    ['injured', 20, 5],
    ['aboveScaleWorkInjuryAccidents', 27, 17],
    ['aboveScaleEnterprisesInvolved', 27, 17],
    ['aboveScaleMedicalTreatmentClaims', 109, 15],
  ];

const at = (date: string, time = '10:00:00') => `${date}T${time}+08:00`;

export function calibrationHistory(): CalibrationHistory {
  const rand = prng(20240901);
  const zones = ['zone-1', 'zone-2', 'zone-3', 'zone-4'];
  const above = Array.from({ length: 30 }, (_, i) => ({
    uscc: makeUscc(rand),
    zoneId: zones[i % 4],
    aboveDesignatedSize: true,
  }));
  const below = Array.from({ length: 3 }, (_, i) => ({
    uscc: makeUscc(rand),
    zoneId: zones[i % 4],
    aboveDesignatedSize: false,
  }));

  const accidents: CalibrationHistory['accidents'] = [];
  const revisions: CalibrationHistory['revisions'] = [];
  const addAccidents = (
    year: number,
    count: number,
    deaths: number,
    injured: number,
  ) => {
    for (let i = 0; i < count; i++) {
      const date = plusDays(`${year}-01-01`, (i * 7) % 243); // inside 1 Jan … 31 Aug
      accidents.push({
        accidentId: `CAL-${year}-${String(i).padStart(3, '0')}`,
        uscc: above[i % above.length].uscc,
        occurredAt: at(date),
        deaths: i < deaths ? 1 : 0,
        seriousInjuries: i < injured && i % 2 === 0 ? 1 : 0,
        minorInjuries: i < injured && i % 2 === 1 ? 1 : 0,
      });
    }
  };
  addAccidents(2023, 91, 77, 20);
  addAccidents(2024, 58, 44, 5);
  // The 45th death of 2024: an injured worker who died within 30 days, recorded as a casualty revision.
  const revised = accidents.find((a) => a.accidentId === 'CAL-2024-050')!;
  revisions.push({
    accidentId: revised.accidentId,
    deaths: 1,
    seriousInjuries: 0,
    minorInjuries: 0,
    reason: '伤者30日内死亡',
  });
  // Just outside the periods in Asia/Shanghai (their UTC dates are inside): must not count.
  accidents.push({
    accidentId: 'CAL-EDGE-1',
    uscc: above[0].uscc,
    occurredAt: '2024-08-31T16:30:00Z',
    deaths: 1,
    seriousInjuries: 0,
    minorInjuries: 0,
  });
  accidents.push({
    accidentId: 'CAL-EDGE-2',
    uscc: above[1].uscc,
    occurredAt: '2022-12-31T15:30:00Z',
    deaths: 2,
    seriousInjuries: 0,
    minorInjuries: 0,
  });
  // Just after midnight in Shanghai on 1 January 2024 (still 31 December in UTC): counts, as the 58th of 2024.
  const first2024 = accidents.find((a) => a.accidentId === 'CAL-2024-000')!;
  first2024.occurredAt = '2023-12-31T16:05:00Z';

  const records: Record<string, unknown>[] = [];
  let serial = 0;
  const declare = (o: {
    uscc: string;
    injuredAt: string;
    injuryNature?: string;
    medicalTreatmentClaim?: boolean;
    incidentRef?: string;
    determination?: string;
  }) => {
    const declaredAt = plusDays(shanghaiDate(o.injuredAt), 3);
    const record: Record<string, unknown> = {
      schemaVersion: 1,
      kind: 'declaration',
      claimId: `CAL-HR-${String(serial).padStart(4, '0')}`,
      feedWeek: isoWeekOf(declaredAt),
      employer: { uscc: o.uscc },
      injuredAt: o.injuredAt,
      declaredAt,
      determination: o.determination ?? 'recognised',
      injuryNature: o.injuryNature ?? 'workplace',
      accidentType: { standard: 'GB6441-86', code: '04' },
      severity: 'minor',
      medicalTreatmentClaim: o.medicalTreatmentClaim ?? true,
      worker: { idNumber: makeIdNumber(serial), occupation: '操作工' },
      ...(o.incidentRef ? { incidentRef: o.incidentRef } : {}),
    };
    serial++;
    records.push(record);
    return record;
  };
  const day = (year: number, k: number) =>
    plusDays(`${year}-01-02`, (k * 5) % 240);

  // 2023: 27 incidents at 27 enterprises — ten with three injured workers — all claiming treatment (47),
  // and 62 commuting injuries at above-scale enterprises claiming treatment: 109 claims.
  for (let k = 0; k < 27; k++) {
    const workers = k < 10 ? 3 : 1;
    for (let w = 0; w < workers; w++)
      declare({
        uscc: above[k].uscc,
        injuredAt: at(day(2023, k)),
        incidentRef: workers > 1 ? `INC-2023-${k}` : undefined,
      });
  }
  for (let k = 0; k < 62; k++)
    declare({
      uscc: above[k % 30].uscc,
      injuredAt: at(day(2023, k), '07:40:00'),
      injuryNature: 'commute',
    });
  // 2024: 17 incidents at 17 enterprises, 13 of them claiming treatment, plus 2 commuting claims: 15.
  for (let k = 0; k < 17; k++) {
    declare({
      uscc: above[k].uscc,
      injuredAt: k === 0 ? '2023-12-31T16:20:00Z' : at(day(2024, k)),
      medicalTreatmentClaim: k >= 4,
    });
  }
  for (let k = 0; k < 2; k++)
    declare({
      uscc: above[20 + k].uscc,
      injuredAt: at(day(2024, k), '07:50:00'),
      injuryNature: 'commute',
    });
  // Never counted: below designated size, occupational disease without a claim, and a withdrawal.
  for (const year of [2023, 2024]) {
    for (let k = 0; k < 3; k++)
      declare({ uscc: below[k].uscc, injuredAt: at(day(year, 40 + k)) });
    declare({
      uscc: above[28].uscc,
      injuredAt: at(day(year, 50)),
      injuryNature: 'occupational-disease',
      medicalTreatmentClaim: false,
    });
  }
  const withdrawn = declare({
    uscc: above[29].uscc,
    injuredAt: at(day(2024, 60)),
  });

  const byWeek = new Map<string, Record<string, unknown>[]>();
  for (const r of records)
    byWeek.set(r.feedWeek as string, [
      ...(byWeek.get(r.feedWeek as string) ?? []),
      r,
    ]);
  const batches = [...byWeek.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([feedWeek, rs]) => ({ feedWeek, records: rs }));
  // Determined not to be a work injury a week later: the feed sends it again, not recognised.
  const week = isoWeekOf(plusDays(withdrawn.declaredAt as string, 7));
  batches.push({
    feedWeek: week,
    records: [
      { ...withdrawn, feedWeek: week, determination: 'not-recognised' },
    ],
  });
  return { enterprises: [...above, ...below], accidents, revisions, batches };
}

/** Loads the calibration history through the public API and the HTTP feed; answers the log head. */
export async function loadCalibrationHistory(t: TestApp): Promise<number> {
  const officer = apiAs(t, 'officer-1');
  const hr = apiAs(t, 'hr-feed');
  const history = calibrationHistory();
  for (const e of history.enterprises) {
    await officer
      .post(
        '/enterprises',
        enterpriseRegistration({
          ...e,
          name: `湘乡市${e.uscc.slice(8, 12)}有限公司`,
          effectiveAt: '2022-06-01T09:00:00+08:00',
        }),
      )
      .expect(201);
  }
  for (const a of history.accidents) {
    await officer
      .post('/accidents', {
        ...a,
        accidentType: { standard: 'GB6441-86', code: '04' },
        directLossYuan: 50_000,
        description: '起重伤害',
        effectiveAt: a.occurredAt,
      })
      .expect(201);
  }
  for (const r of history.revisions) {
    const { accidentId, ...revision } = r;
    await officer
      .post(`/accidents/${accidentId}/casualty-revisions`, revision)
      .expect(201);
  }
  for (const batch of history.batches) {
    const { body } = await hr.post('/hr-feed/batches', batch).expect(200);
    if (
      body.results.some((r: { outcome: string }) => r.outcome === 'quarantined')
    )
      throw new Error(
        `calibration batch ${batch.feedWeek} had quarantined records`,
      );
  }
  return Number(await t.store.headPosition());
}
