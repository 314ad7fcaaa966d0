/**
 * Nature of a work injury (工伤情形) as the 工伤保险条例 lists them: art. 14 cases are recognised as work
 * injuries (认定为工伤), art. 15 cases are deemed work injuries (视同工伤). Which natures are
 * production-safety accidents is reference data (`productionSafetyInjuryNatures`), see
 * docs/decisions/0182-injury-natures-and-feed-contract-v2.md.
 */
export type InjuryNature =
  | 'workplace'
  | 'work-preparation'
  | 'violence-at-work'
  | 'occupational-disease'
  | 'business-trip'
  | 'commute'
  | 'other'
  | 'sudden-death-48h'
  | 'rescue-and-relief'
  | 'old-military-injury';

export interface InjuryNatureDefinition {
  code: InjuryNature;
  /** Article and item of the 工伤保险条例. */
  article: string;
  /** 认定为工伤 (art. 14) or 视同工伤 (art. 15). */
  determination: 'recognised' | 'deemed';
  name: string;
}

export const INJURY_NATURE_DEFINITIONS: readonly InjuryNatureDefinition[] = [
  {
    code: 'workplace',
    article: '14(一)',
    determination: 'recognised',
    name: '工作时间和工作场所内因工作原因受到事故伤害',
  },
  {
    code: 'work-preparation',
    article: '14(二)',
    determination: 'recognised',
    name: '工作时间前后在工作场所内从事预备性或收尾性工作受到事故伤害',
  },
  {
    code: 'violence-at-work',
    article: '14(三)',
    determination: 'recognised',
    name: '工作时间和工作场所内因履行工作职责受到暴力等意外伤害',
  },
  {
    code: 'occupational-disease',
    article: '14(四)',
    determination: 'recognised',
    name: '患职业病',
  },
  {
    code: 'business-trip',
    article: '14(五)',
    determination: 'recognised',
    name: '因工外出期间由于工作原因受到伤害或发生事故下落不明',
  },
  {
    code: 'commute',
    article: '14(六)',
    determination: 'recognised',
    name: '上下班途中受到非本人主要责任的交通事故或轨道交通、客运轮渡、火车事故伤害',
  },
  {
    code: 'other',
    article: '14(七)',
    determination: 'recognised',
    name: '法律、行政法规规定应当认定为工伤的其他情形',
  },
  {
    code: 'sudden-death-48h',
    article: '15(一)',
    determination: 'deemed',
    name: '工作时间和工作岗位突发疾病死亡或在48小时之内经抢救无效死亡',
  },
  {
    code: 'rescue-and-relief',
    article: '15(二)',
    determination: 'deemed',
    name: '在抢险救灾等维护国家利益、公共利益活动中受到伤害',
  },
  {
    code: 'old-military-injury',
    article: '15(三)',
    determination: 'deemed',
    name: '原在军队服役因战、因公负伤致残，到用人单位后旧伤复发',
  },
];

export const INJURY_NATURES: readonly InjuryNature[] =
  INJURY_NATURE_DEFINITIONS.map((d) => d.code);

/**
 * Default production-safety natures (生产安全事故): injuries from the work itself, at the workplace
 * (14(一), 14(二)) or on the employer's business away from it (14(五)). The others are work injuries
 * but not accidents of production: violence (a public-security matter), occupational disease and sudden
 * death (illness, reported under occupational health), commuting (road traffic), rescue, old military
 * injuries and 14(七).
 */
export const DEFAULT_PRODUCTION_SAFETY_INJURY_NATURES: readonly InjuryNature[] =
  ['workplace', 'work-preparation', 'business-trip'];

export function isInjuryNature(value: unknown): value is InjuryNature {
  return (
    typeof value === 'string' &&
    (INJURY_NATURES as readonly string[]).includes(value)
  );
}

/**
 * HR feed v1 natures read as v2: `sudden-illness` was only ever art. 15(一) (death at work, or within
 * 48 hours despite treatment); the other four v1 values keep their name and meaning.
 */
export const INJURY_NATURE_V1_TO_V2: Readonly<
  Record<
    | 'workplace'
    | 'commute'
    | 'occupational-disease'
    | 'sudden-illness'
    | 'other',
    InjuryNature
  >
> = {
  workplace: 'workplace',
  commute: 'commute',
  'occupational-disease': 'occupational-disease',
  'sudden-illness': 'sudden-death-48h',
  other: 'other',
};

/**
 * Why a determination does not fit the nature (工伤保险条例 arts. 14 and 15), or undefined when it
 * does: `deemed` (视同工伤) only for art. 15 natures, `recognised` (工伤) only for art. 14 natures.
 * `pending` and `not-recognised` fit any nature.
 */
export function determinationProblem(
  nature: InjuryNature,
  determination: string,
): string | undefined {
  if (determination !== 'recognised' && determination !== 'deemed')
    return undefined;
  const definition = INJURY_NATURE_DEFINITIONS.find((d) => d.code === nature);
  if (!definition || definition.determination === determination)
    return undefined;
  const fitting = INJURY_NATURE_DEFINITIONS.filter(
    (d) => d.determination === determination,
  ).map((d) => d.code);
  return determination === 'deemed'
    ? `'deemed' (视同工伤) applies only to the natures of 工伤保险条例 art. 15 (${fitting.join(', ')}); '${nature}' is art. ${definition.article}, 'recognised'`
    : `'recognised' (工伤) applies only to the natures of 工伤保险条例 art. 14; '${nature}' is art. ${definition.article}, 'deemed' (视同工伤)`;
}
