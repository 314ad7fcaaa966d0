/**
 * Accident grade per 生产安全事故报告和调查处理条例 art. 3. The article's wording "以上" includes the
 * number and "以下" excludes it, so every threshold is inclusive at its lower bound:
 * - 特别重大: ≥ 30 deaths, or ≥ 100 serious injuries (incl. acute industrial poisoning), or ≥ ¥100M direct loss
 * - 重大: 10–29 deaths, or 50–99 serious, or ¥50M–¥100M
 * - 较大: 3–9 deaths, or 10–49 serious, or ¥10M–¥50M
 * - 一般: below all of those
 * The highest grade reached by any of the three figures wins.
 */
export type AccidentGradeCode =
  'especially-major' | 'major' | 'larger' | 'general';
export type AccidentGradeName = '特别重大' | '重大' | '较大' | '一般';

export interface AccidentGrade {
  grade: AccidentGradeCode;
  name: AccidentGradeName;
}

export interface AccidentFigures {
  deaths: number;
  seriousInjuries: number;
  directLossYuan: number;
}

const GRADES: ReadonlyArray<
  AccidentGrade & { deaths: number; serious: number; lossYuan: number }
> = [
  {
    grade: 'especially-major',
    name: '特别重大',
    deaths: 30,
    serious: 100,
    lossYuan: 100_000_000,
  },
  {
    grade: 'major',
    name: '重大',
    deaths: 10,
    serious: 50,
    lossYuan: 50_000_000,
  },
  {
    grade: 'larger',
    name: '较大',
    deaths: 3,
    serious: 10,
    lossYuan: 10_000_000,
  },
];

export function accidentGrade({
  deaths,
  seriousInjuries,
  directLossYuan,
}: AccidentFigures): AccidentGrade {
  for (const g of GRADES) {
    if (
      deaths >= g.deaths ||
      seriousInjuries >= g.serious ||
      directLossYuan >= g.lossYuan
    ) {
      return { grade: g.grade, name: g.name };
    }
  }
  return { grade: 'general', name: '一般' };
}
