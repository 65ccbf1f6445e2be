import { describe, expect, it } from 'vitest';
import { cleanText, toHalfWidth, truncateText } from '../../shared/domain/text';

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

describe('truncateText (grapheme-safe shortening)', () => {
  it('never cuts inside an emoji: 59 Chinese characters and 👍 cut to 60 keep the 👍 whole; to 59 drop it', () => {
    const note = '已'.repeat(59) + '👍';
    expect(truncateText(note, 60)).toBe(note);
    expect(truncateText(note, 59)).toBe(`${'已'.repeat(58)}…`);
    expect(truncateText(note, 59, { ellipsis: '' })).toBe('已'.repeat(59));
    expect(truncateText(note, 59)).not.toContain('\uFFFD');
    // String.prototype.slice would have left half a surrogate pair:
    expect(note.slice(0, 60).endsWith('\uD83D')).toBe(true);
  });
  it('keeps flag, skin-tone and family sequences whole; counts UTF-16 units for sheet names', () => {
    expect(truncateText('ab👨‍👩‍👧cd', 4)).toBe('ab👨‍👩‍👧…');
    expect(truncateText('太原👍🏽', 3, { ellipsis: '' })).toBe('太原👍🏽');
    expect(truncateText('太原👍🏽x', 3, { ellipsis: '' })).toBe('太原👍🏽');
    expect(truncateText('山西省太原市👍', 7, { measure: 'utf16', ellipsis: '' })).toBe('山西省太原市');
    expect(truncateText('短', 10)).toBe('短');
    // More UTF-16 units than `max` but exactly `max` characters: unchanged; one more character: cut.
    expect(truncateText('👨‍👩‍👧👍🏽é́', 3)).toBe('👨‍👩‍👧👍🏽é́');
    expect(truncateText('👨‍👩‍👧👍🏽é́x', 3)).toBe('👨‍👩‍👧👍🏽…');
    expect(truncateText(`${'晋'.repeat(39)}👍🏽${'中'.repeat(5000)}`, 40)).toBe(`${'晋'.repeat(39)}…`);
  });
});
