import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { dispatch } from '../../db/dispatch';
import { SCHEMA_VERSION } from '../../db/migrations/index';
import { corruptMiddlePage } from '../helpers/data';
import { JOB, expectCount, expectText, importSampleRegister, screenshot, startApp, type App, POLL } from './harness';
import { testTempDir } from '../helpers/temp-dirs';

const NOW = '2026-11-27T02:00:00Z';
/** Generous: CI runs the e2e files beside the crash test and other CPU-heavy work. */

/** Opens the register and waits until its count shows `n`. */
async function expectClientCount(page: Page, n: number): Promise<void> {
  await page.getByTestId('nav-clients').click();
  await expect.poll(() => page.getByTestId('client-count').innerText(), POLL).toMatch(new RegExp(`\\b${n}\\b`));
}

/** Clicks the button that triggers a download and returns the downloaded file's path and suggested name. */
async function download(page: Page, testId: string): Promise<{ file: string; name: string }> {
  const [d] = await Promise.all([page.waitForEvent('download', JOB), page.getByTestId(testId).click()]);
  const file = path.join(testTempDir('icpdesk-dl-'), d.suggestedFilename());
  await d.saveAs(file);
  return { file, name: d.suggestedFilename() };
}

describe('数据与备份, end to end in Chromium (browser mode)', () => {
  const apps: App[] = [];
  afterEach(async () => { for (const a of apps.splice(0)) await a.close(); });

  it('backs up now, restores a listed backup after a preview and confirmation (keeping a pre-restore backup), exports xlsx and json', async () => {
    const app = await startApp({ now: NOW });
    apps.push(app);
    const { page } = app;
    await importSampleRegister(app.ctx);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-page').waitFor();
    await expectText(page.getByTestId('data-dir'), app.dataDir, { exact: true });
    await expectText(page.getByTestId('backups-dir'), path.join(app.dataDir, 'backups'), { exact: true });
    await page.getByTestId('backups-empty').waitFor();

    await page.getByTestId('backup-now').click();
    await expect.poll(() => page.getByTestId('backup-notice').innerText(), POLL).toMatch(/已备份：icp-desk-20261127-10\d{4}-manual\.sqlite/);
    await expect.poll(() => page.getByTestId('backup-row').count(), POLL).toBe(1);
    await expectText(page.getByTestId('backup-row'), /手动[\s\S]*33/);

    // A change after the backup: it will be gone after the restore.
    const created = await dispatch(app.ctx, 'clients.create', { client: { name: '太原备份之后新增有限公司', uscc: '91140100MA00000016', city: '太原市' } });
    expect(created.ok, JSON.stringify(created)).toBe(true);

    await page.getByTestId('backup-restore').first().click();
    const dialog = page.getByTestId('restore-dialog');
    await dialog.getByTestId('restore-preview').waitFor();
    await expectText(dialog, /客户\s+33/);
    await expectText(dialog, /备份时间\s+2026-11-27 10:\d\d/);
    await expectText(dialog, /恢复前会自动备份当前数据/);
    await screenshot(page, 'restore-preview');
    await dialog.getByTestId('restore-confirm').click();

    // The page reloads on the settings page and says what happened.
    await page.getByTestId('restored-notice').waitFor(JOB);
    await expectText(page.getByTestId('restored-notice'), /33 个客户[\s\S]*恢复前的数据已备份为“icp-desk-20261127-10\d{4}-pre-restore\.sqlite”/);
    await expect.poll(() => page.getByTestId('backup-row').count(), POLL).toBe(2);
    await expectText(page.getByTestId('backup-row').first(), /恢复前[\s\S]*34/);
    await screenshot(page, 'settings-backups');
    await expectClientCount(page, 33);
    await page.getByTestId('client-search').fill('备份之后');
    await expect.poll(() => page.getByTestId('client-count').innerText(), POLL).toMatch(/\b0\b/);

    // Full export.
    await page.getByTestId('nav-settings').click();
    const xlsx = await download(page, 'export-xlsx');
    expect(xlsx.name).toMatch(/^许可通完整导出-20261127-10\d\d\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx.file);
    expect(wb.worksheets.map((w) => w.name).slice(0, 6)).toEqual(['说明', '客户', '材料模板', '材料清单', '每周进度', '变更记录']);
    expect(wb.getWorksheet('客户')!.actualRowCount).toBe(34);
    const json = await download(page, 'export-json');
    const data = JSON.parse(fs.readFileSync(json.file, 'utf8'));
    expect(data.tables.find((t: { name: string }) => t.name === 'clients').rows).toHaveLength(33);

    // The JSON goes into a new, empty installation through its settings page.
    const fresh = await startApp({ now: NOW });
    apps.push(fresh);
    await fresh.page.getByTestId('nav-settings').click();
    await fresh.page.getByTestId('import-json-input').setInputFiles(json.file);
    await fresh.page.getByTestId('confirm-ok').click();
    await expect.poll(() => fresh.page.getByTestId('backup-notice').innerText(), POLL).toMatch(/已导入：33 个客户/);
    await expectClientCount(fresh.page, 33);
    // A second import is refused: the database is no longer empty.
    await fresh.page.getByTestId('nav-settings').click();
    await fresh.page.getByTestId('import-json-input').setInputFiles(json.file);
    await fresh.page.getByTestId('confirm-ok').click();
    await expect.poll(() => fresh.page.getByTestId('backup-notice').innerText(), POLL).toMatch(/只能导入到空数据库/);
  });

  it('a damaged database file leads to the recovery screen; the bad file is kept under a new name; the newest backup is restored', async () => {
    const app = await startApp({ now: NOW });
    apps.push(app);
    const { page } = app;
    await importSampleRegister(app.ctx);
    const b = await dispatch(app.ctx, 'backup.create', {});
    expect(b.ok).toBe(true);
    await dispatch(app.ctx, 'notes.create', { clientId: 1, date: '2026-11-27', body: '备份之后写的进度' });
    const dbPath = app.ctx.dbPath;
    let damaged: Buffer | null = null;
    await app.restart((dir) => {
      expect(fs.existsSync(path.join(dir, 'icp-desk.sqlite-wal'))).toBe(false); // closed cleanly: all in the file
      corruptMiddlePage(dbPath);
      damaged = fs.readFileSync(dbPath);
    });

    await page.getByTestId('recovery-page').waitFor();
    await expectCount(page.getByTestId('nav-clients'), 0); // nothing else is reachable
    const corrupt = (await expectText(page.getByTestId('corrupt-file'), new RegExp(`^\\s*${dbPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.corrupt-20261127-10\\d{4}\\s*$`))).trim();
    expect(fs.existsSync(dbPath)).toBe(false);
    expect(fs.readFileSync(corrupt).equals(damaged!)).toBe(true);
    await expectText(page.getByTestId('newest-backup'), /含 33 个客户/);
    await expectText(page.getByTestId('recovery-lost'), /2026-11-27 10:\d\d 之后所做的修改将丢失/);
    await screenshot(page, 'recovery-screen');

    // Reloading the page (or restarting) does not loop or start empty: still the recovery screen.
    await page.reload();
    await page.getByTestId('recovery-page').waitFor();

    await page.getByTestId('restore-newest').click();
    await page.getByTestId('restore-preview').waitFor();
    await expectText(page.getByTestId('restore-dialog'), /客户\s+33/);
    await page.getByTestId('restore-confirm').click();
    // Back on the home dashboard with the data open; the register shows the restored clients.
    await page.getByTestId('nav-clients').click(JOB);
    await page.getByTestId('client-list').waitFor(JOB);
    await expect.poll(() => page.getByTestId('client-count').innerText(), POLL).toMatch(/(?<!\d)33(?!\d)/);
    expect(fs.existsSync(corrupt)).toBe(true);
    const notes = await dispatch(app.ctx, 'notes.list', { clientId: 1 });
    expect(notes.ok && (notes.value as unknown[]).length).toBe(0); // the note written after the backup is what was lost
  });

  it('a database from a newer version shows the upgrade screen and is left unchanged', async () => {
    const app = await startApp({ now: NOW });
    apps.push(app);
    const { page } = app;
    await importSampleRegister(app.ctx);
    const dbPath = app.ctx.dbPath;
    let before: Buffer | null = null;
    await app.restart(() => {
      const raw = new Database(dbPath);
      raw.pragma(`user_version = ${SCHEMA_VERSION + 10}`);
      raw.pragma('journal_mode = DELETE');
      raw.close();
      before = fs.readFileSync(dbPath);
    });
    await page.getByTestId('newer-page').waitFor();
    await expect.poll(() => page.getByTestId('newer-page').innerText(), POLL).toContain(`数据库版本 ${SCHEMA_VERSION + 10}，本程序支持到 ${SCHEMA_VERSION}`);
    await expectCount(page.getByTestId('nav-settings'), 0);
    await screenshot(page, 'newer-version-screen');
    const r = await dispatch(app.ctx, 'clients.list', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(fs.readFileSync(dbPath).equals(before!)).toBe(true);
  });
});
