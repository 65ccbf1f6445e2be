/**
 * Chinese order in the register (issue 14): sorted by name 安泽, 北京, 长治, 大同 (pinyin, 长 = cháng); by city in
 * division-code order; 设置 leads to the inspection checklist template.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch';
import { poll, startApp, type App } from './harness';
import { sampleUscc } from '../helpers/data';

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('Chinese order', () => {
  it('the register sorted by name reads 安泽, 北京, 长治, 大同; by city 太原 before 大同 before 长治', async () => {
    app = await startApp({ now: '2026-11-30T02:00:00Z' });
    const { page } = app;
    const rows = [['大同云网科技有限公司', '大同市'], ['北京智联科技山西分公司', '太原市'], ['长治市数据服务有限公司', '长治市'], ['安泽县信息技术有限公司', '临汾市']];
    for (const [i, [name, city]] of rows.entries()) {
      const r = await dispatch(app.ctx, 'clients.create', { client: { name, uscc: sampleUscc(800 + i), city } });
      expect(r.ok).toBe(true);
    }
    await page.goto(`${app.host.url}#/clients`);
    await page.getByTestId('client-list').waitFor();
    await page.getByRole('button', { name: '公司名称' }).click();
    await poll(async () => (await page.getByTestId('client-row-name').allInnerTexts()).map((n) => n.trim().slice(0, 2))).toEqual(['安泽', '北京', '长治', '大同']);
    await page.getByRole('button', { name: '城市' }).click();
    await poll(async () => (await page.getByTestId('client-row-name').allInnerTexts()).map((n) => n.trim().slice(0, 2))).toEqual(['北京', '大同', '长治', '安泽']);
  }, 180_000);

  it('设置 opens the inspection checklist template', async () => {
    app = await startApp({ now: '2026-11-30T02:00:00Z' });
    const { page } = app;
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-open-template').click();
    await page.getByTestId('insp-template').waitFor();
  }, 180_000);
});
