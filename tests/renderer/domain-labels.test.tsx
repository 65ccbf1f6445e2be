/**
 * Domain terms in the UI's language (renderer/src/i18n/domain.ts): codes and default texts get their English name,
 * what the user typed or renamed stays as typed; Chinese stays the source in zh-CN. Expected values are written out
 * here from the official romanisation and the issue, not read from the code's tables.
 */
import { afterEach, describe, expect, it } from 'vitest';
import i18n from '../../renderer/src/i18n/index';
import {
  attendeeLabel, cityLabel, holidaySourceLabel, importFlagLabel, inspectionItemText, materialHint, materialTitle, materialTitlesText,
} from '../../renderer/src/i18n/domain';

afterEach(async () => { await i18n.changeLanguage('zh-CN'); });

const CITIES_EN: Array<[string, string]> = [
  ['太原市', 'Taiyuan'], ['大同市', 'Datong'], ['阳泉市', 'Yangquan'], ['长治市', 'Changzhi'], ['晋城市', 'Jincheng'], ['朔州市', 'Shuozhou'],
  ['晋中市', 'Jinzhong'], ['运城市', 'Yuncheng'], ['忻州市', 'Xinzhou'], ['临汾市', 'Linfen'], ['吕梁市', 'Lüliang'],
];

describe('domain labels in English', () => {
  it("names Shanxi's 11 cities in English, by official or short name; Chinese stays Chinese", async () => {
    await i18n.changeLanguage('en');
    for (const [zh, en] of CITIES_EN) {
      expect(cityLabel(zh)).toBe(en);
      expect(cityLabel(zh.replace(/市$/, ''))).toBe(en);
    }
    expect(cityLabel('北京市')).toBe('北京市'); // not one of the 11: shown as stored
    await i18n.changeLanguage('zh-CN');
    expect(cityLabel('吕梁市')).toBe('吕梁市');
  });

  it('names default checklist items and their hints in English; a renamed item keeps the user’s title', async () => {
    await i18n.changeLanguage('en');
    expect(materialTitle({ itemKey: 'B01', title: '办公场地租赁合同' })).toBe('Office lease contract');
    expect(materialHint({ itemKey: 'B01', title: '办公场地租赁合同', hint: '地址、面积、租期' })).toBe('Address, area, lease term');
    expect(materialTitle({ itemKey: 'A02', title: '营业执照副本复印件' })).toBe('Copy of the business licence (duplicate)');
    expect(materialTitle({ itemKey: 'B01', title: '租赁合同（含补充协议）' })).toBe('租赁合同（含补充协议）');
    expect(materialHint({ itemKey: 'B01', title: '办公场地租赁合同', hint: '需房东盖章' })).toBe('需房东盖章');
    expect(materialTitle({ itemKey: 'X01', title: '其他补充材料' })).toBe('其他补充材料');
    // Titles a deadline joins with 、 — D06's own title holds one.
    expect(materialTitlesText('办公场地租赁合同、ICP备案截图、网站首页截图')).toBe('Office lease contract, ICP filing screenshot and website home-page screenshot');
    await i18n.changeLanguage('zh-CN');
    expect(materialTitle({ itemKey: 'B01', title: '办公场地租赁合同' })).toBe('办公场地租赁合同');
    expect(materialTitlesText('办公场地租赁合同、无违规声明')).toBe('办公场地租赁合同、无违规声明');
  });

  it('names default inspection items, attendee roles and built-in holiday notices in English', async () => {
    await i18n.changeLanguage('en');
    expect(inspectionItemText({ templateKey: 'P02', text: '办公地址与租赁合同一致' })).toBe('Office address matches the lease');
    expect(inspectionItemText({ text: '技术负责人当天到场' })).toBe('Technical lead present on the day');
    expect(inspectionItemText({ templateKey: 'P02', text: '地址与合同一致（含门牌）' })).toBe('地址与合同一致（含门牌）');
    expect(attendeeLabel({ name: '张伟', role: 'tech_lead' })).toBe('张伟 (Technical lead)');
    expect(holidaySourceLabel('国务院办公厅关于2026年部分节假日安排的通知（2025-11-04发布）')).toMatch(/^General Office of the State Council: notice on the 2026/);
    expect(holidaySourceLabel('自行录入的通知')).toBe('自行录入的通知');
    await i18n.changeLanguage('zh-CN');
    expect(attendeeLabel({ name: '张伟', role: 'tech_lead' })).toBe('张伟（技术负责人）');
  });

  it('stage, status and industry labels come from their shared source in each language', async () => {
    await i18n.changeLanguage('en');
    expect(i18n.t('common.stage.site_inspection')).toBe('Site inspection');
    expect(i18n.t('common.status.correction')).toBe('Correction requested');
    expect(i18n.t('common.industry.文旅服务')).toBe('Culture & tourism');
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('common.stage.site_inspection')).toBe('现场核查');
    expect(i18n.t('common.status.correction')).toBe('需补正');
  });

  it('the office-area shortfall reads the same wherever it is shown (eligibility, import flag, inspection, prep sheet)', async () => {
    await i18n.changeLanguage('en');
    expect(i18n.t('eligibility.reason.area_low', { area: 45, min: 50 })).toBe('Office area 45 m², below the 50 m² minimum');
    expect(importFlagLabel('area_low')).toBe('Office area below the 50 m² minimum');
    expect(importFlagLabel('capital_low')).toBe('Capital below 1,000,000 yuan');
    expect(importFlagLabel('staff_low')).toBe('Fewer than 3 insured staff');
    expect(i18n.t('inspection.areaLow', { min: 50 })).toBe('Measured area below the 50 m² minimum');
    expect(i18n.t('inspection.sheet.areaLow', { min: 50 })).toBe('below the 50 m² minimum');
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('eligibility.reason.area_low', { area: 45, min: 50 })).toBe('办公面积 45 ㎡，低于最低要求 50 ㎡');
    expect(importFlagLabel('area_low')).toBe('办公面积低于最低要求 50 ㎡');
    expect(importFlagLabel('capital_low')).toBe('注册资本低于 1,000,000 元');
    expect(importFlagLabel('staff_low')).toBe('社保人数少于 3 人');
    expect(importFlagLabel('duplicate_in_file')).toBe('表内重复');
    expect(i18n.t('inspection.areaLow', { min: 50 })).toBe('实测面积低于最低要求 50 ㎡');
  });
});
