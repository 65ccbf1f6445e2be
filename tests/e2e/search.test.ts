/**
 * The register's search box in Chromium: one-character and full-width queries, LIKE wildcards taken literally,
 * several terms, and no search while an input method is still composing (pinyin letters are not the query).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dispatch } from '../../db/dispatch';
import { expectValue, screenshot, startApp, type App, POLL } from './harness';

const CLIENTS = [
  { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市' },
  { name: '大同ＡＢＣ科技有限公司', uscc: '91140200MA0K5PGX6H', city: '大同市' },
  { name: '百分百100%信息咨询有限公司', uscc: '91140100MA0GRC2E1H', city: '太原市' },
];

/** The register's listed names, sorted (read inside a poll). */
function names(page: Page): Promise<string[]> {
  return page.getByTestId('client-row-name').allInnerTexts().then((n) => n.sort());
}

describe('register search in Chromium', () => {
  let app: App | null = null;
  afterEach(async () => { await app?.close(); app = null; });

  it('finds by one character, full-width Latin, a literal %, and two terms; waits for the input method', async () => {
    app = await startApp({ now: '2026-11-27T02:00:00Z' });
    for (const c of CLIENTS) {
      const r = await dispatch(app.ctx, 'clients.create', { client: c });
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    const { page } = app;
    await page.reload();
    await page.getByTestId('nav-clients').click();
    const box = page.getByTestId('client-search');
    const count = page.getByTestId('client-count');
    await expect.poll(() => count.innerText(), POLL).toBe('共 3 家客户');

    const search = async (q: string, expected: string[]) => {
      await box.fill(q);
      await expect.poll(() => names(page), POLL).toEqual([...expected].sort());
    };
    await search('晋', ['太原晋祠兴旅游服务有限公司']);
    await screenshot(page, 'search-one-character');
    await search('abc', ['大同ＡＢＣ科技有限公司']);
    await search('％', ['百分百100%信息咨询有限公司']);
    await search('公司 100', ['百分百100%信息咨询有限公司']);
    await search('有限', CLIENTS.map((c) => c.name));
    await box.fill('');
    await expect.poll(() => count.innerText(), POLL).toBe('共 3 家客户');

    // An input method composing "jin": the letters stay in the box but no search runs until the composition ends.
    // Observed on the wire: every clients.list request's query is recorded, none may carry the pinyin letters.
    const queries: string[] = [];
    page.on('request', (r) => { if (r.url().endsWith('/api/clients.list')) queries.push(r.postData() ?? ''); });
    await box.focus();
    await box.evaluate((el) => el.dispatchEvent(new (globalThis as unknown as { CompositionEvent: typeof Event }).CompositionEvent('compositionstart', { bubbles: true })));
    await page.keyboard.type('jin');
    await expectValue(box, 'jin');
    // No search ran: the count still reads the unfiltered register (the wire check below proves no request carried "jin").
    expect(await count.innerText()).toBe('共 3 家客户'); // settled: asserts nothing changed; polling could not tell more
    await box.fill('晋祠');
    expect(await count.innerText()).toBe('共 3 家客户'); // settled: asserts nothing changed; polling could not tell more
    const duringComposition = queries.length;
    await box.evaluate((el) => el.dispatchEvent(new (globalThis as unknown as { CompositionEvent: typeof Event }).CompositionEvent('compositionend', { bubbles: true })));
    await expect.poll(() => names(page), POLL).toEqual(['太原晋祠兴旅游服务有限公司']);
    expect(queries.filter((q) => q.includes('jin'))).toEqual([]);
    expect(queries.length).toBeGreaterThan(duringComposition); // the search ran once the composition ended
  });
});
