/**
 * Everyday robustness in the real app (issue 14): every save double-clicked creates one record; Enter that confirms
 * an IME composition (CDP Input.imeSetComposition) neither saves nor leaves an inline field; a note ending in 👍 is
 * quoted whole (no U+FFFD) in its delete dialog.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiRequests, expectText, poll, screenshot, startApp, type App, ok } from './harness';
import { typeInPicker } from './pickers';
import { sampleUscc } from '../helpers/data';

const NOW = '2026-11-30T02:00:00Z';
let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function newClient(a: App): Promise<number> {
  const r = await ok(a, 'clients.create', { client: { name: '太原晋祠兴旅游服务有限公司', uscc: sampleUscc(4711), city: '太原市', contactName: '吴磊', contactPhone: '15226771482' } });
  return r.client.id;
}

async function openTab(page: Page, id: number, tab: string) {
  await page.goto(`${page.url().split('#')[0]}#/clients/${id}?tab=${tab}`);
  await page.getByTestId(`tab-${tab}`).waitFor();
}

/** Starts an IME composition of `text` in the focused field (as a Chinese IME shows pinyin/Latin letters). */
async function compose(page: Page, text: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  return {
    /** Enter pressed to confirm the composition (Blink marks the keydown isComposing), then the IME commits `text`. */
    async confirmWithEnter() {
      await page.keyboard.press('Enter');
      await cdp.send('Input.insertText', { text });
      await cdp.detach();
    },
  };
}

describe('forms save once', () => {
  it('double-clicking each save creates one record: progress note, change filing, inspection, template item', async () => {
    app = await startApp({ now: NOW });
    const { page } = app;
    const requests = apiRequests(page);
    const id = await newClient(app);

    await openTab(page, id, 'notes');
    await page.getByTestId('note-body').fill('已电话沟通材料清单');
    await page.getByTestId('note-add').dblclick();
    await poll(async () => (await ok(app!, 'notes.list', { clientId: id })).length).toBe(1);

    await openTab(page, id, 'aftercare');
    await page.getByTestId('change-add').click();
    await page.getByTestId('change-new').fill('www.jinci-travel.cn');
    await page.getByTestId('change-save').dblclick();
    await page.getByTestId('change-dialog').waitFor({ state: 'detached' });
    await poll(async () => (await ok(app!, 'changes.list', { clientId: id, today: null })).length).toBe(1);

    await openTab(page, id, 'inspections');
    await page.getByTestId('insp-new').click();
    await typeInPicker(page, 'insp-date', '2026-12-03');
    await page.getByTestId('insp-save').dblclick();
    await poll(async () => (await ok(app!, 'inspections.list', { clientId: id })).length).toBe(1);

    const before = (await ok(app, 'inspectionTemplate.list', {})).length;
    await page.goto(`${page.url().split('#')[0]}#/settings/inspection-template`);
    await page.getByTestId('tpl-new-text').fill('备用电源（UPS）到位');
    await page.getByTestId('tpl-add').dblclick();
    await poll(async () => (await ok(app!, 'inspectionTemplate.list', {})).filter((r) => r.text === '备用电源（UPS）到位').length).toBe(1);

    // Nothing arrived late: the counts are still one each after the calls have settled.
    await requests.settled();
    expect(requests.sent()).toBeGreaterThan(8); // the tracking saw the page's calls (four saves and their reloads)
    expect((await ok(app, 'notes.list', { clientId: id })).length).toBe(1);
    expect((await ok(app, 'changes.list', { clientId: id, today: null })).length).toBe(1);
    expect((await ok(app, 'inspections.list', { clientId: id })).length).toBe(1);
    expect((await ok(app, 'inspectionTemplate.list', {})).length).toBe(before + 1);
  }, 180_000);
});

describe('Enter confirming an IME composition', () => {
  it('in a material note: does not save or leave the field; a later plain Enter saves "已提交icp"', async () => {
    app = await startApp({ now: NOW });
    const { page } = app;
    const id = await newClient(app);
    const m = (await ok(app, 'materials.list', { clientId: id }))[0];
    await openTab(page, id, 'materials');
    const field = page.getByTestId(`material-note-${m.itemKey}`);
    await field.click();
    await page.keyboard.insertText('已提交');
    await (await compose(page, 'icp')).confirmWithEnter();
    await poll(() => field.inputValue()).toBe('已提交icp');
    await poll(() => field.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect((await ok(app, 'materials.list', { clientId: id }))[0].note).toBeNull();
    await page.keyboard.press('Enter');
    await poll(async () => (await ok(app!, 'materials.list', { clientId: id }))[0].note).toBe('已提交icp');
  }, 180_000);

  it('in an inspection template item: the composition Enter keeps editing; the text is saved once on plain Enter', async () => {
    app = await startApp({ now: NOW });
    const { page } = app;
    await page.goto(`${page.url().split('#')[0]}#/settings/inspection-template`);
    const first = (await ok(app, 'inspectionTemplate.list', {}))[0];
    const field = page.getByTestId(`tpl-row-${first.key}`).locator('input').first();
    await field.click();
    await page.keyboard.press('End');
    await (await compose(page, 'ups')).confirmWithEnter();
    await poll(() => field.inputValue()).toBe(`${first.text}ups`);
    await poll(() => field.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect((await ok(app, 'inspectionTemplate.list', {}))[0].text).toBe(first.text);
    await page.keyboard.press('Enter');
    await poll(async () => (await ok(app!, 'inspectionTemplate.list', {})).find((r) => r.id === first.id)?.text).toBe(`${first.text}ups`);
  }, 180_000);
});

describe('text cut on whole characters', () => {
  it('the delete dialog of a note of 59 Chinese characters and 👍 quotes it whole, without U+FFFD', async () => {
    app = await startApp({ now: NOW });
    const { page } = app;
    const id = await newClient(app);
    const body = `${'材料已齐全待提交'.repeat(8).slice(0, 59)}👍`;
    const note = await ok(app, 'notes.create', { clientId: id, date: '2026-11-30', body });
    await openTab(page, id, 'notes');
    await page.getByTestId(`note-${note.id}`).getByRole('button', { name: '删除' }).click();
    const dialog = page.getByTestId('confirm-dialog');
    const text = await expectText(dialog, body);
    await screenshot(page, 'note-delete-emoji');
    expect(text).not.toContain('\uFFFD');
    expect(text).toContain(body);
  }, 180_000);
});
