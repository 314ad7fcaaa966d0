/**
 * GB/T 4754-2017 国民经济行业分类 code: a 门类 (section) letter A–T alone, or the letter followed by a
 * 2-digit 大类 (division), 3-digit 中类 or 4-digit 小类 code (e.g. `C`, `C13`, `C131`, `C1311`). The
 * first two digits are always the division, and each of the 97 divisions belongs to exactly one section
 * (table below, from the standard's 类别和代码表), so `C01` is refused: division 01 (农业) is in section A.
 * Groups and classes below the division are checked for format only.
 */
export interface IndustrySection {
  letter: string;
  name: string;
  /** Inclusive range of the section's 2-digit divisions. */
  divisions: { from: number; to: number };
}

export const GB4754_2017_SECTIONS: readonly IndustrySection[] = [
  { letter: 'A', name: '农、林、牧、渔业', divisions: { from: 1, to: 5 } },
  { letter: 'B', name: '采矿业', divisions: { from: 6, to: 12 } },
  { letter: 'C', name: '制造业', divisions: { from: 13, to: 43 } },
  {
    letter: 'D',
    name: '电力、热力、燃气及水生产和供应业',
    divisions: { from: 44, to: 46 },
  },
  { letter: 'E', name: '建筑业', divisions: { from: 47, to: 50 } },
  { letter: 'F', name: '批发和零售业', divisions: { from: 51, to: 52 } },
  {
    letter: 'G',
    name: '交通运输、仓储和邮政业',
    divisions: { from: 53, to: 60 },
  },
  { letter: 'H', name: '住宿和餐饮业', divisions: { from: 61, to: 62 } },
  {
    letter: 'I',
    name: '信息传输、软件和信息技术服务业',
    divisions: { from: 63, to: 65 },
  },
  { letter: 'J', name: '金融业', divisions: { from: 66, to: 69 } },
  { letter: 'K', name: '房地产业', divisions: { from: 70, to: 70 } },
  { letter: 'L', name: '租赁和商务服务业', divisions: { from: 71, to: 72 } },
  {
    letter: 'M',
    name: '科学研究和技术服务业',
    divisions: { from: 73, to: 75 },
  },
  {
    letter: 'N',
    name: '水利、环境和公共设施管理业',
    divisions: { from: 76, to: 79 },
  },
  {
    letter: 'O',
    name: '居民服务、修理和其他服务业',
    divisions: { from: 80, to: 82 },
  },
  { letter: 'P', name: '教育', divisions: { from: 83, to: 83 } },
  { letter: 'Q', name: '卫生和社会工作', divisions: { from: 84, to: 85 } },
  { letter: 'R', name: '文化、体育和娱乐业', divisions: { from: 86, to: 90 } },
  {
    letter: 'S',
    name: '公共管理、社会保障和社会组织',
    divisions: { from: 91, to: 96 },
  },
  { letter: 'T', name: '国际组织', divisions: { from: 97, to: 97 } },
];

const INDUSTRY_CODE = /^([A-T])(\d{2}|\d{3}|\d{4})?$/;

/** The section a 2-digit division belongs to, or undefined for a number that is no division (00, 98, 99). */
export function sectionOfDivision(
  division: number,
): IndustrySection | undefined {
  return GB4754_2017_SECTIONS.find(
    (s) => division >= s.divisions.from && division <= s.divisions.to,
  );
}

/** Why a code is not a GB/T 4754-2017 code, or undefined when it is one. */
export function industryCodeProblem(code: string): string | undefined {
  const match = typeof code === 'string' ? INDUSTRY_CODE.exec(code) : null;
  if (!match) {
    return `'${String(code)}' is not a GB/T 4754-2017 code (a section letter A–T, optionally followed by 2, 3 or 4 digits)`;
  }
  const [, letter, digits] = match;
  if (digits === undefined) return undefined;
  const division = Number(digits.slice(0, 2));
  const section = sectionOfDivision(division);
  if (!section)
    return `'${code}': ${digits.slice(0, 2)} is not a GB/T 4754-2017 division (01–97)`;
  if (section.letter !== letter) {
    return `'${code}': division ${digits.slice(0, 2)} belongs to section ${section.letter} (${section.name}), not ${letter}`;
  }
  return undefined;
}

export function isValidIndustryCode(code: string): boolean {
  return industryCodeProblem(code) === undefined;
}
