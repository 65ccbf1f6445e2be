/**
 * Issue 12: the site-inspection prep sheet fits one A4 page for a normal inspection (16 items, 3 attendees) by
 * layout, never with text below 9 pt; a 40-item checklist takes 2 pages with the signature block on page 2 together
 * with the last section; the day print of 3 inspections is 3 pages; the sheet names the platform, domain, ICP备案号
 * and shows "未指定" for a required role nobody holds. PDFs are read through tests/e2e/pdf.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { JOB, ARTIFACTS, startApp, type App, ok } from './harness';
import { isA4, pdfPageCount, pdfPages, squash } from './pdf';

const NOW = '2026-11-30T02:00:00Z'; // Monday 10:00 in China
const DAY = '2026-12-01';

/** Prints a print route to test-results/<name>.pdf from a new page; returns the file and the smallest font size (px) on the sheet. */
async function printPdf(page: Page, url: string, name: string): Promise<{ file: string; minFontPx: number }> {
  const p = await page.context().newPage();
  try {
    await p.goto(url);
    await p.waitForFunction(() => (globalThis as { __printReady?: boolean }).__printReady === true, null, JOB);
    await p.emulateMedia({ media: 'print' });
    // Smallest computed font size of any element with text on the sheets (run in the page; DOM types are not in this tsconfig).
    // settled: the print view sets __printReady (waited for above) once its data and fonts are drawn
    const minFontPx = (await p.evaluate(`(() => {
      let min = Infinity;
      for (const el of document.querySelectorAll('.insp-sheet, .insp-sheet *')) {
        if (!el.innerText || !el.innerText.trim()) continue;
        min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
      }
      return min;
    })()`)) as number;
    // No label or value runs out of its cell into the next (统一社会信用代码 and 托管/云服务协议 once did).
    // settled: measured after __printReady, like the font size above
    const overflowing = (await p.evaluate(`(() => [...document.querySelectorAll('.insp-sheet th, .insp-sheet td')]
      .filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.innerText.trim()))()`)) as string[];
    expect(overflowing, name).toEqual([]);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name}.pdf`);
    fs.writeFileSync(file, await p.pdf({ preferCSSPageSize: true, printBackground: true }));
    await p.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true }); // the view as printed, kept as an artifact
    return { file, minFontPx };
  } finally {
    await p.close();
  }
}

let seq = 0;
function uscc(): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `91140106MA${String(++seq).padStart(7, '0')}`;
  const sum = [...body].reduce((s, c, i) => s + chars.indexOf(c) * weights[i], 0);
  return body + chars[(31 - (sum % 31)) % 31];
}

async function clientWithMaterials(app: App, name: string, extra: { officeAreaM2?: number } = {}) {
  const { client } = await ok(app, 'clients.create', {
    client: {
      name, uscc: uscc(), city: '太原市', district: '小店区', address: '太原市小店区长风街与平阳路交叉口长风商务区1号楼12层', legalRep: '刘建国',
      platformName: '晋享生活服务平台', domain: 'jinxiang-life.cn', icpFilingNo: '晋ICP备2023001234号-1', serverLocation: '阿里云 华北2（北京）', ...extra,
    },
    stage: 'site_inspection',
  });
  const mats = await ok(app, 'materials.list', { clientId: client.id });
  // Everything handed in, so the originals list is as long as it gets; D06 (screenshots) has no original.
  for (const m of mats) for (const status of ['received', 'checked', 'submitted'] as const) await ok(app, 'materials.setStatus', { id: m.id, status });
  return client;
}

const attendees = [
  { role: 'tech_lead', name: '张伟', phone: '13800000001' },
  { role: 'customer_service', name: '李娜', phone: '13800000002' },
  { role: 'other', name: '周敏（行政）', phone: '13800000004' },
] as const;
const equipment = '台式电脑 5台（联想 M720）\n服务器 1台（阿里云ECS）\n防火墙 1台（华为 USG6300）\n打印机 1台';

describe('prep sheet pages (Chromium, browser mode)', () => {
  let app: App | null = null;
  afterEach(async () => {
    await app?.close();
    app = null;
  });

  it('16 items and 3 attendees: 1 page; 40 items: 2 pages, signatures with the last section; a day of 3: 3 pages', async () => {
    app = await startApp({ now: NOW });
    for (const text of ['现场演示用户实名注册流程', '网站首页备案号与申请一致']) await ok(app, 'inspectionTemplate.create', { section: 'practice', text });
    const ids: number[] = [];
    for (const [k, name] of ['太原晋享生活科技有限公司', '太原甲核查网络科技有限公司', '太原乙核查网络科技有限公司'].entries()) {
      const c = await clientWithMaterials(app, name);
      const i = await ok(app, 'inspections.create', {
        clientId: c.id,
        inspection: {
          date: DAY, time: `${9 + k * 2}:00`.padStart(5, '0'), attendees: [...attendees], authorityPeople: '省通信管理局 两位同志',
          consultantName: '白顾问', consultantPhone: '13900000000', equipmentList: equipment, notes: '提前30分钟到场，核对原件顺序。',
        },
      });
      expect(i.items).toHaveLength(16);
      // Half ticked, with notes on a few items.
      for (const x of i.items.slice(0, 8)) await ok(app, 'inspections.setItem', { id: x.id, checked: true, note: x.evidence === 'area_m2' ? null : '已确认', measuredAreaM2: x.evidence === 'area_m2' ? 86 : null });
      ids.push(i.id);
    }

    const one = await printPdf(app.page, `${app.host.url}#/print/inspection?ids=${ids[0]}`, 'prep-sheet-16');
    expect(await isA4(one.file)).toBe(true);
    expect(await pdfPageCount(one.file)).toBe(1);
    expect(one.minFontPx).toBeGreaterThanOrEqual(12); // 9 pt
    const text = squash((await pdfPages(one.file))[0]);
    for (const s of ['晋享生活服务平台', 'jinxiang-life.cn', '晋ICP备2023001234号-1', '备案信息与申请一致', '阿里云华北2（北京）', '服务器托管/云服务协议', '已提交',
      '公章', '营业执照正本', '法定代表人刘建国到场', '签字确认', '太原市小店区长风街与平阳路交叉口长风商务区1号楼12层']) {
      expect(text, s).toContain(squash(s));
    }
    expect(text).toContain('信息安全专员未指定');
    // Originals: only items that have one — the screenshots (D06) and self-made lists (B03, C01) are not listed.
    expect(text).toContain('办公场地租赁合同');
    expect(text).not.toContain('ICP备案截图');
    expect(text).not.toMatch(/\d+\.办公设备清单/);

    // The upper end of a normal inspection: 20 items and 4 attendees, still one page.
    for (const text of ['服务器机柜钥匙由技术负责人保管', '值班表与岗位职责上墙', '用户协议与隐私政策页面可访问', '投诉电话在网站首页公示']) {
      await ok(app, 'inspectionTemplate.create', { section: 'practice', text });
    }
    const clientA = (await ok(app, 'inspections.sheets', { ids: [ids[0]] })).sheets[0].client.id;
    const twenty = await ok(app, 'inspections.create', {
      clientId: clientA,
      inspection: { date: '2026-12-03', time: '09:00', attendees: [...attendees, { role: 'security_officer', name: '王强', phone: '13800000003' }], consultantName: '白顾问', equipmentList: equipment, notes: '复核' },
    });
    expect(twenty.items).toHaveLength(20);
    const p20 = await printPdf(app.page, `${app.host.url}#/print/inspection?ids=${twenty.id}`, 'prep-sheet-20');
    expect(await pdfPageCount(p20.file)).toBe(1);
    expect(squash((await pdfPages(p20.file))[0])).not.toContain('未指定');

    // 40 items: a new inspection after 20 more template items.
    for (let k = 1; k <= 20; k++) await ok(app, 'inspectionTemplate.create', { section: (['premises', 'equipment', 'staff', 'practice', 'materials'] as const)[k % 5], text: `附加检查项第${String(k).padStart(2, '0')}项：核对资产台账` });
    const big = await ok(app, 'inspections.create', { clientId: clientA, inspection: { date: '2026-12-02', time: '09:00', attendees: [...attendees], equipmentList: equipment, notes: '复核' } });
    expect(big.items).toHaveLength(40);
    const two = await printPdf(app.page, `${app.host.url}#/print/inspection?ids=${big.id}`, 'prep-sheet-40');
    expect(await pdfPageCount(two.file)).toBe(2);
    const [p1, p2] = (await pdfPages(two.file)).map(squash);
    expect(p1).not.toContain('签字确认');
    expect(p2).toContain('签字确认');
    expect(p2).toContain('需携带原件'); // the last section travels with the signatures
    expect(p2).toContain('营业执照正本');
    expect(p2.replace(/第\d+页\/共\d+页/, '').length).toBeGreaterThan(100); // not a page holding the signature line alone

    // The day print: one sheet per inspection.
    const day = await printPdf(app.page, `${app.host.url}#/print/inspection?date=${DAY}`, 'prep-sheets-day-3');
    expect(await pdfPageCount(day.file)).toBe(3);
    const pages = (await pdfPages(day.file)).map(squash);
    expect(pages.map((p) => ['太原晋享生活科技有限公司', '太原甲核查网络科技有限公司', '太原乙核查网络科技有限公司'].filter((n) => p.includes(n)))).toEqual([
      ['太原晋享生活科技有限公司'], ['太原甲核查网络科技有限公司'], ['太原乙核查网络科技有限公司'],
    ]);
    for (const p of pages) expect(p).toContain('签字确认');
  });

  it('a 45 ㎡ office and an open 需补正 item print on the sheet with the stage, still one page', async () => {
    app = await startApp({ now: NOW });
    const c = await clientWithMaterials(app, '太原晋祠兴旅游服务有限公司', { officeAreaM2: 45 });
    const a02 = (await ok(app, 'materials.list', { clientId: c.id })).find((m) => m.itemKey === 'A02')!;
    await ok(app, 'materials.setStatus', { id: a02.id, status: 'correction' });
    await ok(app, 'materials.update', { id: a02.id, note: '复印件不清晰，需重新复印', dueDate: null });
    const i = await ok(app, 'inspections.create', { clientId: c.id, inspection: { date: DAY, time: '09:00', attendees: [...attendees], consultantName: '白顾问' } });
    const pdf = await printPdf(app.page, `${app.host.url}#/print/inspection?ids=${i.id}`, 'prep-sheet-facts');
    expect(await pdfPageCount(pdf.file)).toBe(1);
    const text = squash((await pdfPages(pdf.file))[0]);
    for (const s of ['当前阶段', '5. 现场核查', '办公面积 45 ㎡ < 50 ㎡', '需补正：A02 营业执照副本复印件——复印件不清晰，需重新复印']) expect(text, s).toContain(squash(s));
  });
});
