/**
 * Accident type taxonomies (事故类别), see docs/decisions/0180-gb6441-2025-codes-and-successors.md.
 *
 * - GB/T 6441-1986 《企业职工伤亡事故分类》: 20 types, codes 01–20; kept for history before GB 6441-2025
 *   became mandatory.
 * - GB 6441-2025 《生产安全事故分类与编码》 (issued 2025-12-31, mandatory from 2026-07-01): 27 types. Its
 *   section 5 codes the 26 basic types `WSA10001`–`WSA10026` and 其他 `WSA10099`; names are written as
 *   the standard writes them, with full-width brackets （）.
 * The lists and the 1986→2025 successors are reference data: a deployment overrides them through the
 * reference-data file (REFERENCE_DATA_FILE) without a code change.
 */
export type AccidentTypeStandard = 'GB6441-2025' | 'GB6441-86';
export const ACCIDENT_TYPE_STANDARDS: readonly AccidentTypeStandard[] = [
  'GB6441-2025',
  'GB6441-86',
];

/** How an accident type is stored on events and read models. */
export interface AccidentTypeRef {
  standard: AccidentTypeStandard;
  code: string;
  name: string;
}

export interface AccidentTypeDefinition {
  code: string;
  name: string;
}

export const GB6441_86_TYPES: readonly AccidentTypeDefinition[] = [
  { code: '01', name: '物体打击' },
  { code: '02', name: '车辆伤害' },
  { code: '03', name: '机械伤害' },
  { code: '04', name: '起重伤害' },
  { code: '05', name: '触电' },
  { code: '06', name: '淹溺' },
  { code: '07', name: '灼烫' },
  { code: '08', name: '火灾' },
  { code: '09', name: '高处坠落' },
  { code: '10', name: '坍塌' },
  { code: '11', name: '冒顶片帮' },
  { code: '12', name: '透水' },
  { code: '13', name: '放炮' },
  { code: '14', name: '火药爆炸' },
  { code: '15', name: '瓦斯爆炸' },
  { code: '16', name: '锅炉爆炸' },
  { code: '17', name: '容器爆炸' },
  { code: '18', name: '其他爆炸' },
  { code: '19', name: '中毒和窒息' },
  { code: '20', name: '其他伤害' },
];

/** GB 6441-2025 §4.1 / §5: the 26 basic types in the standard's order, then 其他 (WSA10099). */
export const GB6441_2025_TYPES: readonly AccidentTypeDefinition[] = [
  { code: 'WSA10001', name: '物体打击' },
  { code: 'WSA10002', name: '厂（场）内车辆致害' },
  { code: 'WSA10003', name: '道路（轨道）车辆致害' },
  { code: 'WSA10004', name: '机械致害' },
  { code: 'WSA10005', name: '起重致害' },
  { code: 'WSA10006', name: '触电' },
  { code: 'WSA10007', name: '淹溺' },
  { code: 'WSA10008', name: '灼烫' },
  { code: 'WSA10009', name: '火灾' },
  { code: 'WSA10010', name: '高处坠落' },
  { code: 'WSA10011', name: '跌落' },
  { code: 'WSA10012', name: '坍塌' },
  { code: 'WSA10013', name: '水害' },
  { code: 'WSA10014', name: '容器爆炸' },
  { code: 'WSA10015', name: '管道爆炸' },
  { code: 'WSA10016', name: '可燃气体爆炸' },
  { code: 'WSA10017', name: '可燃液体蒸气爆炸' },
  { code: 'WSA10018', name: '粉尘爆炸' },
  { code: 'WSA10019', name: '民用爆炸物品爆炸' },
  { code: 'WSA10020', name: '烟花爆竹爆炸' },
  { code: 'WSA10021', name: '其他可燃固体爆炸' },
  { code: 'WSA10022', name: '高温熔融物爆炸' },
  { code: 'WSA10023', name: '中毒' },
  { code: 'WSA10024', name: '窒息' },
  { code: 'WSA10025', name: '滑坡' },
  { code: 'WSA10026', name: '泄漏' },
  { code: 'WSA10099', name: '其他' },
];

