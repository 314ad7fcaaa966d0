import {
  DEFAULT_REFERENCE_DATA,
  ReferenceDataInvalidError,
  UNASSIGNED_ZONE_ID,
  countsAsProductionSafetyAccident,
  parseReferenceData,
  productionSafetyInjuryNatures,
  resolveAccidentType,
  gb64412025Successors,
} from './reference-data.js';

function problemsOf(json: unknown): { path: string; message: string }[] {
  try {
    parseReferenceData(json);
  } catch (error) {
    expect(error).toBeInstanceOf(ReferenceDataInvalidError);
    expect(error).toMatchObject({
      code: 'REFERENCE_DATA_INVALID',
      kind: 'invalid',
    });
    return (error as ReferenceDataInvalidError).details;
  }
  throw new Error('expected the override to be rejected');
}

describe('DEFAULT_REFERENCE_DATA (Xiangxiang)', () => {
  it('has the four zones 一片区…四片区 and not the unassigned pseudo-zone', () => {
    expect(DEFAULT_REFERENCE_DATA.zones).toEqual([
      { id: 'zone-1', name: '一片区' },
      { id: 'zone-2', name: '二片区' },
      { id: 'zone-3', name: '三片区' },
      { id: 'zone-4', name: '四片区' },
    ]);
    expect(DEFAULT_REFERENCE_DATA.zones.map((z) => z.id)).not.toContain(
      UNASSIGNED_ZONE_ID,
    );
  });

  it('has the five 四制一规程 components and weights summing to 100', () => {
    expect(DEFAULT_REFERENCE_DATA.components.map((c) => c.id)).toEqual([
      'post-responsibility',
      'assessment',
      'reward-penalty',
      'publicity',
      'operating-procedure',
    ]);
    const sum = Object.values(DEFAULT_REFERENCE_DATA.competitionWeights).reduce(
      (a, b) => a + b,
      0,
    );
    expect(sum).toBe(100);
  });

  it('lists 20 GB 6441-86 types and 27 GB 6441-2025 types, every old type mapped', () => {
    expect(DEFAULT_REFERENCE_DATA.accidentTypes['GB6441-86']).toHaveLength(20);
    expect(DEFAULT_REFERENCE_DATA.accidentTypes['GB6441-2025']).toHaveLength(
      27,
    );
    for (const t of DEFAULT_REFERENCE_DATA.accidentTypes['GB6441-86']) {
      expect(
        gb64412025Successors(DEFAULT_REFERENCE_DATA, {
          standard: 'GB6441-86',
          code: t.code,
        }).length,
      ).toBeGreaterThan(0);
    }
  });

  it('is a valid override of itself', () => {
    expect(
      parseReferenceData(JSON.parse(JSON.stringify(DEFAULT_REFERENCE_DATA))),
    ).toEqual(DEFAULT_REFERENCE_DATA);
  });
});

describe('accident type lookups', () => {
  it('resolves a type by standard and code', () => {
    expect(
      resolveAccidentType(DEFAULT_REFERENCE_DATA, {
        standard: 'GB6441-86',
        code: '01',
      }),
    ).toEqual({
      standard: 'GB6441-86',
      code: '01',
      name: '物体打击',
    });
    expect(
      resolveAccidentType(DEFAULT_REFERENCE_DATA, {
        standard: 'GB6441-86',
        code: '21',
      }),
    ).toBeUndefined();
    expect(
      resolveAccidentType(DEFAULT_REFERENCE_DATA, {
        standard: 'GB9999',
        code: '01',
      }),
    ).toBeUndefined();
  });

  it('maps an old type to its GB 6441-2025 successors and keeps a new type as it is', () => {
    expect(
      gb64412025Successors(DEFAULT_REFERENCE_DATA, {
        standard: 'GB6441-86',
        code: '09',
      }),
    ).toEqual([
      { standard: 'GB6441-2025', code: 'WSA10010', name: '高处坠落' },
    ]);
    expect(
      gb64412025Successors(DEFAULT_REFERENCE_DATA, {
        standard: 'GB6441-2025',
        code: 'WSA10005',
      }).map((t) => t.code),
    ).toEqual(['WSA10005']);
  });
});

