import { accidentGrade } from './accident-grade.js';

const none = { deaths: 0, seriousInjuries: 0, directLossYuan: 0 };
const M = 1_000_000;

describe('accidentGrade (生产安全事故报告和调查处理条例 art. 3)', () => {
  it.each([
    [{ ...none }, 'general', '一般'],
    [{ ...none, deaths: 2 }, 'general', '一般'],
    [{ ...none, deaths: 3 }, 'larger', '较大'],
    [{ ...none, deaths: 9 }, 'larger', '较大'],
    [{ ...none, deaths: 10 }, 'major', '重大'],
    [{ ...none, deaths: 29 }, 'major', '重大'],
    [{ ...none, deaths: 30 }, 'especially-major', '特别重大'],
    [{ ...none, seriousInjuries: 9 }, 'general', '一般'],
    [{ ...none, seriousInjuries: 10 }, 'larger', '较大'],
    [{ ...none, seriousInjuries: 49 }, 'larger', '较大'],
    [{ ...none, seriousInjuries: 50 }, 'major', '重大'],
    [{ ...none, seriousInjuries: 99 }, 'major', '重大'],
    [{ ...none, seriousInjuries: 100 }, 'especially-major', '特别重大'],
    [{ ...none, directLossYuan: 10 * M - 1 }, 'general', '一般'],
    [{ ...none, directLossYuan: 10 * M }, 'larger', '较大'],
    [{ ...none, directLossYuan: 50 * M - 1 }, 'larger', '较大'],
    [{ ...none, directLossYuan: 50 * M }, 'major', '重大'],
    [{ ...none, directLossYuan: 100 * M - 1 }, 'major', '重大'],
    [{ ...none, directLossYuan: 100 * M }, 'especially-major', '特别重大'],
  ])('%j → %s', (figures, grade, name) => {
    expect(accidentGrade(figures)).toEqual({ grade, name });
  });

  it('takes the highest grade reached by any figure', () => {
    expect(
      accidentGrade({ deaths: 1, seriousInjuries: 55, directLossYuan: 12 * M }),
    ).toEqual({
      grade: 'major',
      name: '重大',
    });
  });
});
