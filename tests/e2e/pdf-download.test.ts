/**
 * Issue 14 §4: in browser mode 导出 PDF downloads a PDF file (rendered by the host in a headless Chromium, like
 * Electron's printToPDF: A4 from the print CSS, the bundled Noto Sans SC embedded), while 打印 opens the print view
 * in a new tab for the browser's print dialog. Weekly report (per client and roll-up) and the inspection prep sheet.
 * PDFs are read through tests/e2e/pdf.ts; one page of each download is rendered to PNG in test-results/.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PdfRenderError } from '../../electron/web-host/pdf-queue';
import { NO_BROWSER_MESSAGE } from '../../electron/pdf-chromium';
import { JOB, ARTIFACTS, POLL, startApp, type App, ok } from './harness';
import { isA4, pdfFonts, pdfPagePng, pdfPages, squash } from './pdf';

const NOW = '2026-11-30T02:00:00Z'; // Monday 10:00 in China: week 2026-W49; the client page's week is W49
const NAME = '太原晋祠兴旅游服务有限公司';

/** Clicks `testId` and saves the download it starts under test-results/<name>.pdf. */
async function downloadPdf(page: Page, testId: string, name: string): Promise<{ file: string; suggested: string }> {
  const [d] = await Promise.all([page.waitForEvent('download', JOB), page.getByTestId(testId).click()]);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.pdf`);
  await d.saveAs(file);
  expect(await d.failure()).toBeNull();
  return { file, suggested: d.suggestedFilename() };
}

/** Clicks `testId` and returns the tab it opens once its print view is on the page. */
async function printTab(page: Page, testId: string): Promise<Page> {
  const [tab] = await Promise.all([page.context().waitForEvent('page', JOB), page.getByTestId(testId).click()]);
  await tab.waitForFunction(() => (globalThis as { __printReady?: boolean }).__printReady === true, null, JOB);
  return tab;
}

describe('导出 PDF downloads, 打印 prints (browser mode, Chromium)', () => {
  let app: App | null = null;
  afterEach(async () => { await app?.close(); app = null; });

  it('weekly report and inspection prep sheet: A4 PDF downloads with Chinese text in Noto Sans SC; 打印 opens the print view', async () => {
    app = await startApp({ now: NOW });
    const { page } = app;
    const { client } = await ok(app, 'clients.create', {
      client: { name: NAME, uscc: '91140106MA1QN6K440', city: '太原市', consultant: '白顾问', address: '太原市晋源区晋祠路一段88号', platformName: '晋祠文旅服务平台', domain: 'jinci-travel.cn' },
      stage: 'site_inspection',
    });
    await ok(app, 'notes.create', { clientId: client.id, date: '2026-11-30', body: '已与客户确认现场核查的参加人员和时间' });
    const insp = await ok(app, 'inspections.create', {
      clientId: client.id,
      inspection: { date: '2026-12-02', time: '09:30', attendees: [{ role: 'tech_lead', name: '张伟', phone: '13800000001' }], consultantName: '白顾问' },
    });

    // The client's weekly report: 导出 PDF is a download named like Electron's save dialog proposes.
    await page.goto(`${app.host.url}#/weekly/clients/${client.id}?week=2026-W49`);
    await page.getByTestId('weekly-client-sheet').waitFor();
    const weekly = await downloadPdf(page, 'client-pdf', 'download-weekly-client');
    expect(weekly.suggested).toBe(`周报_${NAME}_2026-W49.pdf`);
    expect(fs.readFileSync(weekly.file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await isA4(weekly.file)).toBe(true);
    const weeklyText = squash((await pdfPages(weekly.file)).join(''));
    for (const s of [NAME, '2026年第49周', '已与客户确认现场核查的参加人员和时间', '现场核查']) expect(weeklyText, s).toContain(squash(s));
    expect((await pdfFonts(weekly.file)).some((f) => f.includes('NotoSansSC'))).toBe(true);
    await pdfPagePng(weekly.file, 1, path.join(ARTIFACTS, 'download-weekly-client-p1.png'));
    await poll(page, 'weekly-client-sheet'); // the app is still usable
    await expect.poll(() => page.getByRole('alert').allInnerTexts(), POLL).toEqual([expect.stringContaining(`已下载 周报_${NAME}_2026-W49.pdf`)]);

    // 打印 still opens the print view in a new tab (the browser's print dialog), no download.
    const tab = await printTab(page, 'client-print');
    expect(decodeURIComponent(tab.url())).toContain(`#/print/weekly-client?clientId=${client.id}&week=2026-W49&autoprint=1`);
    await tab.close();

    // The roll-up (A4 landscape by its print CSS) downloads too.
    await page.goto(`${app.host.url}#/weekly?week=2026-W49`);
    await page.getByTestId('rollup-pdf').waitFor();
    await expect.poll(() => page.getByTestId('rollup-pdf').isEnabled(), POLL).toBe(true);
    const rollup = await downloadPdf(page, 'rollup-pdf', 'download-weekly-rollup');
    expect(rollup.suggested).toBe('周报汇总_2026-W49.pdf');
    expect(squash((await pdfPages(rollup.file)).join(''))).toContain(NAME);

    // The inspection prep sheet from the client page.
    await page.goto(`${app.host.url}#/clients/${client.id}`);
    await page.getByTestId('tab-inspections').click();
    await page.getByTestId('insp-pdf').waitFor();
    const prep = await downloadPdf(page, 'insp-pdf', 'download-prep-sheet');
    expect(prep.suggested).toBe(`现场核查准备单-${NAME}-2026-12-02.pdf`);
    expect(await isA4(prep.file)).toBe(true);
    const prepText = squash((await pdfPages(prep.file))[0]);
    for (const s of [NAME, '晋祠文旅服务平台', 'jinci-travel.cn', '太原市晋源区晋祠路一段88号', '张伟', '签字确认']) expect(prepText, s).toContain(squash(s));
    expect((await pdfFonts(prep.file)).some((f) => f.includes('NotoSansSC'))).toBe(true);
    await pdfPagePng(prep.file, 1, path.join(ARTIFACTS, 'download-prep-sheet-p1.png'));
    expect(insp.items.length).toBeGreaterThan(0);

    const prepTab = await printTab(page, 'insp-print');
    expect(decodeURIComponent(prepTab.url())).toContain(`#/print/inspection?ids=${insp.id}&autoprint=1`);
    await prepTab.close();
  });

  it('a host without Chromium: 导出 PDF opens the print view instead and says to choose 另存为 PDF (中文 / English)', async () => {
    let asked = 0;
    app = await startApp({ now: NOW, pdf: { render: async () => { asked++; throw new PdfRenderError('PRINT_NO_BROWSER', NO_BROWSER_MESSAGE); } } });
    const { page } = app;
    const { client } = await ok(app, 'clients.create', { client: { name: NAME, uscc: '91140106MA1QN6K440', city: '太原市' }, stage: 'site_inspection' });
    await page.goto(`${app.host.url}#/weekly/clients/${client.id}?week=2026-W49`);
    await page.getByTestId('weekly-client-sheet').waitFor();
    const tab = await printTab(page, 'client-pdf');
    expect(decodeURIComponent(tab.url())).toContain(`#/print/weekly-client?clientId=${client.id}&week=2026-W49&autoprint=1`);
    await tab.close();
    expect(asked).toBe(1);
    await expect.poll(() => page.getByRole('alert').allInnerTexts(), POLL).toEqual([
      '本机未找到可生成 PDF 的 Chromium、Chrome 或 Edge，已改为打开打印对话框：请在“目标打印机”中选择“另存为 PDF”。',
    ]);
    await page.getByTestId('lang-switch').click();
    const tab2 = await printTab(page, 'client-pdf');
    await tab2.close();
    await expect.poll(() => page.getByRole('alert').allInnerTexts(), POLL).toEqual([
      'No Chromium, Chrome or Edge was found on this computer to make the PDF, so the print dialog opened instead: choose “Save as PDF” as the printer.',
    ]);
  });
});

/** Waits until `testId` is visible again. */
async function poll(page: Page, testId: string) {
  await expect.poll(() => page.getByTestId(testId).isVisible(), POLL).toBe(true);
}
