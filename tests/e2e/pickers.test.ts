/**
 * Dates and times in the Chinese UI on an English system (issue 14 §3): the browser runs with LANG=en_US.UTF-8 and
 * locale en-US — where native date inputs showed "mm/dd/yyyy" and "09:00 AM" — and the zh-CN UI still shows and
 * stores YYYY-MM-DD and 24-hour times, entered by keyboard and through the calendar; the week picker says 2026年第48周.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { expectText, poll, screenshot, startApp, type App, ok } from './harness';
import { pickerSections, typeInPicker } from './pickers';
import { sampleUscc } from '../helpers/data';

let app: App | null = null;
afterEach(async () => { await app?.close(); app = null; });

/** What the field shows, without the bidi marks MUI puts around sections. */
const shown = (a: App, testId: string) => pickerSections(a.page, testId).innerText().then((t) => t.replace(/[\u2066-\u2069\u200e\s]/g, ''));

describe('date and time pickers (zh-CN UI, English browser)', () => {
  it('a due date and an inspection time entered through the pickers show as YYYY-MM-DD and 14:30, and are stored', async () => {
    app = await startApp({ now: '2026-11-27T02:00:00Z', locale: 'en-US', browserEnv: { LANG: 'en_US.UTF-8', LANGUAGE: 'en_US' }, viewport: { width: 1366, height: 768 } });
    const { page } = app;
    await poll(() => page.evaluate(() => [navigator.language, new Intl.DateTimeFormat().resolvedOptions().locale])).toEqual(['en-US', 'en-US']);
    const { client } = await ok(app, 'clients.create', { client: { name: '太原晋祠兴旅游服务有限公司', uscc: sampleUscc(4711), city: '太原市' } });
    const base = page.url().split('#')[0];
    const due = (key: string) => app!.ctx.db.prepare('SELECT due_date FROM materials WHERE client_id = ? AND item_key = ?').pluck().get(client.id, key);

    // Material due date: typed by keyboard, saved on Enter.
    await page.goto(`${base}#/clients/${client.id}?tab=materials`);
    await typeInPicker(page, 'material-due-A01', '2026-12-04', { commit: true });
    await poll(() => due('A01')).toBe('2026-12-04');
    await poll(() => shown(app!, 'material-due-A01')).toBe('2026-12-04');

    // …then changed through the calendar, which is in Chinese (2026年12月, weeks from 一).
    await page.locator('.MuiPickersInputBase-root', { has: page.getByTestId('material-due-A01') }).getByRole('button', { name: /选择日期/ }).click();
    const calendar = page.getByRole('dialog');
    await calendar.getByRole('gridcell', { name: '18' }).waitFor();
    await expectText(calendar, '2026年12月');
    await poll(async () => (await calendar.getByRole('columnheader').allInnerTexts()).slice(0, 2)).toEqual(['一', '二']);
    await screenshot(page, 'picker-open-zh-1366');
    await calendar.getByRole('gridcell', { name: '18' }).click();
    await poll(() => due('A01')).toBe('2026-12-18');
    await poll(() => shown(app!, 'material-due-A01')).toBe('2026-12-18');

    // Inspection: date and a 24-hour time.
    await page.goto(`${base}#/clients/${client.id}?tab=inspections`);
    await page.getByTestId('insp-new').click();
    await typeInPicker(page, 'insp-date', '2026-12-01');
    await typeInPicker(page, 'insp-time', '14:30');
    await poll(() => shown(app!, 'insp-time')).toBe('14:30');
    await page.getByTestId('insp-save').click();
    await poll(() => page.getByTestId('insp-when').innerText()).toBe('2026-12-01 14:30');
    expect(app.ctx.db.prepare('SELECT inspection_date AS d, inspection_time AS t FROM inspections WHERE client_id = ?').get(client.id)).toEqual({ d: '2026-12-01', t: '14:30' });

    // A reload shows what was stored.
    await page.reload();
    await poll(() => page.getByTestId('insp-when').innerText()).toBe('2026-12-01 14:30');
    await page.goto(`${base}#/clients/${client.id}?tab=materials`);
    await poll(() => page.getByTestId('material-due-A01').inputValue()).toBe('2026-12-18');
    await poll(() => shown(app!, 'material-due-A01')).toBe('2026-12-18');

    // The week picker names the week in Chinese.
    await page.getByTestId('nav-weekly').click();
    await poll(() => page.getByTestId('week-input').inputValue()).toBe('2026年第48周');
  });
});
