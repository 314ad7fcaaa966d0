/**
 * Accident type taxonomies (事故类别).
 *
 * - GB 6441-86 《企业职工伤亡事故分类》: the classic 20 types, codes 01–20; used for history before
 *   GB 6441-2025 became mandatory.
 * - GB 6441-2025 《生产安全事故分类与编码》 (issued 2025-12-31, mandatory from 2026-07-01): 27 types.
 *
 * TO BE CONFIRMED against the published text of GB 6441-2025 (docs/decisions/0003-accident-taxonomy.md):
 * the 27 names below come from secondary sources (standard commentaries); the two-digit codes are
 * assigned in the order those sources list the types and may differ from the standard's own codes.
 * The lists and the 86→2025 mapping are reference data: a deployment overrides them through the
 * reference-data file (REFERENCE_DATA_FILE) without a code change.
 */
export type AccidentTypeStandard = 'GB6441-2025' | 'GB6441-86';
export const ACCIDENT_TYPE_STANDARDS: readonly AccidentTypeStandard[] = ['GB6441-2025', 'GB6441-86'];

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

/** TO BE CONFIRMED (names from secondary sources; codes assigned in listed order). */
export const GB6441_2025_TYPES: readonly AccidentTypeDefinition[] = [
  { code: '01', name: '物体打击' },
  { code: '02', name: '厂(场)内车辆致害' },
  { code: '03', name: '道路(轨道)车辆致害' },
  { code: '04', name: '机械致害' },
  { code: '05', name: '起重致害' },
  { code: '06', name: '触电' },
  { code: '07', name: '淹溺' },
  { code: '08', name: '灼烫' },
  { code: '09', name: '火灾' },
  { code: '10', name: '高处坠落' },
  { code: '11', name: '跌落' },
  { code: '12', name: '坍塌' },
  { code: '13', name: '水害' },
  { code: '14', name: '容器爆炸' },
  { code: '15', name: '管道爆炸' },
  { code: '16', name: '可燃气体爆炸' },
  { code: '17', name: '可燃液体蒸汽爆炸' },
  { code: '18', name: '粉尘爆炸' },
  { code: '19', name: '民用爆炸物品爆炸' },
  { code: '20', name: '烟花爆竹爆炸' },
  { code: '21', name: '其他可燃固体爆炸' },
  { code: '22', name: '高温熔融物爆炸' },
  { code: '23', name: '中毒' },
  { code: '24', name: '窒息' },
  { code: '25', name: '滑坡' },
  { code: '26', name: '泄漏' },
  { code: '27', name: '其他事故' },
];

/**
 * GB 6441-86 code → GB 6441-2025 code, so trends can cross the change. Where an old type splits
 * (车辆伤害, 中毒和窒息, 其他爆炸) the mapping picks the most common successor; record new accidents
 * under GB 6441-2025 directly. TO BE CONFIRMED with the bureau.
 */
export const GB6441_86_TO_2025: Readonly<Record<string, string>> = {
  '01': '01', // 物体打击 → 物体打击
  '02': '02', // 车辆伤害 → 厂(场)内车辆致害 (道路车辆 03 is the other successor)
  '03': '04', // 机械伤害 → 机械致害
  '04': '05', // 起重伤害 → 起重致害
  '05': '06', // 触电
  '06': '07', // 淹溺
  '07': '08', // 灼烫
  '08': '09', // 火灾
  '09': '10', // 高处坠落
  '10': '12', // 坍塌
  '11': '12', // 冒顶片帮 → 坍塌
  '12': '13', // 透水 → 水害
  '13': '19', // 放炮 → 民用爆炸物品爆炸
  '14': '19', // 火药爆炸 → 民用爆炸物品爆炸
  '15': '16', // 瓦斯爆炸 → 可燃气体爆炸
  '16': '14', // 锅炉爆炸 → 容器爆炸
  '17': '14', // 容器爆炸
  '18': '27', // 其他爆炸 → 其他事故 (no single successor)
  '19': '23', // 中毒和窒息 → 中毒 (窒息 24 is the other successor)
  '20': '27', // 其他伤害 → 其他事故
};
