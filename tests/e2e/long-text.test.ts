/**
 * A long unbroken value someone typed or imported — a URL in a change filing, a domain, an address or licence scope
 * without spaces — wraps where it must: no page is wider than the 1366×768 window. Before, the home page's deadline
 * line, the client's 现场核查, 许可证与年报, 办理期限 and 动态 tabs grew to 1,846–25,156 px wide and needed a
 * horizontal scroll bar to reach 截止 and the tab's buttons.
 */
import { afterEach, describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { poll, screenshot, startApp, type App, ok } from './harness';
import { sampleUscc } from '../helpers/data';

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const DOMAIN = `www.${'jincitravel'.repeat(16)}.cn`; // 184 characters, no space
const URL_NEW = `https://${'jincitravelservice'.repeat(22)}.com.cn/`; // 411 characters
const ADDRESS = `太原市晋源区晋祠路${'一'.repeat(10)}号${'A'.repeat(150)}`;

/** The page's width beyond the window, in px (0 when nothing needs a horizontal scroll bar). */
const overflow = (page: Page) => page.evaluate(() => {
  const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
  return root.scrollWidth - root.clientWidth;
});

describe('long unbroken text at 1366×768', () => {
  it('wraps on the home page and on every client tab that shows it', async () => {
    app = await startApp({ now: '2026-11-30T02:00:00Z', viewport: { width: 1366, height: 768 } });
    const { page } = app;
    const id = (await ok(app, 'clients.create', { client: { name: '太原晋祠兴旅游服务有限公司', uscc: sampleUscc(4711), city: '太原市', domain: DOMAIN, contactName: '吴磊', contactPhone: '15226771482' } })).client.id;
    // Changed on 2026-11-20: the agency's 10-day filing deadline is 2026-11-30, "today" — on the home page this week.
    await ok(app, 'changes.create', { clientId: id, kind: 'domain', changedOn: '2026-11-20', oldValue: DOMAIN, newValue: URL_NEW, note: null, today: null });
    await ok(app, 'licence.set', { clientId: id, number: '晋B2-20260123', issuedOn: '2026-11-01', expiresOn: null, scope: `第二类增值电信业务中的信息服务业务（${'B'.repeat(600)}）`, renewalAppliedOn: null });
    await ok(app, 'inspections.create', { clientId: id, inspection: { date: '2026-12-03', time: '09:30', address: ADDRESS, authorityPeople: null, consultantName: null, consultantPhone: null, equipmentList: null, notes: null, attendees: [] } });
    const base = page.url().split('#')[0];
    const pages: Array<[string, string, string]> = [
      ['home', '#/', URL_NEW.slice(0, 40)],
      ['inspections', `#/clients/${id}?tab=inspections`, ADDRESS.slice(0, 12)],
      ['aftercare', `#/clients/${id}?tab=aftercare`, URL_NEW.slice(0, 40)],
      ['deadlines', `#/clients/${id}?tab=deadlines`, ADDRESS.slice(0, 12)], // the inspection appointment
      ['timeline', `#/clients/${id}?tab=timeline`, URL_NEW.slice(0, 40)],
    ];
    for (const [name, hash, marker] of pages) {
      await page.goto(base + hash);
      await page.getByText(marker).first().waitFor();
      await screenshot(page, `long-text-${name}`);
      await poll(async () => ({ page: name, overflow: await overflow(page) })).toEqual({ page: name, overflow: 0 });
    }
  }, 240_000);
});
