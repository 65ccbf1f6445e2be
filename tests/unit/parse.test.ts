import { describe, expect, it } from 'vitest';
import { ParseError } from '../../shared/errors';
import { normalizePhone, parseAreaM2, parseCapitalYuan, parseCount, parseDate } from '../../shared/domain/parse';

const EMPTY: unknown[] = [null, undefined, '', '   ', '\u3000', '-', '—', '无'];

function expectParseError(fn: () => unknown, mentions: string) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    expect((e as ParseError).code).toBe('VALIDATION');
    expect((e as Error).message).toContain(mentions);
    return;
  }
  throw new Error(`expected ParseError for ${mentions}`);
}

describe('parseCapitalYuan', () => {
  it.each<[unknown, number]>([
    ['500万元', 5_000_000],
    ['500万', 5_000_000],
    ['50万元', 500_000],
    ['1,000,000', 1_000_000],
    ['5,000,000', 5_000_000],
    ['500,000', 500_000],
    [2_000_000, 2_000_000],
    ['100万元人民币', 1_000_000],
    ['人民币100万元', 1_000_000],
    ['0.5亿元', 50_000_000],
    ['1.2345万元', 12_345],
    ['１００万', 1_000_000],
    ['1000元', 1000],
    [' 300 万元 ', 3_000_000],
    ['5000000', 5_000_000],
    ['0', 0],
    [1000000.4, 1_000_000],
  ])('%j → %d', (raw, yuan) => expect(parseCapitalYuan(raw)).toBe(yuan));

  it.each(EMPTY)('%j → null', (raw) => expect(parseCapitalYuan(raw)).toBeNull());

  it.each<[unknown, string]>([
    ['-100万', '-100万'],
    [-5, '-5'],
    ['五百万', '五百万'],
    ['100万美元', '100万美元'],
    ['abc', 'abc'],
    ['100万元整整', '100万元整整'],
    [Number.NaN, 'NaN'],
  ])('%j → ParseError', (raw, mentions) => expectParseError(() => parseCapitalYuan(raw), mentions));
});

