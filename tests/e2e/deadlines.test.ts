import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { ServiceContext } from '../../db/service/context';
import type { In } from '../../shared/contract';
import { JOB, ARTIFACTS, expectAttr, expectCount, expectText, expectValue, screenshot, startApp, type App, setMaterialStatus, POLL, ok } from './harness';
import { typeInPicker } from './pickers';
import { isA4, pdfText } from './pdf';

async function seedClient(ctx: ServiceContext, name: string, uscc: string, stage: In<'clients.create'>['stage'], extra: Partial<In<'clients.create'>['client']> = {}) {
  return (await ok(ctx, 'clients.create', { client: { name, uscc, city: '太原市', consultant: '白顾问', ...extra }, stage })).client.id;
}
const text = (page: Page, testId: string) => page.getByTestId(testId).innerText();

describe('deadlines, dashboard and stage board, end to end in Chromium (browser mode)', () => {
  let app: App | null = null;
  afterEach(async () => { await app?.close(); app = null; });

  it('a correction requested on Friday 2026-09-18 (before 中秋/国庆) shows its due date on the dashboard', async () => {
    // Friday 2026-09-18, 10:00 in China. Sunday 09-20 is an adjusted working day (调休); 中秋 09-25…27, 国庆 10-01…07.
    app = await startApp({ now: '2026-09-18T02:00:00Z' });
    const { page, ctx } = app;
    const a = await seedClient(ctx, '太原晋祠兴旅游服务有限公司', '91140106MA1QN6K440', 'pre_application');
    const b = await seedClient(ctx, '太原红枣联网络科技有限公司', '91140109MANN5L151B', 'pre_application');
    const c = await seedClient(ctx, '太原苹果兴农产品供应链有限公司', '91140106MACAD08H9D', 'materials');
    const target = (await ok(ctx, 'materials.list', { clientId: c }))[0];
    await ok(ctx, 'materials.update', { id: target.id, note: null, dueDate: '2026-09-16' });

    await page.getByTestId('home').waitFor(); // the dashboard opens first
    await expectText(page.getByTestId('home-today'), '2026-09-18 周五');

    // Client A: the authority asks for a correction of the fire-safety filing today (material → 需补正), through the UI.
    await page.goto(`${app.host.url}#/clients/${a}`);
    await page.getByTestId('client-name').waitFor();
    await setMaterialStatus(page, 'B02', 'received', '已收到');
    await setMaterialStatus(page, 'B02', 'checked', '已核对');
    await setMaterialStatus(page, 'B02', 'submitted', '已提交');
    await setMaterialStatus(page, 'B02', 'correction', '需补正');

    // Client B: the online pre-application went in today; record it on the 办理期限 tab.
    await page.goto(`${app.host.url}#/clients/${b}?tab=deadlines`);
    await typeInPicker(page, 'process-preApplicationOn', '2026-09-18');
    await page.getByTestId('process-save').click();
    await expect.poll(() => text(page, 'client-deadline-pre_review'), POLL).toContain('2026-09-24');

    await page.getByTestId('nav-home').click();
    await page.getByTestId('home-upcoming').waitFor();
    // "3 days" = calendar days (documented in shared/domain/deadline-rules.ts): Fri 09-18 → Mon 09-21.
    // Counted in working days it would be Tue 09-22 (Sun 09-20 is a 调休 working day).
    const correction = page.getByTestId(`deadline-${a}-correction`);
    await expectText(correction, /补正期限 · 场地消防备案证明[\s\S]*起算 2026-09-18[\s\S]*截止 2026-09-21 周一[\s\S]*还剩 3 天/);
    // 5 working days after Fri 09-18 counts Sunday 09-20 (调休): due Thu 09-24, not Fri 09-25 (中秋, a holiday).
    const review = page.getByTestId(`deadline-${b}-pre_review`);
    await expectText(review, /预申请初审[\s\S]*截止 2026-09-24 周四[\s\S]*还剩 5 个工作日/);
    // An internal target two days ago is overdue, in red.
    const overdue = page.getByTestId(`deadline-${c}-material_target`);
    await expectText(page.getByTestId('home-overdue'), '太原苹果兴农产品供应链有限公司');
    await expectText(overdue, '已逾期 2 天');
    await expectAttr(overdue, 'data-level', 'overdue');
    const color = (el: unknown) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color;
    await expect.poll(() => overdue.getByTestId('deadline-due').evaluate(color), POLL).toBe('rgb(211, 47, 47)'); // MUI error.main
    await expectCount(page.getByTestId('home-missing-years'), 0);
    await screenshot(page, 'dashboard');

    // The stage chart clicks through to the filtered register.
    await page.getByTestId('stage-bar-pre_application').click();
    await expect.poll(() => text(page, 'client-count'), POLL).toMatch(/筛选出 2 家/);
  });

  it('dragging a card on the stage board moves the stage and records the date; the move menu does it by keyboard', async () => {
    app = await startApp({ now: '2026-09-18T02:00:00Z' });
    const { page, ctx } = app;
    const a = await seedClient(ctx, '大同沃土坊农产品供应链有限公司', '91140213MA4NRBGM4J', 'materials');
    const b = await seedClient(ctx, '阳泉晋味通电子商务有限公司', '91140303MAP4LR3L56', 'materials');
    await page.getByTestId('nav-board').click();
    await expect.poll(() => text(page, 'board-count-materials'), POLL).toBe('2 家');

    await page.getByTestId(`board-card-${a}`).dragTo(page.getByTestId('board-col-pre_application'));
    await page.getByTestId('board-move-dialog').waitFor();
    await expectText(page.getByTestId('board-move-dialog'), '从“材料准备”移到“线上预申请”');
    await expectValue(page.getByTestId('board-move-date'), '2026-09-18');
    await typeInPicker(page, 'board-move-date', '2026-09-17'); // it happened yesterday
    await page.getByTestId('board-move-confirm').click();
    await page.getByTestId('board-col-pre_application').getByTestId(`board-card-${a}`).waitFor();
    await expect.poll(() => text(page, 'board-count-materials'), POLL).toBe('1 家');
    expect(ctx.db.prepare('SELECT stage, stage_since FROM clients WHERE id = ?').get(a)).toEqual({ stage: 'pre_application', stage_since: '2026-09-17' });
    expect(ctx.db.prepare("SELECT old_value, new_value, occurred_on FROM events WHERE client_id = ? AND kind = 'stage' ORDER BY id DESC LIMIT 1").get(a))
      .toEqual({ old_value: 'materials', new_value: 'pre_application', occurred_on: '2026-09-17' });
    await screenshot(page, 'stage-board');

    // Keyboard: focus the card's move button, open the menu, pick 正式提交, confirm with Enter.
    await page.getByTestId(`board-move-${b}`).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('board-move-to-formal_submission').waitFor();
    await page.getByTestId('board-move-to-formal_submission').press('Enter');
    await page.getByTestId('board-move-dialog').waitFor();
    await page.getByTestId('board-move-confirm').press('Enter');
    await page.getByTestId('board-col-formal_submission').getByTestId(`board-card-${b}`).waitFor();
    expect(ctx.db.prepare('SELECT stage, stage_since FROM clients WHERE id = ?').get(b)).toEqual({ stage: 'formal_submission', stage_since: '2026-09-18' });

    // The move date starts the authority's initial review: 5 working days after Thu 09-17 → Wed 09-23.
    await page.getByTestId('nav-home').click();
    await expectText(page.getByTestId(`deadline-${a}-pre_review`), /起算 2026-09-17[\s\S]*截止 2026-09-23 周三/);
  });

  it('warns that 2027 is not loaded until the user enters it in settings; prints the eligibility sheet', async () => {
    app = await startApp({ now: '2026-12-30T02:00:00Z' });
    const { page, ctx } = app;
    const a = await seedClient(ctx, '晋中果乡坊农产品供应链有限公司', '91140703MAQL32BF82', 'formal_submission', {
      capitalYuan: 500000, founded: '2023-10-13', officeAreaM2: 45, insuredStaff: 3, businessScope: '互联网信息服务；农产品销售',
    });
    await ok(ctx, 'process.set', { clientId: a, dates: { preApplicationOn: null, preReviewDoneOn: null, correctionRequestedOn: null, correctionDoneOn: null, formalSubmissionOn: '2026-12-29', formalReviewDoneOn: null, inspectionPassedOn: null } });
    await page.getByTestId('home').waitFor();
    await expectText(page.getByTestId('home-missing-years'), '2027年节假日安排未载入');
    await expectText(page.getByTestId(`deadline-${a}-formal_review`).getByTestId('missing-year'), '2027年节假日安排未载入', { exact: true });

    await page.getByTestId('home-missing-years').getByRole('button').click();
    await page.getByTestId('calendar-add').click();
    await page.getByTestId('holiday-source').fill('国务院办公厅关于2027年部分节假日安排的通知');
    await page.getByTestId('holiday-holidays').fill('元旦 2027-01-01~2027-01-03\n春节 2027-02-06~2027-02-14');
    await page.getByTestId('holiday-workdays').fill('春节 2027-02-20');
    await expectText(page.getByTestId('holiday-parsed'), '共 12 个放假日，1 个调休上班日');
    await page.getByTestId('holiday-save').click();
    await page.getByTestId('calendar-year-2027').waitFor();
    await screenshot(page, 'settings-calendar');

    await page.getByTestId('nav-home').click();
    await page.getByTestId(`deadline-${a}-formal_review`).waitFor();
    // The home page may first show what it held before the calendar changed: wait for the refreshed state.
    await expectCount(page.getByTestId('home-missing-years'), 0);
    await expectCount(page.getByTestId(`deadline-${a}-formal_review`).getByTestId('missing-year'), 0);

    // Eligibility tab and its A4 sheet.
    await page.goto(`${app.host.url}#/clients/${a}?tab=eligibility`);
    await page.getByTestId('eligibility-panel').waitFor();
    await expectAttr(page.getByTestId('condition-capital'), 'data-status', 'fail');
    await expectAttr(page.getByTestId('condition-premises'), 'data-status', 'fail');
    await expectAttr(page.getByTestId('condition-scope'), 'data-status', 'pass');
    await expectAttr(page.getByTestId('condition-compliance'), 'data-status', 'unknown');
    await screenshot(page, 'eligibility-tab');
    const print = await app.page.context().newPage(); // same context: the session cookie
    await print.goto(`${app.host.url}#/print/eligibility?clientId=${a}&today=2026-12-30`);
    await print.waitForFunction(() => (globalThis as { __printReady?: boolean }).__printReady === true, null, JOB);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const pdf = path.join(ARTIFACTS, 'eligibility-sheet.pdf');
    await print.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    const sheet = await pdfText(pdf);
    expect(sheet).toContain('经营性ICP许可证资质评估表');
    expect(sheet).toContain('晋中果乡坊农产品供应链有限公司');
    expect(sheet).toMatch(/评估结论：不符合条件/);
    expect(sheet).toMatch(/注册资本\s*500,000\s*元，低于\s*1,000,000\s*元/);
    expect(sheet).toMatch(/第\s*1\s*页\s*\/\s*共\s*1\s*页/);
    expect(await isA4(pdf)).toBe(true);
  });
});
