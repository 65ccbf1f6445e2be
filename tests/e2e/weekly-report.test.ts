/**
 * The weekly report a consultant sends (issue 11), end to end in Chromium: the client page opens the current week (the
 * roll-up keeps the Monday rule) and the week picker says why; the per-client Excel holds only that client, with date
 * cells; a 90-character address without spaces and a 5,000-character note print with every character, in fixed-layout
 * tables where no column is narrower than its header and nothing is clipped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { JOB, ARTIFACTS, expectText, POLL, screenshot, startApp, type App, ok } from './harness';
import { isA4, pdfPages } from './pdf';

const NAME = '太原晋祠兴旅游服务有限公司';
const OTHER = '大同沃土坊农产品供应链有限公司';
/** 90 characters, no spaces. */
const ADDRESS = `山西省太原市小店区长治路${'A1B2C3D4E5'.repeat(7)}号院综合楼`.padEnd(90, '甲').slice(0, 90);
/** 5,000 characters, no spaces, every position distinct enough that a lost character shows. */
const LONG_NOTE = (() => {
  let s = '';
  for (let i = 1; s.length < 5000; i++) s += `第${i}项`;
  return s.slice(0, 5000);
})();

/** Opens a print route in a new tab, waits until its data is rendered, measures its tables, saves it as PDF. */
async function printToPdf(app: App, hash: string, name: string) {
  const p = await app.page.context().newPage();
  await p.goto(app.host.url + hash);
  await p.waitForFunction(() => (globalThis as { __printReady?: boolean }).__printReady === true, null, JOB);
  await p.emulateMedia({ media: 'print' });
  // settled: the print view sets __printReady (waited for above) once its data and fonts are drawn
  const layout = await p.evaluate(() => {
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<Element>; createRange(): { selectNodeContents(n: unknown): void; getBoundingClientRect(): { width: number }; getClientRects(): ArrayLike<{ top: number; width: number }> } } }).document;
    type Element = { tagName: string; textContent: string | null; scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number; getBoundingClientRect(): { left: number; right: number; width: number }; closest(s: string): Element | null };
    const sheet = doc.querySelectorAll('.weekly-sheet')[0].getBoundingClientRect();
    const tables = Array.from(doc.querySelectorAll('.weekly-sheet table'));
    const narrow: string[] = [];
    for (const th of Array.from(doc.querySelectorAll('.weekly-sheet thead th'))) {
      const r = doc.createRange();
      r.selectNodeContents(th);
      if (th.getBoundingClientRect().width + 0.5 < r.getBoundingClientRect().width) narrow.push(th.textContent ?? '');
      // A header broken over two lines is narrower than its text too.
      const lines = new Set(Array.from(r.getClientRects()).filter((x) => x.width > 0).map((x) => Math.round(x.top)));
      if (lines.size > 1) narrow.push(th.textContent ?? '');
    }
    const clipped = Array.from(doc.querySelectorAll('.weekly-sheet td, .weekly-sheet th')).filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => (c.textContent ?? '').slice(0, 20));
    const offPage = tables.filter((t) => t.getBoundingClientRect().right > sheet.right + 1).length;
    const layouts = tables.map((t) => (globalThis as unknown as { getComputedStyle(e: unknown): { tableLayout: string } }).getComputedStyle(t).tableLayout);
    const wraps = Array.from(doc.querySelectorAll('.weekly-sheet td')).map((c) => (globalThis as unknown as { getComputedStyle(e: unknown): { overflowWrap: string } }).getComputedStyle(c).overflowWrap);
    return { narrow, clipped, offPage, layouts, wraps };
  });
  await p.emulateMedia({ media: 'screen' });
  const file = path.join(ARTIFACTS, `${name}.pdf`);
  await p.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  await p.close();
  return { file, layout };
}

async function download(page: Page, testId: string, name: string): Promise<{ file: string; suggested: string }> {
  const [d] = await Promise.all([page.waitForEvent('download', JOB), page.getByTestId(testId).click()]);
  const file = path.join(ARTIFACTS, name);
  await d.saveAs(file);
  return { file, suggested: d.suggestedFilename() };
}

