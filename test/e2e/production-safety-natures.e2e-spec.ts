import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enterpriseRegistration, ZONE_2_USCC } from '@app/enterprises/testing';
import { apiAs, createTestApp, type TestApp } from '../support/test-app.js';

const FEED_WEEK = '2026-W07';
const PERIOD = 'from=2026-01-01&to=2026-02-28';

/** One declaration of each 工伤保险条例 nature at one above-designated-size employer, each its own accident. */
const CASES: [
  claimId: string,
  schemaVersion: 1 | 2,
  nature: string,
  determination: string,
][] = [
  ['A-WORKPLACE', 1, 'workplace', 'recognised'],
  ['B-PREPARATION', 2, 'work-preparation', 'recognised'],
  ['C-TRIP', 2, 'business-trip', 'recognised'],
  ['D-VIOLENCE', 2, 'violence-at-work', 'recognised'],
  ['E-COMMUTE', 2, 'commute', 'recognised'],
  ['F-DISEASE', 2, 'occupational-disease', 'recognised'],
  ['G-SUDDEN', 1, 'sudden-illness', 'deemed'], // read as sudden-death-48h
  ['H-RESCUE', 2, 'rescue-and-relief', 'deemed'],
  ['I-MILITARY', 2, 'old-military-injury', 'deemed'],
  ['J-OTHER', 2, 'other', 'recognised'],
];

const record = (
  [claimId, schemaVersion, injuryNature, determination]: (typeof CASES)[number],
  day: number,
) => ({
  schemaVersion,
  kind: 'declaration',
  claimId,
  feedWeek: FEED_WEEK,
  employer: { uscc: ZONE_2_USCC },
  injuredAt: `2026-02-${String(day).padStart(2, '0')}T09:00:00+08:00`,
  declaredAt: '2026-02-13',
  determination,
  injuryNature,
  severity: 'minor',
  medicalTreatmentClaim: true,
});

/** The county above, on a fresh service with the given reference-data override (if any). */
async function countyWith(
  override?: object,
): Promise<{ t: TestApp; head: number; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'natures-'));
  const env: Record<string, string> = {};
  if (override) {
    writeFileSync(join(dir, 'reference-data.json'), JSON.stringify(override));
    env.REFERENCE_DATA_FILE = join(dir, 'reference-data.json');
  }
  const t = await createTestApp(env);
  await apiAs(t, 'officer-1')
    .post(
      '/enterprises',
      enterpriseRegistration({
        aboveDesignatedSize: true,
        effectiveAt: '2025-06-01T09:00:00+08:00',
      }),
    )
    .expect(201);
  const batch = await apiAs(t, 'hr-feed')
    .post('/hr-feed/batches', {
      feedWeek: FEED_WEEK,
      records: CASES.map((c, i) => record(c, i + 1)),
    })
    .expect(200);
  expect(batch.body.counts).toMatchObject({
    accepted: CASES.length,
    quarantined: 0,
  });
  return {
    t,
    head: Number(await t.store.headPosition()),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function figures(t: TestApp, head: number) {
  const leader = apiAs(t, 'leader-1');
  const report = (
    await leader
      .get(`/metrics/accident-reduction?${PERIOD}&minPosition=${head}`)
      .expect(200)
  ).body;
  const facts = (
    await leader
      .get(
        `/metrics/accident-reduction/facts?figure=aboveScaleWorkInjuryAccidents&period=current&${PERIOD}&pageSize=200`,
      )
      .expect(200)
  ).body;
  return {
    accidents: report.aboveScaleWorkInjuryAccidents.current,
    enterprises: report.aboveScaleEnterprisesInvolved.current,
    medicalClaims: report.aboveScaleMedicalTreatmentClaims.current,
    counted: facts.contributing
      .flatMap((l: { fields: { claimIds: string[] } }) => l.fields.claimIds)
      .sort(),
    excluded: Object.fromEntries(
      facts.excluded.map(
        (l: {
          fields: { claimId?: string; claimIds?: string[] };
          reason: string;
        }) => [l.fields.claimId ?? l.fields.claimIds?.[0], l.reason],
      ),
    ),
  };
}

describe('v2 injury natures drive the accident-reduction figures exactly as the configured set says (HTTP feed → report)', () => {
  it('by default counts workplace, work-preparation and business-trip, and names why each other nature is left out', async () => {
    const { t, head, cleanup } = await countyWith();
    try {
      const got = await figures(t, head);
      expect(got).toMatchObject({
        accidents: 3,
        enterprises: 1,
        medicalClaims: CASES.length,
      });
      expect(got.counted).toEqual(['A-WORKPLACE', 'B-PREPARATION', 'C-TRIP']);
      expect(got.excluded).toEqual({
        'D-VIOLENCE': 'not-production-safety-nature',
        'E-COMMUTE': 'commuting',
        'F-DISEASE': 'occupational-disease',
        'G-SUDDEN': 'not-production-safety-nature',
        'H-RESCUE': 'not-production-safety-nature',
        'I-MILITARY': 'not-production-safety-nature',
        'J-OTHER': 'not-production-safety-nature',
      });
    } finally {
      await t.close();
      cleanup();
    }
  }, 60_000);

  it('counts exactly the natures a county configures in REFERENCE_DATA_FILE', async () => {
    const { t, head, cleanup } = await countyWith({
      version: 'natures-test',
      productionSafetyInjuryNatures: [
        'workplace',
        'violence-at-work',
        'sudden-death-48h',
      ],
    });
    try {
      const got = await figures(t, head);
      expect(got).toMatchObject({
        accidents: 3,
        enterprises: 1,
        medicalClaims: CASES.length,
      });
      expect(got.counted).toEqual(['A-WORKPLACE', 'D-VIOLENCE', 'G-SUDDEN']);
      expect(got.excluded['C-TRIP']).toBe('not-production-safety-nature');
    } finally {
      await t.close();
      cleanup();
    }
  }, 60_000);
});
