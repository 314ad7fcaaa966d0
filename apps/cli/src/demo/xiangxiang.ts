/**
 * Synthetic but plausible data for the demo county, Xiangxiang (湘乡市, Hunan; administrative
 * division code 430381). Townships are real names; their grouping into the four zones along the
 * trunk roads is illustrative, as are every enterprise, name and figure the demo generates.
 */
export const XIANGXIANG_DIVISION_CODE = '430381';

/** Townships (乡镇/街道) of each zone, by zone index (zone-1 … zone-4). */
export const ZONE_TOWNSHIPS: readonly (readonly string[])[] = [
  ['东山街道', '望春门街道', '新湘路街道', '昆仑桥街道', '东郊乡'],
  ['中沙镇', '泉塘镇', '潭市镇', '月山镇', '栗山镇'],
  ['金石镇', '山枣镇', '棋梓镇', '翻江镇', '虞唐镇'],
  ['壶天镇', '龙洞镇', '毛田镇', '白田镇', '梅桥镇', '育塅乡'],
];

/** GB/T 4754-2017 小类 codes common in the county, with the word used in company names. */
export const INDUSTRIES: readonly {
  code: string;
  word: string;
  above: number;
}[] = [
  { code: 'C1910', word: '皮革', above: 0.5 },
  { code: 'C1952', word: '鞋业', above: 0.4 },
  { code: 'C3011', word: '水泥', above: 0.8 },
  { code: 'C3021', word: '建材', above: 0.3 },
  { code: 'C3031', word: '新型墙材', above: 0.2 },
  { code: 'C2614', word: '化工', above: 0.6 },
  { code: 'C2641', word: '涂料', above: 0.4 },
  { code: 'C3421', word: '机床', above: 0.4 },
  { code: 'C3311', word: '钢结构', above: 0.35 },
  { code: 'C3130', word: '钢材', above: 0.7 },
  { code: 'C1311', word: '米业', above: 0.25 },
  { code: 'C1351', word: '食品', above: 0.3 },
  { code: 'C1391', word: '粉业', above: 0.2 },
  { code: 'C1512', word: '酒业', above: 0.3 },
  { code: 'C2231', word: '包装', above: 0.3 },
  { code: 'C2927', word: '塑业', above: 0.25 },
  { code: 'C3982', word: '电子', above: 0.45 },
  { code: 'C3824', word: '电器', above: 0.4 },
  { code: 'B1011', word: '矿业', above: 0.3 },
  { code: 'B1019', word: '砂石', above: 0.1 },
  { code: 'G5431', word: '物流', above: 0.15 },
  { code: 'F5265', word: '石油', above: 0.1 },
];

/** Characters for the trade name (字号). */
export const TRADE_NAME_CHARS = [
  '湘',
  '涟',
  '韶',
  '楚',
  '华',
  '鑫',
  '盛',
  '宏',
  '金',
  '龙',
  '云',
  '峰',
  '昌',
  '源',
  '恒',
  '达',
  '兴',
  '远',
  '瑞',
  '丰',
  '泰',
  '博',
  '嘉',
  '力',
  '顺',
  '安',
  '康',
  '众',
  '诚',
  '信',
  '宇',
  '辉',
  '永',
  '银',
  '天',
  '正',
  '德',
  '创',
  '联',
  '新',
  '山',
  '水',
  '东',
  '旺',
  '旭',
  '凯',
  '佳',
  '福',
  '润',
  '益',
] as const;

export const COMPANY_FORMS = [
  '有限公司',
  '有限责任公司',
  '股份有限公司',
] as const;

export const VISIT_FINDINGS = [
  '岗位安全生产责任清单未覆盖全部岗位',
  '责任清单已制定但未上墙公示',
  '班组长对本岗位安全职责不熟悉',
  '新入职员工未参加岗位安全培训',
  '考核制度与岗位清单未挂钩',
  '奖惩记录不完整',
  '操作规程版本陈旧，与现有设备不符',
  '隐患排查记录未落实到岗位',
  '主要负责人已组织召开责任制推进会',
  '责任制运行良好，员工知晓率高',
] as const;

export const VISIT_NEXT_STEPS = [
  '两周内补齐缺失岗位清单',
  '一个月内完成全员岗位培训',
  '修订考核办法，按季度开展岗位安全绩效考核',
  '在车间醒目位置公示岗位责任清单',
  '更新岗位安全操作规程并组织学习',
  '建立员工隐患报告奖励台账',
  '下次走访核查整改落实情况',
  '总结经验，准备样板企业申报材料',
] as const;

/** Model-enterprise designation batches (样板企业), with the bureau's document numbers. */
export const MODEL_BATCHES = [
  {
    date: '2024-06-26',
    citation:
      '湘乡市应急管理局 湘应急发〔2024〕18号 第一批全员岗位安全生产责任制样板企业',
  },
  {
    date: '2024-12-18',
    citation:
      '湘乡市应急管理局 湘应急发〔2024〕41号 第二批全员岗位安全生产责任制样板企业',
  },
  {
    date: '2025-06-25',
    citation:
      '湘乡市应急管理局 湘应急发〔2025〕16号 第三批全员岗位安全生产责任制样板企业',
  },
] as const;