/**
 * GB 6441-86 code → every GB 6441-2025 type an accident of that old type may be classified as today
 * (one-to-many where the old type split). The first successor is the usual one. Sources and reasons
 * per entry: docs/decisions/0180-gb6441-2025-codes-and-successors.md.
 */
export const GB6441_86_SUCCESSORS: Readonly<Record<string, readonly string[]>> =
  {
    '01': ['WSA10001'], // 物体打击
    '02': ['WSA10002', 'WSA10003'], // 车辆伤害 → 厂（场）内车辆致害 | 道路（轨道）车辆致害
    '03': ['WSA10004'], // 机械伤害 → 机械致害
    '04': ['WSA10005'], // 起重伤害 → 起重致害
    '05': ['WSA10006'], // 触电
    '06': ['WSA10007'], // 淹溺
    '07': ['WSA10008'], // 灼烫
    '08': ['WSA10009'], // 火灾
    '09': ['WSA10010'], // 高处坠落
    '10': ['WSA10012', 'WSA10025'], // 坍塌 → 坍塌 | 滑坡 (the 1986 definition covers earth and rock slides)
    '11': ['WSA10012'], // 冒顶片帮 → 坍塌
    '12': ['WSA10013'], // 透水 → 水害
    '13': ['WSA10019'], // 放炮 → 民用爆炸物品爆炸
    '14': ['WSA10019', 'WSA10020'], // 火药爆炸 → 民用爆炸物品爆炸 | 烟花爆竹爆炸
    '15': ['WSA10016', 'WSA10018'], // 瓦斯爆炸 → 可燃气体爆炸 | 粉尘爆炸 (coal dust)
    '16': ['WSA10014'], // 锅炉爆炸 → 容器爆炸
    '17': ['WSA10014'], // 容器爆炸
    // 其他爆炸: every explosion the 1986 list did not name (gas, vapour, dust, pipes, molten metal …)
    '18': [
      'WSA10016',
      'WSA10017',
      'WSA10018',
      'WSA10015',
      'WSA10021',
      'WSA10022',
    ],
    '19': ['WSA10023', 'WSA10024'], // 中毒和窒息 → 中毒 | 窒息
    '20': ['WSA10099', 'WSA10011'], // 其他伤害 → 其他 | 跌落 (slips and trips)
  };

/**
 * GB 6441-2025 §4.2 degree of injury of an accident (伤害程度), derived from its casualties: the worst
 * harm any person suffered decides.
 */
export type InjuryDegreeCode =
  'WSA20001' | 'WSA20002' | 'WSA20003' | 'WSA20004';
export interface InjuryDegree {
  code: InjuryDegreeCode;
  name: '零伤亡' | '轻伤' | '重伤' | '死亡事故';
}

export function injuryDegree(casualties: {
  deaths: number;
  seriousInjuries: number;
  minorInjuries: number;
}): InjuryDegree {
  if (casualties.deaths > 0) return { code: 'WSA20004', name: '死亡事故' };
  if (casualties.seriousInjuries > 0) return { code: 'WSA20003', name: '重伤' };
  if (casualties.minorInjuries > 0) return { code: 'WSA20002', name: '轻伤' };
  return { code: 'WSA20001', name: '零伤亡' };
}

/**
 * GB 6441-2025 §4.3/§5.5 industry code of an accident: `WSA3` + the 4-digit GB/T 4754 class (小类).
 * Undefined when the enterprise is registered only at section, division or group level.
 */
export function gb6441IndustryCode(
  industryCode: string | undefined,
): string | undefined {
  const match = /^[A-T](\d{4})$/.exec(industryCode ?? '');
  return match ? `WSA3${match[1]}` : undefined;
}