describe('the weekly report a consultant sends (e2e, Chromium)', () => {
  let app: App | null = null;
  afterEach(async () => { await app?.close(); app = null; });

  it('client page opens the current week; per-client Excel; long unbroken text prints whole', async () => {
    app = await startApp({ now: '2026-09-28T02:00:00Z' }); // Monday 10:00 in China
    const { page, ctx } = app;
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const id = (await ok(ctx, 'clients.create', { client: { name: NAME, uscc: '91140106MA1QN6K440', city: '太原市', consultant: '白顾问', address: ADDRESS }, stage: 'formal_submission' })).client.id;
    await ok(ctx, 'clients.create', { client: { name: OTHER, uscc: '91140213MA4NRBGM4J', city: '大同市' }, stage: 'materials' });
    await ok(ctx, 'notes.create', { clientId: id, date: '2026-09-28', body: LONG_NOTE });
    const d02 = (await ok(ctx, 'materials.list', { clientId: id })).find((m) => m.itemKey === 'D02')!;
    for (const status of ['received', 'checked', 'submitted', 'correction'] as const) await ok(ctx, 'materials.setStatus', { id: d02.id, status });
    await ok(ctx, 'materials.update', { id: d02.id, note: '信用报告需加盖公章', dueDate: '2026-10-10' });
    await ok(ctx, 'inspections.create', { clientId: id, inspection: { date: '2026-09-30', time: '14:30' } }); // address: the client's

    // From the client page, 周报 opens the current week; the picker says which week and why.
    await page.goto(`${app.host.url}#/clients/${id}`);
    await page.getByTestId('client-weekly').click();
    await expect.poll(() => new URL(page.url()).hash, POLL).toBe(`#/weekly/clients/${id}?week=2026-W40`);
    await expect.poll(() => page.getByTestId('week-relation').innerText(), POLL).toBe('本周（客户周报默认本周）');
    const clientSheet = page.getByTestId('weekly-client-sheet');
    for (const s of ['需要贵司配合', '风险提示', '信用报告需加盖公章', '09-30', '14:30', '现场核查']) await expectText(clientSheet, s);
    const sheet = await expectText(clientSheet, '现场核查'); // the whole sheet, now drawn from the week's data
    expect(sheet).not.toMatch(/审核|系统建议/);
    await screenshot(page, 'weekly-report-client');

    // Per-client Excel: one sheet, only this client, dates as date cells.
    const x = await download(page, 'client-xlsx', 'weekly-client.xlsx');
    expect(x.suggested).toBe(`周报_${NAME}_2026-W40.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(x.file);
    expect(wb.worksheets.map((w) => w.name)).toEqual([NAME]);
    const ws = wb.worksheets[0];
    expect(JSON.stringify(ws.getSheetValues())).not.toContain(OTHER);
    const dates: string[] = [];
    ws.eachRow((r) => r.eachCell((c) => { if (c.value instanceof Date) { expect(c.numFmt).toBe('yyyy-mm-dd'); dates.push(c.value.toISOString().slice(0, 10)); } }));
    expect(dates).toEqual(expect.arrayContaining(['2026-09-28', '2026-09-30', '2026-10-10']));

    // The roll-up keeps the Monday rule: last week, and it says so (English too).
    await page.getByTestId('weekly-back').click();
    await expect.poll(() => page.getByTestId('week-relation').innerText(), POLL).toBe('本周');
    await page.goto(`${app.host.url}#/weekly`);
    await expect.poll(() => new URL(page.url()).hash, POLL).toBe('#/weekly?week=2026-W39');
    await expect.poll(() => page.getByTestId('week-relation').innerText(), POLL).toBe('上周（本周一默认）');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('week-relation').innerText(), POLL).toBe('Last week (default on a Monday)');
    await page.getByTestId('lang-switch').click();

    // The PDF: fixed tables, nothing clipped or narrower than its header, every character of the long texts present.
    const { file, layout } = await printToPdf(app, `#/print/weekly-client?clientId=${id}&week=2026-W40`, 'weekly-report-long-text');
    expect(layout.layouts.every((l) => l === 'fixed')).toBe(true);
    expect(layout.wraps.every((w) => w === 'anywhere')).toBe(true);
    expect(layout.narrow).toEqual([]);
    expect(layout.clipped).toEqual([]);
    expect(layout.offPage).toBe(0);
    expect(await isA4(file)).toBe(true);
    const pages = await pdfPages(file);
    expect(pages.length).toBeGreaterThan(1);
    // Page furniture (running header, page numbers) sits between the pages' text: drop it, then read the body whole.
    // (pdf.js reports the glyphs of a line cut at the page's end as U+0000 on that page; the line continues on the next.)
    const body = pages.map((t) => t.replace(/[\s\u0000]+/g, '').replace(/第\d+页\/共\d+页/g, '').replace(/ICP许可证办理进度周报·[^）]*?）制表日期：\d{4}-\d{2}-\d{2}/g, '')).join('');
    expect(body).toContain(LONG_NOTE);
    expect(body).toContain(ADDRESS);

    // The roll-up (A4 landscape) of the same week: same table rules.
    const roll = await printToPdf(app, '#/print/weekly-rollup?week=2026-W40', 'weekly-report-rollup');
    expect(roll.layout.layouts.every((l) => l === 'fixed')).toBe(true);
    expect(roll.layout.narrow).toEqual([]);
    expect(roll.layout.clipped).toEqual([]);
    expect(roll.layout.offPage).toBe(0);
  });
});
