/**
 * Desktop conventions in browser mode (issue 19): the keymap (Ctrl+F, Ctrl+N, Ctrl+S with and without a validation
 * error, Alt+←/→, Ctrl+P) and the daily reminder through the Web Notification API (stubbed: headless Chromium shows
 * none), shown once a day and opening the home page when clicked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../db/service/context';
import { JOB, POLL, screenshot, startApp, type App, ok } from './harness';

const clientCount = (ctx: ServiceContext) => (ctx.db.prepare('SELECT count(*) n FROM clients').get() as { n: number }).n;

describe('desktop conventions in Chromium (browser mode)', () => {
  let app: App | null = null;
  afterEach(async () => { await app?.close(); app = null; });

  it('every shortcut does its job; Ctrl+S with a validation error does not save', async () => {
    app = await startApp({ now: '2026-11-27T02:00:00Z' });
    const { page, ctx } = app;
    await page.getByTestId('home').waitFor();
    const hash = () => page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash);
    const focused = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('data-testid') ?? null);

    await page.keyboard.press('Control+f');
    await expect.poll(hash, POLL).toBe('#/clients');
    await expect.poll(focused, POLL).toBe('client-search');

    await page.keyboard.press('Control+n');
    await page.getByTestId('client-form').waitFor();
    await expect.poll(hash, POLL).toBe('#/clients/new');

    // Ctrl+S on the empty form: the form validates and says what is missing; nothing is saved.
    await page.getByTestId('cf-name').focus();
    await page.keyboard.press('Control+s');
    await page.getByTestId('cf-error').waitFor();
    expect(clientCount(ctx)).toBe(0);

    await page.getByTestId('cf-name').fill('阳泉禾丰汇农产品供应链有限公司');
    await page.getByTestId('cf-uscc').fill('91140302MAEA01821L');
    await page.getByTestId('cf-uscc').blur();
    await expect.poll(() => page.getByTestId('cf-city').inputValue(), POLL).toBe('阳泉市');
    await page.keyboard.press('Control+s');
    await expect.poll(hash, POLL).toMatch(/^#\/clients\/\d+$/);
    expect(clientCount(ctx)).toBe(1);
    const clientHash = await hash(); // settled: the poll just above waited for the new client's hash

    // Alt+← goes back, Alt+→ forward again.
    await page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(hash, POLL).not.toBe(clientHash);
    await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(hash, POLL).toBe(clientHash);

    // Ctrl+P on the weekly roll-up prints it (browser mode: its print view opens in a new tab and prints itself).
    await page.getByTestId('nav-weekly').click();
    await page.getByTestId('week-label').waitFor();
    // The print command exists once the week's roll-up has loaded (before that Ctrl+P has nothing to print).
    await page.getByTestId('rollup-count').waitFor(JOB);
    const printTab = page.context().waitForEvent('page', JOB);
    await page.keyboard.press('Control+p');
    const tab = await printTab;
    expect(tab.url()).toMatch(/#\/print\/weekly-rollup\?.*autoprint=1/);
    await tab.close();
    await screenshot(page, 'desktop-shortcuts');
  });

  it('a daily reminder: one notification for the overdue deadline, once a day; clicking it opens the home page', async () => {
    // Thursday 2026-10-08, the first working day after 国庆; a formal submission of 09-01 is long past its review date.
    app = await startApp({ now: '2026-10-08T02:00:00Z' });
    const { page, ctx } = app;
    const id = (await ok(ctx, 'clients.create', { client: { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市', consultant: '白顾问' }, stage: 'formal_submission' })).client.id;
    await ok(ctx, 'process.set', { clientId: id, dates: { preApplicationOn: null, preReviewDoneOn: null, correctionRequestedOn: null, correctionDoneOn: null, formalSubmissionOn: '2026-09-01', formalReviewDoneOn: null, inspectionPassedOn: null } });

    const shown: { title: string; body: string; tag: string }[] = [];
    await page.exposeFunction('__recordNotification', (n: { title: string; body: string; tag: string }) => { shown.push(n); });
    await page.context().addInitScript(() => {
      const w = globalThis as unknown as { Notification: unknown; __recordNotification(n: unknown): void; __lastNotification: unknown };
      w.Notification = class {
        static permission = 'granted';
        static requestPermission = async () => 'granted';
        onclick: (() => void) | null = null;
        constructor(title: string, opts: { body: string; tag: string }) { w.__recordNotification({ title, body: opts.body, tag: opts.tag }); w.__lastNotification = this; }
        close() {}
      };
    });
    await page.goto(`${app.host.url}#/clients`);
    await page.reload(); // a new start of the page, now with the stubbed API
    await expect.poll(() => shown.length, POLL).toBe(1);
    expect(shown[0].title).toBe('1 项期限已逾期');
    expect(shown[0].body).toContain('太原晋祠兴旅游服务有限公司');
    expect(shown[0].tag).toBe('icpdesk-overdue');

    // Clicking it opens the home page.
    await page.evaluate(() => (globalThis as unknown as { __lastNotification: { onclick(): void } }).__lastNotification.onclick());
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash), POLL).toBe('#/');
    await page.getByTestId('home').waitFor();

    // The same day again (a reload is a new start): nothing new, the sent log says it was shown today.
    await page.reload();
    await page.getByTestId('home').waitFor();
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('icpdesk.reminders.sent')), POLL).toContain('2026-10-08');
    expect(shown).toHaveLength(1);
  });
});
