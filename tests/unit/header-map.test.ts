import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { detectHeader, fieldOfHeader, headerRowFor, normalizeHeader } from '../../db/import/header-map';

const SAMPLE_HEADER = [
  '序号', '公司名称', '统一社会信用代码', '所在城市', '区县', '行业类型', '平台名称', '网站域名', '法定代表人', '联系人',
  '联系电话', '注册资本', '成立日期', '办公面积(㎡)', '社保人数', '办理阶段', '负责顾问', '备注',
];

describe('normalizeHeader', () => {
  it.each([
    ['办公面积(㎡)', '办公面积'],
    ['注册资本（万元）', '注册资本'],
    [' 公司 名称 ', '公司名称'],
    ['*公司名称：', '公司名称'],
    ['【必填】统一社会信用代码', '统一社会信用代码'],
    ['ＵＳＣＣ', 'uscc'],
    [null, ''],
  ])('%s → %s', (raw, out) => expect(normalizeHeader(raw)).toBe(out));
});

describe('fieldOfHeader', () => {
  it.each([
    ['序号', 'seq'], ['编号', 'seq'], ['企业名称', 'name'], ['客户名称', 'name'], ['单位名称', 'name'],
    ['信用代码', 'uscc'], ['社会信用代码', 'uscc'], ['城市', 'city'], ['地市', 'city'], ['区县', 'district'],
    ['办公地址', 'address'], ['行业', 'industry'], ['域名', 'domain'], ['法人', 'legalRep'], ['电话', 'contactPhone'],
    ['手机', 'contactPhone'], ['固定电话', 'contactPhone'], ['联系人电话', 'contactPhone'], ['注册日期', 'founded'],
    ['办公面积（平方米）', 'officeArea'], ['参保人数', 'insuredStaff'], ['阶段', 'stage'], ['顾问', 'consultant'],
    ['经营范围', 'businessScope'], ['备注', 'remark'], ['注册资本(万元)', 'capital'],
  ])('%s → %s', (h, f) => expect(fieldOfHeader(h)).toBe(f));

  it('does not match generic words by their ending', () => {
    expect(fieldOfHeader('重点客户')).toBeNull();
    expect(fieldOfHeader('是否高新企业')).toBeNull();
    expect(fieldOfHeader('技术负责人')).toBeNull();
    expect(fieldOfHeader('2026年ICP许可证客户台账')).toBeNull();
    expect(fieldOfHeader('')).toBeNull();
  });
});

describe('detectHeader', () => {
  it('skips a merged title row and maps every sample heading', () => {
    const title = Array(18).fill('2026年ICP许可证客户台账');
    const g = detectHeader([title, SAMPLE_HEADER, [1, '太原某某有限公司']]);
    expect(g.headerRow).toBe(1);
    expect(g.headers).toEqual(SAMPLE_HEADER);
    expect(g.mapping).toEqual({
      seq: 0, name: 1, uscc: 2, city: 3, district: 4, industry: 5, platformName: 6, domain: 7, legalRep: 8, contactName: 9,
      contactPhone: 10, capital: 11, founded: 12, officeArea: 13, insuredStaff: 14, stage: 15, consultant: 16, remark: 17,
    });
  });

  it('keeps the leftmost column when two headings name the same field', () => {
    expect(detectHeader([['企业名称', '电话', '手机']]).mapping).toEqual({ name: 0, contactPhone: 1 });
  });

  it('finds a header after blank and note rows', () => {
    const rows = [[], ['说明：请勿修改表头'], [null, null], ['编号', '客户名称', '信用代码']];
    expect(detectHeader(rows)).toMatchObject({ headerRow: 3, mapping: { seq: 0, name: 1, uscc: 2 } });
  });

  it('looks only at the first 10 rows', () => {
    const rows = [...Array.from({ length: 10 }, () => ['x', 'y']), ['公司名称']];
    expect(() => detectHeader(rows)).toThrow(AppError);
  });

  it('throws BAD_FILE in Chinese without a company-name column', () => {
    try {
      detectHeader([['序号', '统一社会信用代码', '城市']]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('BAD_FILE');
      expect((e as AppError).message).toMatch(/找不到“公司名称”列/);
    }
  });
});

describe('headerRowFor (user-supplied mapping)', () => {
  it('uses the detected header when there is one', () => {
    expect(headerRowFor([['标题', '标题'], ['公司名称', '代码']])).toBe(1);
  });
  it('falls back to the first row with two different cells, passing over a merged title', () => {
    expect(headerRowFor([['台账', '台账', '台账'], ['甲方', '代码', '地方'], ['a', 'b']])).toBe(1);
  });
});
