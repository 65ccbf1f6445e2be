/**
 * Chinese order for names and consultants: a pinyin sort key per value, stored on write (0070) so the register's
 * sort reads an index. Key = the value's pinyin, syllable by syllable with tone numbers, lower case (pinyin-pro, which
 * reads polyphones by word: 长治 → chang2 zhi4, 重庆 → chong2 qing4; surnames by their surname reading for people:
 * 单 → shan4, 曾 → zeng1), then U+0001 and the value itself so equal readings still order deterministically.
 * Latin letters and digits stay as they are (lower case), so "ABC网络" sorts under a. Example keys:
 * 安泽 → "an1 ze2\u0001安泽", 北京 → "bei3 jing1\u0001北京", 长治 → "chang2 zhi4\u0001长治", 大同 → "da4 tong2\u0001大同".
 */
import { pinyin } from 'pinyin-pro';

/** The pinyin sort key of `value` (see the module comment); null for null. `person`: read the first character as a surname. */
export function pinyinSortKey(value: string | null | undefined, person = false): string | null {
  if (value === null || value === undefined) return null;
  const syllables = pinyin(value, { toneType: 'num', type: 'array', nonZh: 'consecutive', v: true, ...(person ? { surname: 'head' as const } : {}) });
  return `${syllables.map((s) => s.trim().toLowerCase()).filter(Boolean).join(' ')}\u0001${value}`;
}