describe('parseDate', () => {
  it.each<[unknown, string]>([
    [new Date('2021-02-15T00:00:00.000Z'), '2021-02-15'],
    [new Date(Date.UTC(2016, 9, 16)), '2016-10-16'],
    [44242, '2021-02-15'],
    [44242.75, '2021-02-15'],
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [20230508, '2023-05-08'],
    ['2023年5月8日', '2023-05-08'],
    ['2016年3月15日', '2016-03-15'],
    ['2023年05月08号', '2023-05-08'],
    ['2023.5.8', '2023-05-08'],
    ['2019.8.13', '2019-08-13'],
    ['2023/05/08', '2023-05-08'],
    ['2023/5/8', '2023-05-08'],
    ['2023-5-8', '2023-05-08'],
    ['2023-05-08', '2023-05-08'],
    ['20230508', '2023-05-08'],
    ['２０２３年５月８日', '2023-05-08'],
    ['２０２３－０５－０８', '2023-05-08'],
    ['2021-02-15T00:00:00.000Z', '2021-02-15'],
    ['2021-02-15 08:30', '2021-02-15'],
    [' 2024-02-29 ', '2024-02-29'],
  ])('%j → %s', (raw, date) => expect(parseDate(raw)).toBe(date));

  it.each(EMPTY)('%j → null', (raw) => expect(parseDate(raw)).toBeNull());

  it.each<[unknown, string]>([
    ['2023-02-30', '2023-02-30'],
    ['2023-13-01', '2023-13-01'],
    ['2023年2月29日', '2023年2月29日'],
    ['20230230', '20230230'],
    ['2023/5-8', '2023/5-8'],
    ['2023年5月', '2023年5月'],
    ['昨天', '昨天'],
    [60, '60'],
    [0, '0'],
    [-3, '-3'],
    [new Date('x'), '无效'],
  ])('%j → ParseError', (raw, mentions) => expectParseError(() => parseDate(raw), mentions));

  it('does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const zone of ['UTC', 'Asia/Shanghai', 'America/Los_Angeles']) {
        process.env.TZ = zone;
        expect(parseDate(new Date('2021-02-15T00:00:00.000Z'))).toBe('2021-02-15');
        expect(parseDate(44242)).toBe('2021-02-15');
        expect(parseDate('2023年5月8日')).toBe('2023-05-08');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('normalizePhone', () => {
  it.each<[unknown, string]>([
    [15226771482, '15226771482'],
    ['15226771482', '15226771482'],
    ['0351-5322469', '0351-5322469'],
    ['０３５１－５３２２４６９', '0351-5322469'],
    ['１５２２６７７１４８２', '15226771482'],
    ['(0351) 5322469', '0351-5322469'],
    ['（0351）5322469', '0351-5322469'],
    ['0351 5322469', '0351-5322469'],
    ['03515322469', '0351-5322469'],
    ['010-12345678', '010-12345678'],
    ['+86 152 2677 1482', '15226771482'],
    ['+86-15226771482', '15226771482'],
    ['(+86)15226771482', '15226771482'],
    ['008615226771482', '15226771482'],
    ['152-2677-1482', '15226771482'],
    ['400-123-4567', '4001234567'],
  ])('%j → %s', (raw, phone) => expect(normalizePhone(raw)).toBe(phone));

  // A switchboard number with its extension (分机) keeps the extension apart: before, '0351-5322469-8001' became the
  // 15 digits '035153224698001' without a flag (a number nobody can dial), and '转 8001' was refused.
  it.each<[unknown, string]>([
    ['0351-5322469-8001', '0351-5322469-8001'],
    ['0351-5322469 转 8001', '0351-5322469-8001'],
    ['0351-5322469转8001', '0351-5322469-8001'],
    ['０３５１－５３２２４６９转８００１', '0351-5322469-8001'],
    ['(0351) 5322469 分机 8001', '0351-5322469-8001'],
    ['03515322469-8001', '0351-5322469-8001'],
    ['010-12345678 ext. 123', '010-12345678-123'],
    ['0351 532 2469', '0351-5322469'],
  ])('extension: %j → %s', (raw, phone) => expect(normalizePhone(raw)).toBe(phone));

  it.each(EMPTY)('%j → null', (raw) => expect(normalizePhone(raw)).toBeNull());

  it.each<[unknown, string]>([
    ['abc', 'abc'],
    ['1522677148x', '1522677148x'],
    ['电话15226771482', '电话15226771482'],
    ['15226771482/13912345678', '15226771482/13912345678'],
    ['123', '123'],
    [-1, '-1'],
    ['0351-5322469 转', '0351-5322469 转'],
    ['转8001', '转8001'],
  ])('%j → ParseError', (raw, mentions) => expectParseError(() => normalizePhone(raw), mentions));
});

describe('parseCount', () => {
  it.each<[unknown, number]>([
    [3, 3],
    ['3', 3],
    ['3人', 3],
    ['８', 8],
    [' 5 名', 5],
    [0, 0],
    ['4.0', 4],
  ])('%j → %d', (raw, n) => expect(parseCount(raw)).toBe(n));

  it.each(EMPTY)('%j → null', (raw) => expect(parseCount(raw)).toBeNull());

  it.each<[unknown, string]>([
    [-1, '-1'],
    [2.5, '2.5'],
    ['2.5', '2.5'],
    ['三人', '三人'],
    ['-3', '-3'],
  ])('%j → ParseError', (raw, mentions) => expectParseError(() => parseCount(raw), mentions));
});

describe('parseAreaM2', () => {
  it.each<[unknown, number]>([
    [120, 120],
    ['120', 120],
    ['120㎡', 120],
    ['120平方米', 120],
    ['120平米', 120],
    ['120 m2', 120],
    ['120m²', 120],
    ['60.5', 60.5],
    ['１２０㎡', 120],
    ['1,200', 1200],
    [0, 0],
  ])('%j → %d', (raw, n) => expect(parseAreaM2(raw)).toBe(n));

  it.each(EMPTY)('%j → null', (raw) => expect(parseAreaM2(raw)).toBeNull());

  it.each<[unknown, string]>([
    [-5, '-5'],
    ['-5', '-5'],
    ['一百平', '一百平'],
    ['120亩', '120亩'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
  ])('%j → ParseError', (raw, mentions) => expectParseError(() => parseAreaM2(raw), mentions));
});
