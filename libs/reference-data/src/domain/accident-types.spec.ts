import { readFileSync } from 'node:fs';
import {
  GB6441_2025_TYPES,
  GB6441_86_TYPES,
  gb6441IndustryCode,
  injuryDegree,
} from './accident-types.js';
import {
  DEFAULT_REFERENCE_DATA,
  accidentTypesMatch,
  casualtyReportingWindowDays,
  gb64412025Successors,
  resolveAccidentType,
} from './reference-data.js';

const fixture = <T>(name: string): T =>
  JSON.parse(
    readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'),
  ) as T;
const standard = fixture<{
  types: [string, string][];
  injuryDegrees: [string, string][];
}>('gb6441-2025-types.fixture.json');
const successors = fixture<{ successors: [string, string, string[]][] }>(
  'gb6441-86-successors.fixture.json',
);
const data = DEFAULT_REFERENCE_DATA;

describe('GB 6441-2025 accident types (transcribed fixture)', () => {
  it('has exactly the 27 types of the standard, codes and names, in its order', () => {
    expect(standard.types).toHaveLength(27);
    expect(GB6441_2025_TYPES.map((t) => [t.code, t.name])).toEqual(
      standard.types,
    );
    expect(
      data.accidentTypes['GB6441-2025'].map((t) => [t.code, t.name]),
    ).toEqual(standard.types);
  });

  it.each(standard.types)('resolves %s to %s', (code, name) => {
    expect(
      resolveAccidentType(data, { standard: 'GB6441-2025', code }),
    ).toEqual({ standard: 'GB6441-2025', code, name });
  });

  it('codes 其他 WSA10099 and has no WSA10027, and no short two-digit codes', () => {
    expect(
      resolveAccidentType(data, { standard: 'GB6441-2025', code: 'WSA10099' })
        ?.name,
    ).toBe('其他');
    for (const code of ['WSA10027', '27', '09', 'wsa10009']) {
      expect(
        resolveAccidentType(data, { standard: 'GB6441-2025', code }),
      ).toBeUndefined();
    }
  });

  it('writes brackets full-width and 蒸气, as the standard does', () => {
    const names = GB6441_2025_TYPES.map((t) => t.name).join('');
    expect(names).not.toMatch(/[()]/);
    expect(names).toContain('可燃液体蒸气爆炸');
    expect(names).not.toContain('蒸汽');
  });
});

describe('GB 6441-86 → GB 6441-2025 successors (one-to-many where the old type split)', () => {
  it('lists every one of the 20 old types', () => {
    expect(successors.successors.map(([code, name]) => [code, name])).toEqual(
      GB6441_86_TYPES.map((t) => [t.code, t.name]),
    );
  });

  it.each(successors.successors)('%s %s → %j', (code, _name, names) => {
    expect(
      gb64412025Successors(data, { standard: 'GB6441-86', code }).map(
        (t) => t.name,
      ),
    ).toEqual(names);
  });

  it('gives a GB 6441-2025 type itself and an unknown type nothing', () => {
    expect(
      gb64412025Successors(data, { standard: 'GB6441-2025', code: 'WSA10011' }),
    ).toEqual([{ standard: 'GB6441-2025', code: 'WSA10011', name: '跌落' }]);
    expect(
      gb64412025Successors(data, { standard: 'GB6441-86', code: '21' }),
    ).toEqual([]);
    expect(
      gb64412025Successors(data, { standard: 'GB9999', code: '01' }),
    ).toEqual([]);
  });
});

describe('accidentTypesMatch (the recurrence rule)', () => {
  const old = (code: string) => ({ standard: 'GB6441-86', code });
  const now = (code: string) => ({ standard: 'GB6441-2025', code });

  it('matches an old type with each of its successors, in either order', () => {
    expect(accidentTypesMatch(data, old('20'), now('WSA10011'))).toBe(true); // 其他伤害 ~ 跌落
    expect(accidentTypesMatch(data, now('WSA10099'), old('20'))).toBe(true); // 其他 ~ 其他伤害
    expect(accidentTypesMatch(data, old('14'), now('WSA10020'))).toBe(true); // 火药爆炸 ~ 烟花爆竹爆炸
    expect(accidentTypesMatch(data, old('15'), now('WSA10018'))).toBe(true); // 瓦斯爆炸 ~ 粉尘爆炸
    expect(accidentTypesMatch(data, old('10'), now('WSA10025'))).toBe(true); // 坍塌 ~ 滑坡
  });

  it('does not match an old type with a type it did not become', () => {
    expect(accidentTypesMatch(data, old('20'), now('WSA10010'))).toBe(false); // 其他伤害 ≁ 高处坠落
    expect(accidentTypesMatch(data, old('09'), now('WSA10011'))).toBe(false); // 高处坠落 ≁ 跌落
  });

  it('compares by code under one standard, and never matches an unknown type', () => {
    expect(accidentTypesMatch(data, now('WSA10004'), now('WSA10004'))).toBe(
      true,
    );
    expect(accidentTypesMatch(data, now('WSA10023'), now('WSA10024'))).toBe(
      false,
    );
    expect(accidentTypesMatch(data, old('10'), old('11'))).toBe(false); // 1986 kept 坍塌 and 冒顶片帮 apart
    expect(accidentTypesMatch(data, now('WSA10027'), now('WSA10027'))).toBe(
      false,
    );
  });
});

describe('GB 6441-2025 §4.2 degree of injury', () => {
  it.each([
    [{ deaths: 0, seriousInjuries: 0, minorInjuries: 0 }, 0],
    [{ deaths: 0, seriousInjuries: 0, minorInjuries: 2 }, 1],
    [{ deaths: 0, seriousInjuries: 1, minorInjuries: 5 }, 2],
    [{ deaths: 1, seriousInjuries: 0, minorInjuries: 0 }, 3],
  ])('%j → degree %i of the fixture', (casualties, index) => {
    const [code, name] = standard.injuryDegrees[index];
    expect(injuryDegree(casualties)).toEqual({ code, name });
  });
});

describe('gb6441IndustryCode (§5.5: WSA3 + GB/T 4754 class)', () => {
  it('needs a class-level (4-digit) industry code', () => {
    expect(gb6441IndustryCode('C3411')).toBe('WSA33411');
    expect(gb6441IndustryCode('C34')).toBeUndefined();
    expect(gb6441IndustryCode('C')).toBeUndefined();
    expect(gb6441IndustryCode(undefined)).toBeUndefined();
  });
});

describe('casualtyReportingWindowDays (生产安全事故报告和调查处理条例 art. 13)', () => {
  it.each([
    ['GB6441-2025', 'WSA10003', 7], // 道路（轨道）车辆致害
    ['GB6441-2025', 'WSA10009', 7], // 火灾
    ['GB6441-2025', 'WSA10002', 30], // 厂（场）内车辆致害
    ['GB6441-2025', 'WSA10004', 30],
    ['GB6441-86', '08', 7], // 火灾
    ['GB6441-86', '02', 7], // 车辆伤害: may have been road traffic
    ['GB6441-86', '03', 30],
  ])('%s %s → %i days', (standard, code, days) => {
    expect(casualtyReportingWindowDays(data, { standard, code })).toBe(days);
  });
});
