/**
 * Shanxi's 11 prefecture-level cities (spec §2) and recognition of city names as people type them.
 * Division codes from GB/T 2260 (中华人民共和国行政区划代码); positions 3–6 of a USCC hold them.
 */
import { cleanText, toHalfWidth, WHITESPACE_RE } from './text';
import { usccCityCode } from './uscc';

/** One of Shanxi's 11 prefecture-level cities, by its official simplified name (with 市). */
export type CityName =
  | '太原市'
  | '大同市'
  | '阳泉市'
  | '长治市'
  | '晋城市'
  | '朔州市'
  | '晋中市'
  | '运城市'
  | '忻州市'
  | '临汾市'
  | '吕梁市';

/** A Shanxi prefecture-level city: `name` official name, `code` 4-digit division code, `short` name without 市, `en` pinyin. */
export interface City {
  name: CityName;
  code: string;
  short: string;
  en: string;
}

/** The 11 cities in division-code order (spec §2 table). */
export const CITIES: readonly City[] = [
  { name: '太原市', code: '1401', short: '太原', en: 'Taiyuan' },
  { name: '大同市', code: '1402', short: '大同', en: 'Datong' },
  { name: '阳泉市', code: '1403', short: '阳泉', en: 'Yangquan' },
  { name: '长治市', code: '1404', short: '长治', en: 'Changzhi' },
  { name: '晋城市', code: '1405', short: '晋城', en: 'Jincheng' },
  { name: '朔州市', code: '1406', short: '朔州', en: 'Shuozhou' },
  { name: '晋中市', code: '1407', short: '晋中', en: 'Jinzhong' },
  { name: '运城市', code: '1408', short: '运城', en: 'Yuncheng' },
  { name: '忻州市', code: '1409', short: '忻州', en: 'Xinzhou' },
  { name: '临汾市', code: '1410', short: '临汾', en: 'Linfen' },
  { name: '吕梁市', code: '1411', short: '吕梁', en: 'Lüliang' },
];

/** The 11 {@link CityName}s in division-code order. */
export const CITY_NAMES: readonly CityName[] = CITIES.map((c) => c.name);

/**
 * Result of {@link normalizeCity}:
 * - `shanxi`: one of the 11 cities; `district` is the rest of the text (e.g. '小店区'), simplified, or null;
 * - `outside`: names a place outside Shanxi (another province, or a city that is not one of the 11);
 * - `empty`: nothing typed;
 * - `unknown`: text that names no recognisable city (e.g. a district alone: '小店区').
 * `raw` is the input after {@link cleanText}.
 */
export type CityMatch =
  | { kind: 'shanxi'; city: CityName; district: string | null }
  | { kind: 'outside'; raw: string }
  | { kind: 'empty' }
  | { kind: 'unknown'; raw: string };

/**
 * Traditional → simplified characters that occur in the names of Shanxi's cities, districts and
 * counties (陽泉 長治 晉城 運城 臨汾 呂梁, 迎澤區, 堯都區, 鹽湖區 …). Characters not listed are kept.
 */
export const TRADITIONAL_TO_SIMPLIFIED: Readonly<Record<string, string>> = {
  陽: '阳', 長: '长', 晉: '晋', 運: '运', 臨: '临', 呂: '吕',
  區: '区', 縣: '县', 澤: '泽', 萬: '万', 嶺: '岭', 婁: '娄', 煩: '烦', 雲: '云', 崗: '岗',
  鎮: '镇', 廣: '广', 靈: '灵', 渾: '浑', 礦: '矿', 壺: '壶', 鄉: '乡', 魯: '鲁', 陰: '阴',
  懷: '怀', 順: '顺', 權: '权', 壽: '寿', 遙: '遥', 鹽: '盐', 榮: '荣', 聞: '闻', 絳: '绛',
  陸: '陆', 濟: '济', 臺: '台', 寧: '宁', 靜: '静', 樂: '乐', 嵐: '岚', 關: '关', 堯: '尧',
  馬: '马', 離: '离', 興: '兴', 樓: '楼', 義: '义', 門: '门', 東: '东', 島: '岛', 遼: '辽',
  蘇: '苏', 廈: '厦', 慶: '庆', 貴: '贵', 陝: '陕', 龍: '龙', 爾: '尔', 濱: '滨', 瀋: '沈',
  頭: '头', 鄭: '郑', 漢: '汉', 灣: '湾', 黃: '黄', 號: '号',
};

/** Simplifies the characters listed in {@link TRADITIONAL_TO_SIMPLIFIED}. */
export function toSimplifiedPlaceName(s: string): string {
  let out = '';
  for (const ch of s) out += TRADITIONAL_TO_SIMPLIFIED[ch] ?? ch;
  return out;
}

/**
 * Shanxi's county-level cities (县级市), which end in 市 but belong to one of the 11 prefecture-level
 * cities (GB/T 2260, 2024). Needed so that e.g. '介休市' is not mistaken for a city outside Shanxi.
 */
export const SHANXI_COUNTY_LEVEL_CITIES: Readonly<Record<string, CityName>> = {
  古交市: '太原市',
  高平市: '晋城市',
  怀仁市: '朔州市',
  介休市: '晋中市',
  永济市: '运城市',
  河津市: '运城市',
  原平市: '忻州市',
  侯马市: '临汾市',
  霍州市: '临汾市',
  孝义市: '吕梁市',
  汾阳市: '吕梁市',
};

