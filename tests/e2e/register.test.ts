import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { jobOutcome, expectChecked, expectText, FIXTURES, poll, screenshot, startApp, type App, POLL } from './harness';

interface Expected { rows: Array<{ row: number; name: string; city?: string; outcome: string; flags: string[] }> }
const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Expected;
const imported = expected.rows.filter((r) => r.outcome === 'imported');

async function importFile(page: Page, file: string) {
  await page.getByTestId('nav-import').click();
  await page.getByTestId('import-file-input').setInputFiles(path.join(FIXTURES, file));
  const summary = page.getByTestId('import-summary');
  await jobOutcome(summary, page.getByTestId('import-error')); // the preview reads the file on the host
  await expect.poll(() => summary.innerText(), POLL).toMatch(/(?<!\d)33(?!\d)/);
  return summary;
}

async function listedNames(page: Page): Promise<string[]> {
  await page.getByTestId('client-list').waitFor();
  return page.getByTestId('client-row-name').allInnerTexts();
}

describe('client register, end to end in Chromium (browser mode)', () => {
  let app: App | null = null;
  afterEach(async () => { await app?.close(); app = null; });

  it('imports the xlsx, searches 太原, works a client, and keeps everything across a host restart', async () => {
    app = await startApp({ now: '2026-11-27T02:00:00Z' });
    const { page } = app;
    // The home dashboard opens first; the register is one click away.
    await page.getByTestId('home').waitFor();
    await page.getByTestId('nav-clients').click();
    await expect.poll(() => page.getByTestId('clients-empty').isVisible(), POLL).toBe(true);

    const summary = await importFile(page, '客户台账.xlsx');
    // Exact counts per chip, from the fixture's independent record (tests/fixtures/expected.json), not digits anywhere.
    const outcomes = (o: string) => expected.rows.filter((r) => r.outcome === o).length;
    expect([outcomes('imported'), outcomes('flagged'), outcomes('duplicate')]).toEqual([33, 4, 1]);
    await expectText(summary.getByTestId('import-filter-all'), `全部 ${expected.rows.length}`, { exact: true });
    await expectText(summary.getByTestId('import-filter-import'), '将导入 33', { exact: true });
    await expectText(summary.getByTestId('import-filter-flagged'), '需确认 4', { exact: true });
    await expectText(summary.getByTestId('import-filter-duplicate'), '重复 1', { exact: true });
    // The four rows needing a decision show their reasons; the duplicate names its original row.
    for (const seq of [8, 20, 32]) await expectText(page.getByTestId(`import-row-${seq + 2}`), /校验/);
    await expectText(page.getByTestId('import-row-40'), /山西/);
    await expectText(page.getByTestId('import-row-41'), /重复|相同/);
    await screenshot(page, 'import-preview');

    await page.getByTestId('import-commit').click();
    await jobOutcome(page.getByTestId('import-result'), page.getByTestId('import-error'));
    await expectText(page.getByTestId('import-imported'), '已导入 33 家客户', { exact: true });
    // Exactly the five rows not imported (seq 8, 20, 32, 37, 38), by sheet row as the preview above names them.
    await poll(() => page.locator('[data-testid^="import-skipped-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))))
      .toEqual([10, 22, 34, 40, 41].map((row) => `import-skipped-${row}`));

    await page.getByTestId('nav-clients').click();
    await expect.poll(() => page.getByTestId('client-count').innerText(), POLL).toMatch(/(?<!\d)33(?!\d)/);
    await screenshot(page, 'register');

    await page.getByTestId('client-search').fill('太原');
    const taiyuan = imported.filter((r) => r.city === '太原市').map((r) => r.name).sort();
    await expect.poll(async () => (await listedNames(page)).map((n) => n.trim()).sort(), POLL).toEqual(taiyuan);
    await poll(async () => new Set(await page.getByTestId('client-row-city').allInnerTexts())).toEqual(new Set(['太原市']));

    // Open the first match still before 发证 (clients imported at 发证 / 后续管理 start with every item 已通过) and work its materials.
    const working = (app.ctx.db.prepare("SELECT name FROM clients WHERE city = '太原市' AND stage NOT IN ('issuance', 'aftercare') ORDER BY id LIMIT 1").get() as { name: string }).name;
    await page.getByTestId('client-row-name').filter({ hasText: working }).first().click();
    await expectText(page.getByTestId('client-name'), working, { exact: true });
    const setStatus = async (key: string, status: string) => {
      await page.getByTestId(`material-${key}`).getByRole('combobox').click();
      await page.getByTestId(`status-option-${status}`).click();
      await page.getByRole('listbox').waitFor({ state: 'detached' });
      await expect.poll(() => page.getByTestId(`material-${key}`).innerText(), POLL).toContain(status === 'received' ? '已收到' : '已核对');
    };
    await setStatus('A01', 'received');
    await setStatus('A02', 'received');
    // The consultant checks 全/准/清 on the received copy, then marks it 已核对.
    for (const k of ['complete', 'accurate', 'legible']) {
      // Controlled checkbox: its state follows the saved value, so click and wait for the round trip.
      await page.getByTestId(`material-${k}-A02`).click();
      await expect.poll(() => page.getByTestId(`material-${k}-A02`).isChecked(), POLL).toBe(true);
    }
    await setStatus('A02', 'checked');
    // 已核对 with the checks still open asks first (and ticks them on confirmation).
    await page.getByTestId('material-A01').getByRole('combobox').click();
    await page.getByTestId('status-option-checked').click();
    await page.getByTestId('confirm-dialog').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('material-A01').innerText(), POLL).toContain('已收到');
    await setStatus('B01', 'received');
    // Undo: a mis-click on B02 is taken back from the snackbar.
    await setStatus('B02', 'received');
    await page.getByTestId('material-undo').click();
    await expect.poll(() => page.getByTestId('material-B02').innerText(), POLL).toContain('待收集');
    await expect.poll(() => page.getByTestId('client-progress').innerText(), POLL).toContain('1/17');

    await page.getByTestId('tab-notes').click();
    await page.getByTestId('note-body').fill('材料已初审通过，需补充场地消防证明');
    await page.getByTestId('note-add').click();
    await expect.poll(() => page.getByTestId('notes').innerText(), POLL).toContain('2026年第48周（11-23 ~ 11-29）');
    await screenshot(page, 'client-notes');

    await app.restart();
    await expectText(page.getByTestId('client-name'), working, { exact: true });
    await expectText(page.getByTestId('material-A01'), '已收到');
    await expectText(page.getByTestId('material-A02'), '已核对');
    await expectText(page.getByTestId('material-B01'), '已收到');
    await expectText(page.getByTestId('material-B02'), '待收集');
    for (const k of ['complete', 'accurate', 'legible']) await expectChecked(page.getByTestId(`material-${k}-A02`));
    await page.getByTestId('tab-notes').click();
    await expectText(page.getByTestId('notes'), '材料已初审通过，需补充场地消防证明');
    await page.getByTestId('tab-timeline').click();
    await expectText(page.getByTestId('timeline'), /待收集 → 已收到/);
    await screenshot(page, 'client-page');
  });

  it('the GBK csv yields the same clients as the xlsx', async () => {
    app = await startApp();
    const { page } = app;
    await importFile(page, '客户台账-gbk.csv');
    await page.getByTestId('import-commit').click();
    await jobOutcome(page.getByTestId('import-result'), page.getByTestId('import-error'));
    const rows = app.ctx.db.prepare('SELECT name, uscc, city, capital_yuan, founded, contact_phone FROM clients ORDER BY uscc').all() as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(33);
    const byUscc = new Map(expected.rows.filter((r) => r.outcome === 'imported').map((r) => [(r as unknown as { uscc: string }).uscc, r as unknown as Record<string, unknown>]));
    for (const r of rows) {
      const e = byUscc.get(r.uscc as string)!;
      expect(r).toEqual({ name: e.name, uscc: e.uscc, city: e.city, capital_yuan: e.capitalYuan, founded: e.founded, contact_phone: e.phone });
    }
  });
});