describe('parseReferenceData (overrides)', () => {
  it('merges an override over the defaults: lists replace, weights merge by key', () => {
    const data = parseReferenceData({
      version: 'county-x-2025.1',
      zones: [
        { id: 'east', name: '东片区' },
        { id: 'west', name: '西片区' },
      ],
      competitionWeights: { enrolledRate: 20, systemEstablishedRate: 15 },
    });
    expect(data.version).toBe('county-x-2025.1');
    expect(data.zones.map((z) => z.id)).toEqual(['east', 'west']);
    expect(data.components).toEqual(DEFAULT_REFERENCE_DATA.components);
    expect(data.competitionWeights.enrolledRate).toBe(20);
    expect(data.competitionWeights.listCoverage).toBe(15);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({
      zones: [
        { id: 'zone-1', name: '一片区' },
        { id: 'zone-1', name: '重复' },
        { id: 'Zone 5', name: '五片区' },
        { id: UNASSIGNED_ZONE_ID, name: '未分配' },
        { id: 'zone-6', name: '' },
      ],
      competitionWeights: { enrolledRate: 50, speed: 3 },
      colour: 'blue',
    });
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'version',
        'zones[1].id',
        'zones[2].id',
        'zones[3].id',
        'zones[4].name',
        'competitionWeights.speed',
        'competitionWeights',
        'colour',
      ]),
    );
    expect(problems.find((p) => p.path === 'zones[1].id')?.message).toContain(
      'duplicate',
    );
    expect(
      problems.find((p) => p.path === 'competitionWeights')?.message,
    ).toContain('sum to 140');
  });

  it('names the problems in the error message', () => {
    expect(() => parseReferenceData({ version: 'v', components: [] })).toThrow(
      /components: must be a non-empty list/,
    );
  });

  it('rejects a mapping to a code outside the GB 6441-2025 list, a single code and an unknown old code', () => {
    const problems = problemsOf({
      version: 'v',
      accidentTypeMapping86To2025: {
        '01': ['WSA10001', 'WSA10027'],
        '02': 'WSA10002',
        '77': ['WSA10001'],
      },
    });
    expect(problems.map((p) => p.path).sort()).toEqual([
      'accidentTypeMapping86To2025.01[1]',
      'accidentTypeMapping86To2025.02',
      'accidentTypeMapping86To2025.77',
    ]);
  });

  it("lets a deployment change one old type's successors", () => {
    const data = parseReferenceData({
      version: 'v',
      accidentTypeMapping86To2025: { '17': ['WSA10014', 'WSA10015'] },
    });
    expect(data.accidentTypeMapping86To2025['17']).toEqual([
      'WSA10014',
      'WSA10015',
    ]);
    expect(data.accidentTypeMapping86To2025['20']).toEqual([
      'WSA10099',
      'WSA10011',
    ]);
  });

  it('rejects unknown standards, duplicate type codes and negative weights', () => {
    const problems = problemsOf({
      version: 'v',
      accidentTypes: {
        'GB6441-2025': [
          { code: '01', name: 'a' },
          { code: '01', name: 'b' },
        ],
        ISO: [],
      },
      competitionWeights: { injuryRate: -5, enrolledRate: 30 },
    });
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'accidentTypes.ISO',
        'accidentTypes.GB6441-2025[1].code',
        'competitionWeights.injuryRate',
      ]),
    );
  });

  it('rejects a non-object', () => {
    expect(problemsOf([1, 2])).toEqual([
      { path: '', message: 'must be a JSON object' },
    ]);
  });

  it('validates the follow-up policy', () => {
    const problems = problemsOf({
      version: 'v',
      followUp: { dueDays: 0, injuryNatures: ['workplace', 'holiday'] },
    });
    expect(problems.map((p) => p.path)).toEqual([
      'followUp.dueDays',
      'followUp.injuryNatures[1]',
    ]);
    expect(
      parseReferenceData({ version: 'v', followUp: { dueDays: 10 } }).followUp,
    ).toEqual({
      dueDays: 10,
      injuryNatures: ['workplace', 'work-preparation', 'business-trip'],
    });
  });
});

describe('production-safety injury natures', () => {
  it('default to workplace, work-preparation and business-trip (工伤保险条例 14(一), 14(二), 14(五))', () => {
    expect(productionSafetyInjuryNatures(DEFAULT_REFERENCE_DATA)).toEqual([
      'workplace',
      'work-preparation',
      'business-trip',
    ]);
    expect(
      countsAsProductionSafetyAccident(DEFAULT_REFERENCE_DATA, 'business-trip'),
    ).toBe(true);
    for (const nature of [
      'violence-at-work',
      'occupational-disease',
      'commute',
      'other',
      'sudden-death-48h',
      'rescue-and-relief',
      'old-military-injury',
      'sudden-illness',
    ]) {
      expect(
        countsAsProductionSafetyAccident(DEFAULT_REFERENCE_DATA, nature),
      ).toBe(false);
    }
  });

  it('are configurable, and an override naming an unknown or repeated nature is refused', () => {
    const data = parseReferenceData({
      version: 'v',
      productionSafetyInjuryNatures: ['workplace'],
    });
    expect(countsAsProductionSafetyAccident(data, 'business-trip')).toBe(false);
    const problems = problemsOf({
      version: 'v',
      productionSafetyInjuryNatures: [
        'workplace',
        'sudden-illness',
        'workplace',
      ],
    });
    expect(problems.map((p) => p.path)).toEqual([
      'productionSafetyInjuryNatures[1]',
      'productionSafetyInjuryNatures[2]',
    ]);
  });
});
