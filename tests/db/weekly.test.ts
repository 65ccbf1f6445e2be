import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { testContext } from '../helpers/context';
import { dispatch } from '../../db/dispatch';
import type { In, Method, Out } from '../../shared/contract';
import type { ServiceContext } from '../../db/service/context';
import { uniqueSheetName } from '../../db/export/weekly-xlsx';
import { weeklyClientText } from '../../shared/reports/weekly-text';

async function ok<M extends Method>(ctx: ServiceContext, m: M, input: In<M>): Promise<Out<M>> {
  const r = await dispatch(ctx, m, input);
  if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
  return r.value as Out<M>;
}

type Ctx = ReturnType<typeof testContext>;
const TAIYUAN = { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市', consultant: '白顾问' } as const;
const DATONG = { name: '大同沃土坊农产品供应链有限公司', uscc: '91140213MA4NRBGM4J', city: '大同市', consultant: '路顾问' } as const;
const JINZHONG = { name: '晋中重工源装备科技有限公司', uscc: '91140702MA6A20M59M', city: '晋中市', consultant: '路顾问' } as const;
const SHUOZHOU = { name: '朔州恒锐兴工业互联网有限公司', uscc: '91140602MAR2G1D359', city: '朔州市', consultant: '韩顾问' } as const;

/** China 10:00 on `date` as the host clock. */
const at = (ctx: Ctx, date: string) => ctx.setNow(`${date}T02:00:00.000Z`);

async function material(ctx: Ctx, clientId: number, key: string) {
  return (await ok(ctx, 'materials.list', { clientId })).find((m) => m.itemKey === key)!;
}
async function move(ctx: Ctx, clientId: number, key: string, ...statuses: Array<Out<'materials.list'>[number]['status']>) {
  for (const status of statuses) await ok(ctx, 'materials.setStatus', { id: (await material(ctx, clientId, key)).id, status });
}
async function due(ctx: Ctx, clientId: number, key: string, dueDate: string | null) {
  const m = await material(ctx, clientId, key);
  await ok(ctx, 'materials.update', { id: m.id, note: m.note, dueDate });
}

/**
 * One client worked over three weeks: W47 (11-16…11-22), W48 (11-23…11-29), W49 (11-30…12-06), 2026.
 * Created 2026-11-10 in 材料准备.
 */
async function threeWeeks(ctx: Ctx) {
  at(ctx, '2026-11-10');
  const { client } = await ok(ctx, 'clients.create', { client: TAIYUAN, stage: 'materials' });
  const id = client.id;
  // W47
  at(ctx, '2026-11-17');
  await ok(ctx, 'notes.create', { clientId: id, date: '2026-11-17', body: '已发送材料清单，客户开始准备' });
  await move(ctx, id, 'A01', 'received');
  at(ctx, '2026-11-18'); // a stage move may not be dated after the day it is recorded (issue 12)
  await ok(ctx, 'clients.setStage', { id, stage: 'pre_application', date: '2026-11-18' });
  // W48
  at(ctx, '2026-11-24');
  await ok(ctx, 'notes.create', { clientId: id, date: '2026-11-24', body: '营业执照副本已收到' });
  await move(ctx, id, 'A01', 'checked');
  await move(ctx, id, 'A02', 'received');
  await due(ctx, id, 'B01', '2026-12-03');
  at(ctx, '2026-11-26');
  await ok(ctx, 'notes.create', { clientId: id, date: '2026-11-26', body: '材料已初审通过，需补充场地消防证明' });
  return id;
}

async function week49(ctx: Ctx, id: number) {
  at(ctx, '2026-12-01');
  await ok(ctx, 'notes.create', { clientId: id, date: '2026-12-01', body: '租赁合同已收到' });
  await move(ctx, id, 'A02', 'checked');
  await move(ctx, id, 'B01', 'received');
  await due(ctx, id, 'B01', '2026-12-10');
  await ok(ctx, 'clients.setStage', { id, stage: 'formal_submission', date: '2026-12-01' });
  const c = await ok(ctx, 'clients.get', { id });
  const { id: _id, stage: _s, stageSince: _ss, usccValid: _u, archived: _a, materialsDone: _d, materialsTotal: _t, lastNoteDate: _l, createdAt: _c, updatedAt: _up, ...input } = c;
  await ok(ctx, 'clients.update', { id, client: { ...input, name: '太原晋祠兴文旅集团有限公司', consultant: '韩顾问' } });
}

/** A sheet's rows as 'a|b|c' lines (empty cells left out, dates as YYYY-MM-DD). */
function sheetText(ws: ExcelJS.Worksheet): string {
  const text: string[] = [];
  ws.eachRow((r) => text.push((r.values as unknown[]).filter(Boolean).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v))).join('|')));
  return text.join('\n');
}

