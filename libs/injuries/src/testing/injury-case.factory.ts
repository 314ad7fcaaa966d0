import type { AccidentTypeRef } from '@app/reference-data';
import type { DeclarationInput } from '../domain/declaration-input.js';
import type { FollowUpVisitInput } from '../domain/follow-up-visit.js';
import type {
  DeclarationContent,
  FollowUpVisitCompleted,
  FollowUpVisitScheduled,
  InjuryDeclarationReceived,
  RectificationItem,
  RectificationOrdered,
} from '../domain/injury-case.events.js';

/** Test data with defaults and overrides (docs/conventions.md §14). */
export const MECHANICAL_86: AccidentTypeRef = {
  standard: 'GB6441-86',
  code: '03',
  name: '机械伤害',
};

export const aContent = (
  overrides: Partial<DeclarationContent> = {},
): DeclarationContent => ({
  uscc: '91430381000001001Y',
  employerName: '湘乡市示例机械制造有限公司',
  incidentRef: 'INC-2024-0815-01',
  injuredAt: '2024-08-15T09:30:00+08:00',
  declaredAt: '2024-08-22',
  determination: 'recognised',
  injuryNature: 'workplace',
  accidentType: MECHANICAL_86,
  bodyPart: '左手',
  severity: 'minor',
  medicalTreatmentClaim: true,
  workerRef: 'a'.repeat(64),
  occupation: '冲压工',
  narrative: '冲压作业时左手被模具挤压',
  ...overrides,
});

export const aDeclaration = (
  overrides: Partial<Omit<DeclarationInput, 'content'>> & {
    content?: Partial<DeclarationContent>;
  } = {},
): DeclarationInput => ({
  claimId: overrides.claimId ?? 'XX-2024-000123',
  feedWeek: overrides.feedWeek ?? '2024-W35',
  zoneId: overrides.zoneId ?? 'zone-1',
  content: aContent(overrides.content),
});

export const received = (
  overrides: Partial<Omit<DeclarationInput, 'content'>> & {
    content?: Partial<DeclarationContent>;
  } = {},
): InjuryDeclarationReceived => {
  const d = aDeclaration(overrides);
  return {
    type: 'InjuryDeclarationReceived',
    schemaVersion: 2,
    data: {
      claimId: d.claimId,
      feedWeek: d.feedWeek,
      zoneId: d.zoneId,
      ...d.content,
    },
  };
};

export const scheduled = (dueBy = '2024-08-29'): FollowUpVisitScheduled => ({
  type: 'FollowUpVisitScheduled',
  schemaVersion: 1,
  data: { dueBy },
});

export const aVisit = (
  overrides: Partial<FollowUpVisitInput> = {},
): FollowUpVisitInput => ({
  officerId: 'officer-1',
  causeAnalysis: {
    accidentType: MECHANICAL_86,
    directCauses: ['冲压模具无防护装置'],
    rootCauses: ['unsafe-condition', 'management-defect'],
    narrative: '冲床光电保护失效，未执行双手操作规程',
  },
  recommendations: ['加装光电保护', '岗位操作规程再培训'],
  ...overrides,
});

export const visited = (
  overrides: Partial<FollowUpVisitInput> = {},
): FollowUpVisitCompleted => ({
  type: 'FollowUpVisitCompleted',
  schemaVersion: 1,
  data: aVisit(overrides),
});

export const someItems = (): RectificationItem[] => [
  { itemId: 'item-1', description: '加装光电保护', dueBy: '2024-09-30' },
  { itemId: 'item-2', description: '冲压岗位再培训', dueBy: '2024-09-15' },
];

export const ordered = (
  items: RectificationItem[] = someItems(),
): RectificationOrdered => ({
  type: 'RectificationOrdered',
  schemaVersion: 1,
  data: { items },
});
