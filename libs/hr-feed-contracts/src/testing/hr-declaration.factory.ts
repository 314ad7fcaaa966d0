/**
 * One HR feed declaration record as the HR system sends it (hr-injury-declaration v1), with defaults and overrides
 * (docs/conventions.md §14): the one `declaration()` of the e2e and integration tests. Only the fields every
 * record carries have defaults; a test adds the worker, body part or narrative its story needs.
 */
export function hrDeclaration(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    schemaVersion: 1,
    kind: 'declaration',
    claimId: 'HR-1',
    feedWeek: '2026-W09',
    employer: {
      uscc: '91110108551385082Q',
      name: '湘乡市示范机械制造有限公司',
    },
    injuredAt: '2026-02-25T09:30:00+08:00',
    declaredAt: '2026-02-27',
    determination: 'recognised',
    injuryNature: 'workplace',
    accidentType: { standard: 'GB6441-86', code: '03' },
    severity: 'minor',
    medicalTreatmentClaim: true,
    ...overrides,
  };
}

/** The details of the press-shop injury most stories use: the hand, the occupation, the narrative. */
export const PRESS_SHOP_INJURY = {
  bodyPart: '左手',
  disabilityGrade: null,
  narrative: '冲压作业时左手被模具挤压',
} as const;