describe('weekly summary (db)', () => {
  it('the middle of three weeks holds exactly that week\'s notes and changes, with state at its Sunday', async () => {
    const ctx = testContext();
    const id = await threeWeeks(ctx);
    await week49(ctx, id);
    at(ctx, '2026-12-02');

    const s = await ok(ctx, 'weekly.client', { clientId: id, week: '2026-W48' });
    expect(s.week).toEqual({ id: '2026-W48', year: 2026, week: 48, start: '2026-11-23', end: '2026-11-29', label: '2026年第48周（11-23 ~ 11-29）' });
    expect(s.generatedOn).toBe('2026-12-02');
    expect(s.notes.map((n) => [n.date, n.body])).toEqual([['2026-11-24', '营业执照副本已收到'], ['2026-11-26', '材料已初审通过，需补充场地消防证明']]);
    expect(s.materialChanges).toEqual([
      { on: '2026-11-24', itemKey: 'A01', title: '增值电信业务经营许可证申请表', from: 'received', to: 'checked' },
      { on: '2026-11-24', itemKey: 'A02', title: '营业执照副本复印件', from: 'missing', to: 'received' },
    ]);
    expect(s.stageMoves).toEqual([]);
    // State at Sunday 11-29, not today's (formal_submission, renamed, consultant 韩顾问, A02 checked, B01 received).
    expect(s.stage).toBe('pre_application');
    expect(s.client).toMatchObject({ name: '太原晋祠兴旅游服务有限公司', consultant: '白顾问', city: '太原市' });
    expect(s.progress).toEqual({ done: 1, total: 17 });
    expect(s.missing).toHaveLength(15);
    expect(s.missing[0]).toEqual({ itemKey: 'A03', title: '法定代表人身份证复印件', status: 'missing', dueDate: null, note: null });
    expect(s.missing.find((m) => m.itemKey === 'B01')?.dueDate).toBe('2026-12-03');
    // Pre-application on 11-18 (the stage move): 初审 due 5 working days later, 11-25, overdue by 4 days on Sunday 11-29
    // (a past week is judged at its Sunday); the stage was still 线上预申请 then, whatever it is now.
    expect(s.upcoming).toEqual({
      from: '2026-11-23', to: '2026-12-13', asOf: '2026-11-29',
      items: [
        { clientId: id, date: '2026-11-25', source: 'process', sourceLabel: '办理期限', title: '预申请初审', detail: null, time: null, overdueDays: 4, dayMark: null,
          ref: { kind: 'process', rule: 'pre_review', subject: null, subjectKey: null } },
        { clientId: id, date: '2026-12-03', source: 'material', sourceLabel: '材料截止', title: '办公场地租赁合同', detail: null, time: null, overdueDays: 0, dayMark: null,
          ref: { kind: 'material', itemKey: 'B01', title: '办公场地租赁合同' } },
      ],
    });
    expect(s.risks).toEqual(['11-25 预申请初审（办理期限）已逾期4天', '待客户提供：技术负责人、客服专员、信息安全专员的姓名、电话及山西社保证明（尚未指定）']);
    expect(s.nextSteps.saved).toBe(false);
    expect(s.nextSteps.text).toContain('12-03 前：办公场地租赁合同（材料截止）');

    const w47 = await ok(ctx, 'weekly.client', { clientId: id, week: '2026-W47' });
    expect(w47.notes.map((n) => n.body)).toEqual(['已发送材料清单，客户开始准备']);
    expect(w47.materialChanges.map((c) => [c.itemKey, c.from, c.to])).toEqual([['A01', 'missing', 'received']]);
    expect(w47.stageMoves).toEqual([{ on: '2026-11-18', from: 'materials', to: 'pre_application' }]);

    const w49 = await ok(ctx, 'weekly.client', { clientId: id, week: '2026-W49' });
    expect(w49.notes.map((n) => n.body)).toEqual(['租赁合同已收到']);
    expect(w49.materialChanges.map((c) => [c.itemKey, c.to])).toEqual([['A02', 'checked'], ['B01', 'received']]);
    expect(w49.stage).toBe('formal_submission');
    expect(w49.client.name).toBe('太原晋祠兴文旅集团有限公司');
    expect(w49.progress).toEqual({ done: 2, total: 17 });
    // B01 is received (not yet checked), so its moved due date still counts, in W49's window 11-30 ~ 12-20; the formal
    // submission on 12-01 starts the 审查 (10 working days → 12-15); the 初审 is no longer open in 正式提交.
    expect(w49.upcoming.items.map((i) => [i.date, i.title])).toEqual([['2026-12-10', '办公场地租赁合同'], ['2026-12-15', '正式审查']]);
    expect(w49.milestones.map((m) => [m.on, m.text])).toEqual([
      ['2026-12-01', '阶段：线上预申请 → 正式提交'], ['2026-12-01', '正式申请已受理（受理日期 2026-12-01），进入审查'],
    ]);
  });

  it('is reproducible: week 48 exported during the week and again after week 49 gives the same content', async () => {
    const ctx = testContext();
    const id = await threeWeeks(ctx);
    at(ctx, '2026-11-29');
    const during = await ok(ctx, 'weekly.client', { clientId: id, week: '2026-W48' });
    const rollupDuring = await ok(ctx, 'weekly.rollup', { week: '2026-W48' });
    await week49(ctx, id);
    at(ctx, '2026-12-05');
    await ok(ctx, 'notes.create', { clientId: id, date: '2026-12-05', body: '十二月的记录不属于第48周' });
    const later = await ok(ctx, 'weekly.client', { clientId: id, week: '2026-W48' });
    expect({ ...later, generatedOn: '' }).toEqual({ ...during, generatedOn: '' });
    const rollupLater = await ok(ctx, 'weekly.rollup', { week: '2026-W48' });
    expect({ ...rollupLater, generatedOn: '' }).toEqual({ ...rollupDuring, generatedOn: '' });

    // A note edited after the week still shows as it was at the week's end (issue 16: note_versions); a note written
    // later but dated in the week shows up.
    const note = (await ok(ctx, 'notes.list', { clientId: id })).find((n) => n.date === '2026-11-24')!;
    await ok(ctx, 'notes.update', { id: note.id, date: '2026-11-24', body: '营业执照副本及身份证已收到' });
    await ok(ctx, 'notes.create', { clientId: id, date: '2026-11-27', body: '补记：客户确认周五提交消防证明' });
    const edited = await ok(ctx, 'weekly.client', { clientId: id, week: '2026-W48' });
    expect(edited.notes.map((n) => n.body)).toEqual(['营业执照副本已收到', '材料已初审通过，需补充场地消防证明', '补记：客户确认周五提交消防证明']);
  });

  it('exports (summary, roll-up, xlsx) change nothing in the database', async () => {
    const ctx = testContext();
    const id = await threeWeeks(ctx);
    await ok(ctx, 'clients.create', { client: DATONG, stage: 'site_inspection' });
    at(ctx, '2026-12-02');
    const before = ctx.db.serialize();
    await ok(ctx, 'weekly.client', { clientId: id, week: '2026-W48' });
    await ok(ctx, 'weekly.rollup', { week: '2026-W48', sort: 'noNote' });
    await ok(ctx, 'weekly.exportXlsx', { week: '2026-W48' });
    expect(ctx.db.serialize().equals(before)).toBe(true);
  });

  it('roll-up: active clients only, state at the week end, headline, no-note flag, filters and sort', async () => {
    const ctx = testContext();
    const ty = await threeWeeks(ctx); // pre_application at W48's end, 2 notes
    at(ctx, '2026-11-20');
    const dt = (await ok(ctx, 'clients.create', { client: DATONG, stage: 'site_inspection' })).client.id;
    const jz = (await ok(ctx, 'clients.create', { client: JINZHONG, stage: 'materials' })).client.id;
    const sz = (await ok(ctx, 'clients.create', { client: SHUOZHOU, stage: 'aftercare' })).client.id;
    at(ctx, '2026-11-25');
    await move(ctx, jz, 'A01', 'received');
    await move(ctx, jz, 'A02', 'received', 'checked');
    await ok(ctx, 'clients.setStage', { id: jz, stage: 'pre_application', date: '2026-11-25' });
    // After the week: Datong finishes (aftercare) and Jinzhong is archived; a new client appears.
    at(ctx, '2026-12-02');
    await ok(ctx, 'clients.setStage', { id: dt, stage: 'aftercare', date: '2026-12-02' });
    ctx.db.prepare('UPDATE clients SET archived = 1 WHERE id = ?').run(sz);
    await ok(ctx, 'clients.create', { client: { name: '晋城黄河优文旅发展有限公司', uscc: '91140502MA23NHHDXM', city: '晋城市' }, stage: 'materials' });

    const r = await ok(ctx, 'weekly.rollup', { week: '2026-W48', sort: 'name' });
    expect(r.totals).toEqual({ active: 3, shown: 3, noNote: 2 });
    const byId = new Map(r.rows.map((x) => [x.clientId, x]));
    expect(byId.get(dt)).toMatchObject({ stage: 'site_inspection', noNote: true, headline: '本周无记录', headlineSource: 'none', progress: { done: 0, total: 17 } });
    expect(byId.get(jz)).toMatchObject({
      stage: 'pre_application', stageMoved: true, noNote: true, headlineSource: 'changes',
      headline: '阶段：材料准备 → 线上预申请；材料：已收到1项、已核对1项', progress: { done: 1, total: 17 }, changeCount: 3,
      milestone: '材料准备 → 线上预申请（11-25）', correctionCount: 0, overdueCount: 0,
      headlineChanges: { stages: ['materials', 'pre_application'], materials: [{ status: 'received', count: 1 }, { status: 'checked', count: 1 }], filesArrived: 0 },
      milestoneRef: { kind: 'stage', on: '2026-11-25', from: 'materials', to: 'pre_application' },
    });
    expect(byId.get(ty)).toMatchObject({ stage: 'pre_application', noNote: false, headline: '材料已初审通过，需补充场地消防证明', headlineSource: 'note', noteCount: 2, overdueCount: 1 });
    // The earliest open deadline, overdue first: the 初审 due 11-25 (pre-application 11-18), before B01's 12-03.
    expect(byId.get(ty)!.nextDeadline).toMatchObject({ date: '2026-11-25', title: '预申请初审', overdueDays: 4, ref: { kind: 'process', rule: 'pre_review' } });
    expect(byId.get(ty)).toMatchObject({ headlineChanges: null, milestoneRef: null });
    expect((await ok(ctx, 'weekly.rollup', { week: '2026-W48', sort: 'overdue' })).rows[0].clientId).toBe(ty);
    expect(r.rows.map((x) => x.name)).toEqual(['大同沃土坊农产品供应链有限公司', '晋中重工源装备科技有限公司', '太原晋祠兴旅游服务有限公司']); // pinyin: da, jin, tai
    expect(r.consultants).toEqual(['白顾问', '路顾问']);

    expect((await ok(ctx, 'weekly.rollup', { week: '2026-W48', city: '太原市' })).rows.map((x) => x.clientId)).toEqual([ty]);
    expect((await ok(ctx, 'weekly.rollup', { week: '2026-W48', consultant: '路顾问', sort: 'stage', dir: 'desc' })).rows.map((x) => x.clientId)).toEqual([dt, jz]);
    const pre = await ok(ctx, 'weekly.rollup', { week: '2026-W48', stage: 'pre_application', sort: 'progress' });
    expect(pre.rows.map((x) => x.clientId)).toEqual([jz, ty]);
    expect(pre.totals).toEqual({ active: 3, shown: 2, noNote: 1 });
    expect((await ok(ctx, 'weekly.rollup', { week: '2026-W48', sort: 'noNote' })).rows.map((x) => x.noNote)).toEqual([true, true, false]);

    // Week 49: Datong finished on Wednesday 12-02 but was active on Monday, so it is in W49 (with its move); Shuozhou is
    // archived; the new client is active.
    const w49 = await ok(ctx, 'weekly.rollup', { week: '2026-W49' });
    expect(w49.rows.map((x) => x.name).sort()).toEqual(['太原晋祠兴旅游服务有限公司', '晋中重工源装备科技有限公司', '晋城黄河优文旅发展有限公司', '大同沃土坊农产品供应链有限公司'].sort());
    expect(w49.rows.find((x) => x.clientId === dt)).toMatchObject({ stage: 'aftercare', milestone: '现场核查 → 后续管理（12-02）' });
    expect((await ok(ctx, 'weekly.rollup', { week: '2026-W50' })).rows.map((x) => x.clientId)).not.toContain(dt);
    // Week 46 (before anyone but Taiyuan existed).
    expect((await ok(ctx, 'weekly.rollup', { week: '2026-W46' })).rows.map((x) => x.clientId)).toEqual([ty]);
  });

  it('next steps: saved per client and week, cleared by an empty text, refused for an unknown client', async () => {
    const ctx = testContext();
    const id = await threeWeeks(ctx);
    const saved = await ok(ctx, 'weekly.setNextSteps', { clientId: id, week: '2026w48', body: '  下周一提交消防备案证明  ' });
    expect(saved).toMatchObject({ clientId: id, week: '2026-W48', body: '下周一提交消防备案证明' });
    expect((await ok(ctx, 'weekly.client', { clientId: id, week: '2026-W48' })).nextSteps).toEqual({ text: '下周一提交消防备案证明', saved: true, updatedAt: saved.updatedAt });
    expect((await ok(ctx, 'weekly.client', { clientId: id, week: '2026-W47' })).nextSteps.saved).toBe(false);
    await ok(ctx, 'weekly.setNextSteps', { clientId: id, week: '2026-W48', body: '' });
    expect((await ok(ctx, 'weekly.client', { clientId: id, week: '2026-W48' })).nextSteps.saved).toBe(false);
    expect((ctx.db.prepare('SELECT count(*) n FROM weekly_next_steps').get() as { n: number }).n).toBe(0);

    const missing = await dispatch(ctx, 'weekly.setNextSteps', { clientId: 999, week: '2026-W48', body: 'x' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const badWeek = await dispatch(ctx, 'weekly.client', { clientId: id, week: '2025-W53' });
    expect(badWeek).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!badWeek.ok) expect(badWeek.error.details?.fields?.[0]).toMatchObject({ path: 'week' });
    await ok(ctx, 'clients.remove', { id });
    expect((ctx.db.prepare('SELECT count(*) n FROM weekly_next_steps').get() as { n: number }).n).toBe(0);
  });

  it('the Excel file: roll-up sheet with stages and progress, one Chinese-named sheet per client, frozen headers', async () => {
    const ctx = testContext();
    const ty = await threeWeeks(ctx);
    await ok(ctx, 'weekly.setNextSteps', { clientId: ty, week: '2026-W48', body: '下周一提交消防备案证明' });
    at(ctx, '2026-11-26');
    await ok(ctx, 'clients.create', { client: { ...DATONG, name: '大同沃土坊农产品供应链[山西]有限公司：分公司／测试*?很长很长很长的名字' }, stage: 'site_inspection' });
    at(ctx, '2026-11-27');
    const out = await ok(ctx, 'weekly.exportXlsx', { week: '2026-W48', sort: 'name' });
    expect(out.fileName).toBe('周报汇总_2026-W48.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.dataBase64, 'base64') as unknown as ExcelJS.Buffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(out.sheets);
    expect(names[0]).toBe('周报汇总');
    expect(names[1]).toBe('大同沃土坊农产品供应链山西有限公司：分公司／测试很长很长很长的');
    expect(names[1].length).toBeLessThanOrEqual(31);
    expect(names[2]).toBe('太原晋祠兴旅游服务有限公司');
    for (const n of names) expect(n).not.toMatch(/[[\]:*?/\\]/);

    const roll = wb.getWorksheet('周报汇总')!;
    expect(roll.getCell('A1').text).toBe('ICP许可证在办客户周报汇总');
    expect(roll.getCell('A2').text).toContain('2026年第48周（11-23 ~ 11-29）');
    expect(roll.getCell('A2').text).toContain('制表日期：2026-11-27');
    expect(roll.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, xSplit: 2 });
    expect(roll.getRow(3).values).toEqual([undefined, '序号', '客户名称', '城市', '负责顾问', '阶段', '里程碑', '材料进度', '已核对', '材料总数', '需补正', '逾期', '本周要点', '本周记录数', '提醒', '下一截止日期', '下一截止事项']);
    const rows = [4, 5].map((i) => roll.getRow(i).values as unknown[]);
    expect(rows.map((v) => [v[2], v[5], v[7], v[14]])).toEqual([
      ['大同沃土坊农产品供应链[山西]有限公司：分公司／测试*?很长很长很长的名字', '现场核查', '0/17', '本周无记录'],
      ['太原晋祠兴旅游服务有限公司', '线上预申请', '1/17', ''],
    ]);
    // The next deadline's date is a real date cell (yyyy-mm-dd): the 初审 due 11-25, overdue.
    const next = roll.getRow(5).getCell(15);
    expect(next.value).toEqual(new Date(Date.UTC(2026, 10, 25)));
    expect(next.numFmt).toBe('yyyy-mm-dd');
    expect(next.text).not.toBe('');
    expect(roll.getRow(5).getCell(16).text).toBe('预申请初审（办理期限）【已逾期2天】');
    // Printing: A4, one page wide, the header row repeated.
    expect(roll.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
    expect(roll.getColumn(2).width).toBeGreaterThanOrEqual(28); // fits a 13-character company name
    expect(roll.getColumn(2).width).toBeLessThanOrEqual(50);

    const cs = wb.getWorksheet('太原晋祠兴旅游服务有限公司')!;
    expect(cs.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(cs.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' });
    const all = sheetText(cs);
    expect(all).toContain('周次：2026年第48周（11-23 ~ 11-29）');
    expect(all).toContain('2026-11-26|材料已初审通过，需补充场地消防证明');
    expect(all).toContain('2026-11-24|营业执照副本复印件|待收集 → 已收到');
    expect(all).toContain('2026-11-25|预申请初审|办理期限|已逾期2天');
    const dates: string[] = [];
    cs.eachRow((r) => r.eachCell((c) => {
      if (c.value instanceof Date) { dates.push(`${c.address} ${c.value.toISOString().slice(0, 10)}`); expect(c.numFmt).toBe('yyyy-mm-dd'); }
      else expect(String(c.value ?? '')).not.toMatch(/^\d{4}-\d{2}-\d{2}$/); // no date left as text
    }));
    // Every date the fixture gives this client's week-48 sheet, each a date cell: its notes and changes (11-24, 11-26,
    // 11-24, 11-24), the overdue 预申请初审 deadline (11-25), the lease's 材料截止 (12-03) and its open item (12-03).
    expect(dates).toEqual(['A13 2026-11-24', 'A14 2026-11-26', 'A18 2026-11-24', 'A19 2026-11-24', 'A23 2026-11-25', 'A24 2026-12-03', 'A29 2026-12-03']);
    expect(all).toContain('下周一提交消防备案证明');
    expect(all).not.toContain('已发送材料清单'); // W47's note
  });

  it('uniqueSheetName: forbidden characters, 31 characters, case-insensitive uniqueness, reserved names', () => {
    const used = new Set<string>(['周报汇总']);
    expect(uniqueSheetName('周报汇总', used)).toBe('周报汇总(2)');
    expect(uniqueSheetName("'a/b\\c[d]e:f*g?h'", used)).toBe('abcdefgh');
    expect(uniqueSheetName('ABCDEFGH', used)).toBe('ABCDEFGH(2)');
    expect(uniqueSheetName('', used)).toBe('客户');
    expect(uniqueSheetName('history', used)).toBe('history_');
    const long = '山'.repeat(40);
    expect(uniqueSheetName(long, used)).toBe('山'.repeat(31));
    expect(uniqueSheetName(long, used)).toBe(`${'山'.repeat(28)}(2)`);
  });

  it('week queries use their indexes (EXPLAIN QUERY PLAN)', () => {
    const ctx = testContext();
    const plan = (sql: string, ...p: unknown[]) => (ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...p) as Array<{ detail: string }>).map((r) => r.detail).join('\n');
    expect(plan(`SELECT id FROM notes WHERE note_date BETWEEN ? AND ? AND client_id IN (SELECT value FROM json_each(?))`, 'a', 'b', '[1]')).toMatch(/USING (COVERING )?INDEX (notes_date|notes_client_date)/);
    expect(plan(`SELECT id FROM events WHERE +occurred_on BETWEEN ? AND ? AND +kind IN ('stage','material.status') AND client_id IN (SELECT value FROM json_each(?))`, 'a', 'b', '[1]')).toMatch(/USING (COVERING )?INDEX events_client \(client_id=\?\)/);
    expect(plan(`SELECT client_id FROM events WHERE +occurred_on > ? AND +kind IN (SELECT value FROM json_each(?)) AND client_id IN (SELECT value FROM json_each(?)) ORDER BY occurred_on, id`, 'a', '["stage"]', '[1]')).toMatch(/USING (COVERING )?INDEX events_client \(client_id=\?\)/);
    expect(plan(`SELECT client_id FROM events WHERE kind = 'stage' AND occurred_on > ?`, 'a')).toMatch(/USING (COVERING )?INDEX events_stage_on \(occurred_on>\?\)/);
    expect(plan('SELECT body FROM weekly_next_steps WHERE week = ? AND client_id IN (SELECT value FROM json_each(?))', 'w', '[1]')).toMatch(/USING (COVERING )?(INDEX|PRIMARY KEY)/);
  });
});

describe('personal data in weekly summaries', () => {
  it('neither the summary, the roll-up, the chat text nor the Excel export carries the ID number', async () => {
    const ctx = testContext('2026-11-27T02:00:00.000Z');
    const { client } = await ok(ctx, 'clients.create', {
      client: { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市', legalRep: '黄春梅', legalRepIdNumber: '140105199001011238' },
      stage: 'materials',
    });
    await ok(ctx, 'notes.create', { clientId: client.id, date: '2026-11-25', body: '法人身份证复印件已收到' });
    const week = '2026-W48';
    const s = await ok(ctx, 'weekly.client', { clientId: client.id, week });
    const r = await ok(ctx, 'weekly.rollup', { week });
    const x = await ok(ctx, 'weekly.exportXlsx', { week });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.dataBase64, 'base64') as unknown as ExcelJS.Buffer);
    const cells = wb.worksheets.map((w) => JSON.stringify(w.getSheetValues())).join();
    for (const text of [JSON.stringify(s), JSON.stringify(r), weeklyClientText(s), cells]) {
      expect(text).not.toContain('140105199001011238');
    }
  });
});
