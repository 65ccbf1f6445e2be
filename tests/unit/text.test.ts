import { describe, expect, it } from 'vitest';
import { cleanText, toHalfWidth } from '../../shared/domain/text';

describe('toHalfWidth', () => {
  it.each([
    ['９１１４０３０２ＭＡＥＡ０１８２１Ｌ', '91140302MAEA01821L'],
    ['（０３５１）　５３２２４６９', '(0351) 5322469'],
    ['ａｂｃ！～', 'abc!~'],
    ['太原市', '太原市'],
    ['￥100', '￥100'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(toHalfWidth(input)).toBe(expected);
  });
});

describe('cleanText', () => {
  it.each<[unknown, string]>([
    [null, ''],
    [undefined, ''],
    ['', ''],
    [' 吕梁老陈醋兴网络科技有限公司 ', '吕梁老陈醋兴网络科技有限公司'],
    ['\u3000太原\u3000\u3000晋祠\u00a0 公司\t\n', '太原 晋祠 公司'],
    ['ＡＢＣ', 'ＡＢＣ'],
    [15226771482, '15226771482'],
    [0, '0'],
    [true, 'true'],
    [{ richText: [{ text: '太原' }, { text: '市 ' }] }, '太原市'],
    [{ text: 'www.jwf1.cn', hyperlink: 'http://www.jwf1.cn' }, 'www.jwf1.cn'],
    [{ formula: 'A1', result: ' 3 ' }, '3'],
    [new Date('2021-02-15T00:00:00.000Z'), '2021-02-15T00:00:00.000Z'],
    ['a\u200Bb', 'a b'],
  ])('%j → %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});
