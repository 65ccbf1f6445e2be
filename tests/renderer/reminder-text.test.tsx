/** The words of a reminder for a fixed dashboard, in Chinese and in English (with English plurals). */
import { afterAll, describe, expect, it } from 'vitest';
import i18n from '../../renderer/src/i18n/index';
import { reminderText } from '../../renderer/src/desktop/reminder-text';
import { planReminders } from '../../shared/domain/reminders';

const plan = planReminders({
  dashboard: {
    overdue: { total: 1, items: [{ clientName: '太原晋祠兴旅游服务有限公司', rule: 'correction', subject: null, due: '2026-09-30' }] },
    inspections: { today: [], tomorrow: [
      { clientName: '大同沃土坊农产品供应链有限公司', date: '2026-10-09', time: '14:30', readinessPercent: 50 },
      { clientName: '晋中重工源装备科技有限公司', date: '2026-10-09', time: null, readinessPercent: 100 },
    ] },
    renewals: { items: [] },
  },
  today: '2026-10-08', workingDay: true, sent: {}, enabled: true,
});

describe('reminder text', () => {
  afterAll(async () => { await i18n.changeLanguage('zh-CN'); });

  it('Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(plan.map((r) => reminderText(r, i18n.t.bind(i18n), 'zh-CN'))).toEqual([
      { title: '1 项期限已逾期', body: '太原晋祠兴旅游服务有限公司：补正期限 2026-09-30 到期，已逾期 8 天' },
      { title: '今明两天有 2 场现场核查', body: '明天 14:30 大同沃土坊农产品供应链有限公司：准备 50%\n明天 晋中重工源装备科技有限公司：准备 100%' },
    ]);
  });

  it('English, with singular and plural', async () => {
    await i18n.changeLanguage('en');
    const [overdue, insp] = plan.map((r) => reminderText(r, i18n.t.bind(i18n), 'en'));
    expect(overdue.title).toBe('1 deadline overdue');
    expect(insp.title).toBe('2 site inspections today or tomorrow');
    expect(insp.body.split('\n')[0]).toBe('Tomorrow 14:30 大同沃土坊农产品供应链有限公司: 50% ready');
  });

  it('an overdue correction names its checklist items in the UI language', async () => {
    const [withItems] = planReminders({
      dashboard: {
        overdue: { total: 1, items: [{ clientName: '太原晋祠兴旅游服务有限公司', rule: 'correction', subject: '办公场地租赁合同、ICP备案截图、网站首页截图', due: '2026-09-30' }] },
        inspections: { today: [], tomorrow: [] }, renewals: { items: [] },
      },
      today: '2026-10-08', workingDay: true, sent: {}, enabled: true,
    });
    await i18n.changeLanguage('en');
    expect(reminderText(withItems, i18n.t.bind(i18n), 'en').body).toContain('(Office lease contract, ICP filing screenshot and website home-page screenshot)');
    await i18n.changeLanguage('zh-CN');
    expect(reminderText(withItems, i18n.t.bind(i18n), 'zh-CN').body).toContain('补正期限（办公场地租赁合同、ICP备案截图、网站首页截图）');
  });
});
