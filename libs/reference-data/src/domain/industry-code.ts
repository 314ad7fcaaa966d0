/**
 * GB/T 4754-2017 国民经济行业分类 code format: a 门类 (section) letter A–T alone, or the letter followed
 * by a 2-digit 大类, 3-digit 中类 or 4-digit 小类 code (e.g. `C`, `C13`, `C131`, `C1311`).
 * Only the format is checked, not membership in the published tables.
 */
const INDUSTRY_CODE = /^[A-T](\d{2}|\d{3}|\d{4})?$/;

export function isValidIndustryCode(code: string): boolean {
  return typeof code === 'string' && INDUSTRY_CODE.test(code);
}
