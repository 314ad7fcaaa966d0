import {
  INJURY_NATURES,
  INJURY_NATURE_DEFINITIONS,
  INJURY_NATURE_V1_TO_V2,
  determinationProblem,
} from './injury-nature.js';

describe('injury natures of the 工伤保险条例', () => {
  it('has the seven cases of art. 14 (recognised) and the three of art. 15 (deemed)', () => {
    expect(
      INJURY_NATURE_DEFINITIONS.map((d) => [
        d.code,
        d.article,
        d.determination,
      ]),
    ).toEqual([
      ['workplace', '14(一)', 'recognised'],
      ['work-preparation', '14(二)', 'recognised'],
      ['violence-at-work', '14(三)', 'recognised'],
      ['occupational-disease', '14(四)', 'recognised'],
      ['business-trip', '14(五)', 'recognised'],
      ['commute', '14(六)', 'recognised'],
      ['other', '14(七)', 'recognised'],
      ['sudden-death-48h', '15(一)', 'deemed'],
      ['rescue-and-relief', '15(二)', 'deemed'],
      ['old-military-injury', '15(三)', 'deemed'],
    ]);
  });

  it('reads every v1 nature as a v2 nature, sudden-illness as sudden-death-48h', () => {
    expect(INJURY_NATURE_V1_TO_V2['sudden-illness']).toBe('sudden-death-48h');
    for (const v2 of Object.values(INJURY_NATURE_V1_TO_V2))
      expect(INJURY_NATURES).toContain(v2);
  });

  it('cross-checks the determination against the article', () => {
    expect(determinationProblem('workplace', 'recognised')).toBeUndefined();
    expect(determinationProblem('rescue-and-relief', 'deemed')).toBeUndefined();
    expect(determinationProblem('workplace', 'deemed')).toContain(
      "'workplace' is art. 14(一)",
    );
    expect(determinationProblem('old-military-injury', 'recognised')).toContain(
      "'old-military-injury' is art. 15(三)",
    );
    for (const nature of INJURY_NATURES) {
      expect(determinationProblem(nature, 'pending')).toBeUndefined();
      expect(determinationProblem(nature, 'not-recognised')).toBeUndefined();
    }
  });
});
