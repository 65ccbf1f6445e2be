import { describe, expect, it } from 'vitest';
import {
  CITIES,
  CITY_NAMES,
  cityByCode,
  cityOfUscc,
  isShanxiUscc,
  normalizeCity,
  type CityMatch,
} from '../../shared/domain/cities';

describe('CITIES', () => {
  it('has the 11 cities of spec §2 with codes 1401…1411', () => {
    expect(CITIES).toHaveLength(11);
    expect(CITY_NAMES).toEqual([
      '太原市', '大同市', '阳泉市', '长治市', '晋城市', '朔州市', '晋中市', '运城市', '忻州市', '临汾市', '吕梁市',
    ]);
    CITIES.forEach((c, i) => {
      expect(c.code).toBe(`14${String(i + 1).padStart(2, '0')}`);
      expect(c.name).toBe(`${c.short}市`);
      expect(c.en).toMatch(/^[A-Z]/);
    });
  });
});

describe('normalizeCity', () => {
  const shanxi = (city: string, district: string | null = null): CityMatch =>
    ({ kind: 'shanxi', city, district }) as CityMatch;

  it.each<[string, CityMatch]>([
    ['太原市', shanxi('太原市')],
    ['太原', shanxi('太原市')],
    [' 大同 ', shanxi('大同市')],
    ['阳泉', shanxi('阳泉市')],
    ['陽泉', shanxi('阳泉市')],
    ['陽泉市', shanxi('阳泉市')],
    ['長治', shanxi('长治市')],
    ['晉城', shanxi('晋城市')],
    ['運城市', shanxi('运城市')],
    ['臨汾', shanxi('临汾市')],
    ['呂梁', shanxi('吕梁市')],
    ['晉中', shanxi('晋中市')],
    ['大同', shanxi('大同市')],
    ['忻州', shanxi('忻州市')],
    ['朔州市', shanxi('朔州市')],
    ['太原市小店区', shanxi('太原市', '小店区')],
    ['太原小店区', shanxi('太原市', '小店区')],
    ['太原市 小店区', shanxi('太原市', '小店区')],
    ['太原市迎澤區', shanxi('太原市', '迎泽区')],
    ['山西省太原市', shanxi('太原市')],
    ['山西太原', shanxi('太原市')],
    ['山西省晋中市太谷区', shanxi('晋中市', '太谷区')],
    ['吕梁地区', shanxi('吕梁市')],
    ['介休市', shanxi('晋中市', '介休市')],
    ['孝义', shanxi('吕梁市', '孝义市')],
    ['山西省古交市', shanxi('太原市', '古交市')],
  ])('%s → Shanxi', (raw, expected) => expect(normalizeCity(raw)).toEqual(expected));

  it.each([
    '西安市', '西安', '西安市雁塔区', '北京', '北京市', '上海', '郑州', '郑州市', '石家庄', '呼和浩特',
    '陕西省西安市', '河北省邯郸市', '内蒙古自治区', '杭州', '锡林郭勒盟', '延边朝鲜族自治州', '某某地区', '广州市天河区',
  ])('%s → outside', (raw) => expect(normalizeCity(raw)).toEqual({ kind: 'outside', raw }));

  it.each(['', '   ', '\u3000'])('%j → empty', (raw) => expect(normalizeCity(raw)).toEqual({ kind: 'empty' }));

  it.each(['小店区', '城区', '山西省', '火星', 'abc'])('%s → unknown', (raw) =>
    expect(normalizeCity(raw)).toEqual({ kind: 'unknown', raw }),
  );
});

describe('cityByCode / cityOfUscc / isShanxiUscc', () => {
  it.each<[string, string | null]>([
    ['1401', '太原市'],
    ['1407', '晋中市'],
    ['1411', '吕梁市'],
    ['1400', null],
    ['1412', null],
    ['6101', null],
    ['', null],
  ])('cityByCode(%s) = %s', (code, city) => expect(cityByCode(code)).toBe(city));

  it.each<[string, string | null, boolean]>([
    ['91140106MA1QN6K440', '太原市', true],
    ['91140213MA4NRBGM4J', '大同市', true],
    ['９１１４０３０２ＭＡＥＡ０１８２１Ｌ', '阳泉市', true],
    ['91141102MA6HRQQR87', '吕梁市', true],
    ['91140000MA0000000X', null, true],
    ['91610113MA60MKFJ35', null, false],
    ['', null, false],
  ])('%s → %s, Shanxi %s', (uscc, city, inShanxi) => {
    expect(cityOfUscc(uscc)).toBe(city);
    expect(isShanxiUscc(uscc)).toBe(inShanxi);
  });
});