/** Province-level divisions other than Shanxi (short names); text starting with one is outside Shanxi. */
export const OTHER_PROVINCES: readonly string[] = [
  '北京', '天津', '河北', '内蒙古', '辽宁', '吉林', '黑龙江', '上海', '江苏', '浙江', '安徽', '福建',
  '江西', '山东', '河南', '湖北', '湖南', '广东', '广西', '海南', '重庆', '四川', '贵州', '云南',
  '西藏', '陕西', '甘肃', '青海', '宁夏', '新疆', '台湾', '香港', '澳门',
];

/**
 * Common cities outside Shanxi written without 市 (provincial capitals, neighbours of Shanxi, big
 * cities); text starting with one is outside Shanxi. Names ending in 市/州/盟/地区 need not be listed.
 */
export const COMMON_OUTSIDE_CITIES: readonly string[] = [
  '石家庄', '呼和浩特', '西安', '郑州', '济南', '沈阳', '长春', '哈尔滨', '南京', '杭州', '合肥',
  '福州', '南昌', '武汉', '长沙', '广州', '南宁', '海口', '成都', '贵阳', '昆明', '拉萨', '兰州',
  '西宁', '银川', '乌鲁木齐', '深圳', '青岛', '大连', '宁波', '厦门', '苏州', '无锡', '东莞', '佛山',
  '包头', '鄂尔多斯', '乌海', '邯郸', '邢台', '保定', '张家口', '衡水', '沧州', '唐山', '秦皇岛',
  '廊坊', '承德', '安阳', '新乡', '焦作', '鹤壁', '济源', '洛阳', '三门峡', '濮阳', '开封', '商丘',
  '南阳', '榆林', '延安', '渭南', '宝鸡', '咸阳', '铜川', '汉中', '聊城', '德州', '烟台', '潍坊',
];

/**
 * Recognises a city as people type it (spec §2) and tells whether it is in Shanxi.
 *
 * Accepts: '太原' / '太原市'; traditional characters ('陽泉', '晉城市', see {@link TRADITIONAL_TO_SIMPLIFIED});
 * full-width characters and any whitespace; a district after the city ('太原市小店区', '太原小店区' →
 * district '小店区'); a '山西省' / '山西' prefix ('山西省太原市'); a Shanxi county-level city
 * ('介休市' → 晋中市 with district '介休市', see {@link SHANXI_COUNTY_LEVEL_CITIES}).
 * Outside: text containing 省 (other than 山西省), starting with another province or a common city
 * ({@link OTHER_PROVINCES}, {@link COMMON_OUTSIDE_CITIES}), or naming a city / prefecture (contains
 * 市, 盟, 地区, 自治州 or ends in 州). Never throws.
 */
export function normalizeCity(raw: string): CityMatch {
  const cleaned = cleanText(raw);
  let s = toSimplifiedPlaceName(toHalfWidth(cleaned).replace(WHITESPACE_RE, ''));
  if (s === '') return { kind: 'empty' };

  let hadShanxiPrefix = false;
  for (const prefix of ['中华人民共和国', '中国']) if (s.startsWith(prefix)) s = s.slice(prefix.length);
  if (s.startsWith('山西省')) {
    s = s.slice(3);
    hadShanxiPrefix = true;
  } else if (s.startsWith('山西')) {
    s = s.slice(2);
    hadShanxiPrefix = true;
  }

  for (const c of CITIES) {
    let rest: string | null = null;
    if (s.startsWith(c.name)) rest = s.slice(c.name.length);
    else if (s.startsWith(c.short)) rest = s.slice(c.short.length);
    if (rest === null) continue;
    if (rest === '地区') rest = ''; // the pre-2000 form, e.g. 吕梁地区
    return { kind: 'shanxi', city: c.name, district: rest === '' ? null : rest };
  }
  for (const [county, city] of Object.entries(SHANXI_COUNTY_LEVEL_CITIES)) {
    const short = county.slice(0, -1);
    if (s.startsWith(county) || s === short) return { kind: 'shanxi', city, district: county };
  }

  if (s === '') return { kind: 'unknown', raw: cleaned }; // just '山西省'
  if (hadShanxiPrefix) return { kind: 'unknown', raw: cleaned }; // 山西省 + a district we cannot place
  if (s.includes('省') || s.includes('自治区')) return { kind: 'outside', raw: cleaned };
  if (OTHER_PROVINCES.some((p) => s.startsWith(p))) return { kind: 'outside', raw: cleaned };
  if (COMMON_OUTSIDE_CITIES.some((p) => s.startsWith(p))) return { kind: 'outside', raw: cleaned };
  if (/^[\u4e00-\u9fff]+?(市|盟|地区|自治州)/.test(s) || /^[\u4e00-\u9fff]+州$/.test(s)) {
    return { kind: 'outside', raw: cleaned };
  }
  return { kind: 'unknown', raw: cleaned };
}

/**
 * The Shanxi city with a 4-digit division code ('1401' → '太原市').
 * @returns the city, or `null` for any other code (including non-Shanxi codes such as '6101')
 */
export function cityByCode(code4: string): CityName | null {
  return CITIES.find((c) => c.code === code4)?.name ?? null;
}

/**
 * The Shanxi city a USCC was registered in, from characters 3–6 ({@link usccCityCode}).
 * @returns the city, or `null` if the code is outside Shanxi, unparseable, or a Shanxi code that is not one of the 11 (e.g. '1400' provincial level)
 */
export function cityOfUscc(uscc: string): CityName | null {
  const code = usccCityCode(uscc);
  return code === null ? null : cityByCode(code);
}

/**
 * True when a USCC's division code (characters 3–4) is Shanxi's province code '14'; includes
 * province-level registrations ('1400'). The check character is not verified.
 */
export function isShanxiUscc(uscc: string): boolean {
  return usccCityCode(uscc)?.startsWith('14') ?? false;
}
