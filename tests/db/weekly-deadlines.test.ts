/**
 * The weekly summary's deadlines, milestones and roll-up membership over 国庆 2026 (issue 11), with a fixed clock.
 * Week 39 = 09-21…09-27, week 40 = 09-28…10-04 (国庆节 10-01…10-07, 调休上班 09-20 and 10-10), week 41 = 10-05…10-11.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { testContext } from '../helpers/context';
import { dispatch } from '../../db/dispatch';
import type { In, Method, Out } from '../../shared/contract';
import type { ServiceContext } from '../../db/service/context';
import { weeklyClientText } from '../../shared/reports/weekly-text';

async function ok<M extends Method>(ctx: ServiceContext, m: M, input: In<M>): Promise<Out<M>> {
  const r = await dispatch(ctx, m, input);
  if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
  return r.value as Out<M>;
}
type Ctx = ReturnType<typeof testContext>;
/** China 10:00 on `date` as the host clock. */
const at = (ctx: Ctx, date: string) => ctx.setNow(`${date}T02:00:00.000Z`);

async function material(ctx: Ctx, clientId: number, key: string) {
  return (await ok(ctx, 'materials.list', { clientId })).find((m) => m.itemKey === key)!;
}
async function move(ctx: Ctx, clientId: number, key: string, ...statuses: Array<Out<'materials.list'>[number]['status']>) {
  for (const status of statuses) await ok(ctx, 'materials.setStatus', { id: (await material(ctx, clientId, key)).id, status });
}
async function update(ctx: Ctx, clientId: number, key: string, patch: { note?: string | null; dueDate?: string | null }) {
  const m = await material(ctx, clientId, key);
  await ok(ctx, 'materials.update', { id: m.id, note: patch.note === undefined ? m.note : patch.note, dueDate: patch.dueDate === undefined ? m.dueDate : patch.dueDate });
}

const TAIYUAN = { name: '太原晋祠兴旅游服务有限公司', uscc: '91140106MA1QN6K440', city: '太原市', consultant: '白顾问', officeAreaM2: 30 } as const;
const DATONG = { name: '大同沃土坊农产品供应链有限公司', uscc: '91140213MA4NRBGM4J', city: '大同市', consultant: '路顾问' } as const;
const ADDRESS = '太原市小店区长治路1号';

/**
 * Taiyuan: formal submission on Monday 09-28; the authority asks for a correction of D02 on Tuesday 09-29 (note: what
 * it asked for); A03 was due 09-25 (a day of 中秋节, so 09-24; overdue); B03 is due Saturday 10-10 (a 调休 working day); an inspection is set on
 * 09-29 for 09-30 14:30. Datong: licence issued Tuesday 09-22 and moved to 后续管理 the same day.
 */
async function autumn(ctx: Ctx) {
  at(ctx, '2026-09-10');
  const ty = (await ok(ctx, 'clients.create', { client: TAIYUAN, stage: 'materials' })).client.id;
  const dt = (await ok(ctx, 'clients.create', { client: DATONG, stage: 'issuance' })).client.id;
  await update(ctx, ty, 'A03', { dueDate: '2026-09-25' });
  await update(ctx, ty, 'B03', { dueDate: '2026-10-10' });
  at(ctx, '2026-09-22');
  await ok(ctx, 'licence.set', { clientId: dt, number: '晋B2-20260123', issuedOn: '2026-09-22', expiresOn: '2031-09-21' });
  await ok(ctx, 'clients.setStage', { id: dt, stage: 'aftercare', date: '2026-09-22' });
  at(ctx, '2026-09-28');
  await move(ctx, ty, 'D02', 'received', 'checked', 'submitted');
  await ok(ctx, 'clients.setStage', { id: ty, stage: 'formal_submission', date: '2026-09-28' });
  at(ctx, '2026-09-29');
  await move(ctx, ty, 'D02', 'correction');
  await update(ctx, ty, 'D02', { note: '信用报告需加盖公章' });
  await ok(ctx, 'inspections.create', { clientId: ty, inspection: { date: '2026-09-30', time: '14:30', address: ADDRESS } });
  return { ty, dt };
}

describe('weekly summary deadlines across 国庆 2026 (db, fixed clock)', () => {
  it('report made Tuesday 09-29 for week 40: overdue item, 补正 moved before the holiday, 审查, the inspection this week, 调休 mark', async () => {
    const ctx = testContext();
    const { ty } = await autumn(ctx);
    at(ctx, '2026-09-29');
    const s = await ok(ctx, 'weekly.client', { clientId: ty, week: '2026-W40' });
    expect(s.upcoming).toMatchObject({ from: '2026-09-28', to: '2026-10-18', asOf: '2026-09-29' });
    expect(s.upcoming.items.map((u) => ({ date: u.date, title: u.title, detail: u.detail, time: u.time, overdueDays: u.overdueDays, dayMark: u.dayMark }))).toEqual([
      // Due 09-25, a day of 中秋节: act by the last working day before it, 09-24 — 5 days overdue on 09-29.
      { date: '2026-09-24', title: '法定代表人身份证复印件', detail: null, time: null, overdueDays: 5, dayMark: { kind: 'holiday', name: '中秋节', dueOn: '2026-09-25' } },
      // 3 calendar days from 09-29 is 10-02, inside 国庆: act by the last working day before it, 09-30.
      { date: '2026-09-30', title: '补正期限', detail: '企业信用信息公示报告', time: null, overdueDays: 0, dayMark: { kind: 'holiday', name: '国庆节', dueOn: '2026-10-02' } },
      { date: '2026-09-30', title: '现场核查', detail: '地址：太原市小店区长治路1号；参加人员未指定：技术负责人、客服专员、信息安全专员（请提供姓名、电话）；请携带：公章、营业执照正本、已提交材料的原件', time: '14:30', overdueDays: 0, dayMark: null },
      { date: '2026-10-10', title: '办公设备清单', detail: null, time: null, overdueDays: 0, dayMark: { kind: 'adjusted', name: '国庆节', dueOn: null } },
      // 10 working days after 09-28: 09-29, 09-30, 10-08, 10-09, 10-10 (调休), 10-12 … 10-16.
      { date: '2026-10-16', title: '正式审查', detail: null, time: null, overdueDays: 0, dayMark: null },
    ]);
    // The same items as codes + params, for the UI's language (the Chinese title / detail above are the reports' wording).
    expect(s.upcoming.items.map((u) => u.ref)).toEqual([
      { kind: 'material', itemKey: 'A03', title: '法定代表人身份证复印件' },
      { kind: 'process', rule: 'correction', subject: '企业信用信息公示报告', subjectKey: null }, // the open 需补正 items' titles, joined with '、'
      { kind: 'inspection', address: '太原市小店区长治路1号', attendees: [] },
      { kind: 'material', itemKey: 'B03', title: '办公设备清单' },
      { kind: 'process', rule: 'formal_review', subject: null, subjectKey: null },
    ]);
    expect(s.milestones.map((m) => `${m.on} ${m.text}`)).toEqual([
      '2026-09-28 阶段：材料准备 → 正式提交',
      '2026-09-28 正式申请已受理（受理日期 2026-09-28），进入审查',
    ]);
    expect(s.materialLines).toEqual([
      { itemKey: 'D02', title: '企业信用信息公示报告', from: 'missing', to: 'correction', lastChangeOn: '2026-09-29', note: '信用报告需加盖公章' },
    ]);
    expect(s.risks).toEqual([
      '09-24 法定代表人身份证复印件（材料截止）已逾期5天',
      '补正期限：企业信用信息公示报告，期满日10-02适逢国庆节，请于09-30（此前最后一个工作日）前完成',
      '资质条件“场地”未满足：场地面积30㎡，低于最低要求50㎡',
      '待客户提供：技术负责人、客服专员、信息安全专员的姓名、电话及山西社保证明（尚未指定）',
    ].map((r) => (r.startsWith('资质') ? expect.stringMatching(/^资质条件“.+”未满足：场地面积30㎡，低于最低要求50㎡$/) : r)));

    const text = weeklyClientText(s);
    for (const line of [
      '· 企业信用信息公示报告：待收集 → 需补正（最后变更 09-29；补正要求：信用报告需加盖公章）',
      '· 09-24 法定代表人身份证复印件（材料截止；节假日：中秋节，期满日09-25，按此前最后一个工作日计）【已逾期5天】',
      '· 09-30 补正期限：企业信用信息公示报告（办理期限；节假日：国庆节，期满日10-02，按此前最后一个工作日计）',
      '· 09-30 14:30 现场核查（地址：太原市小店区长治路1号；参加人员未指定：技术负责人、客服专员、信息安全专员（请提供姓名、电话）；请携带：公章、营业执照正本、已提交材料的原件）',
      '· 10-10 办公设备清单（材料截止；调休上班（国庆节））',
      '· 10-16 正式审查（办理期限）',
      '· 企业信用信息公示报告（需补正：信用报告需加盖公章）',
    ]) expect(text.split('\n')).toContain(line);
    expect(text).not.toMatch(/审核|近两周无截止事项|系统建议/);
    // Fixed order: material lines, deadlines, what we need, risks, next steps.
    const pos = ['本周材料变化', '截止事项', '需要贵司配合', '风险提示', '下一步'].map((h) => text.indexOf(h));
    expect(pos.every((p, i) => p > 0 && (i === 0 || p > pos[i - 1]))).toBe(true);
    // The suggestion names the appointment as an appointment, not as a "before" deadline.
    expect(s.nextSteps.text).toContain('09-30 14:30 现场核查');
    expect(s.nextSteps.text).not.toMatch(/前：现场核查/);
  });

  it('the week after: what was due before is listed as overdue with the right number of days', async () => {
    const ctx = testContext();
    const { ty } = await autumn(ctx);
    at(ctx, '2026-10-06');
    const s = await ok(ctx, 'weekly.client', { clientId: ty, week: '2026-W41' });
    expect(s.upcoming.asOf).toBe('2026-10-06');
    const overdue = s.upcoming.items.filter((u) => u.overdueDays > 0).map((u) => [u.date, u.title, u.overdueDays]);
    expect(overdue).toEqual([['2026-09-24', '法定代表人身份证复印件', 12], ['2026-09-30', '补正期限', 6]]);
    // Overdue first, then by date; the inspection of 09-30 is not in week 41's window and is no deadline.
    expect(s.upcoming.items.map((u) => u.date)).toEqual(['2026-09-24', '2026-09-30', '2026-10-10', '2026-10-16']);
    const r = await ok(ctx, 'weekly.rollup', { week: '2026-W41', sort: 'overdue' });
    expect(r.rows[0]).toMatchObject({ clientId: ty, overdueCount: 2, correctionCount: 1, nextDeadline: { date: '2026-09-24', overdueDays: 12 } });
    // Week 40 made again later is judged at its Sunday (10-04), so it does not change with the day it is made.
    const w40 = await ok(ctx, 'weekly.client', { clientId: ty, week: '2026-W40' });
    at(ctx, '2026-11-20');
    expect({ ...(await ok(ctx, 'weekly.client', { clientId: ty, week: '2026-W40' })), generatedOn: '' }).toEqual({ ...w40, generatedOn: '' });
    expect(w40.upcoming.items.find((u) => u.title === '补正期限')).toMatchObject({ date: '2026-09-30', overdueDays: 4 });
  });

  it('a licence issued mid-week: in that week\'s roll-up with the milestone, not in the next week\'s', async () => {
    const ctx = testContext();
    const { ty, dt } = await autumn(ctx);
    at(ctx, '2026-09-28');
    const w39 = await ok(ctx, 'weekly.rollup', { week: '2026-W39', sort: 'name' });
    expect(w39.rows.map((r) => r.clientId).sort()).toEqual([ty, dt].sort());
    expect(w39.rows.find((r) => r.clientId === dt)).toMatchObject({
      stage: 'aftercare', milestone: '发证 09-22 晋B2-20260123，有效期至2031-09-21',
      milestoneRef: { kind: 'licence', on: '2026-09-22', number: '晋B2-20260123', expiresOn: '2031-09-21' },
    });
    const s = await ok(ctx, 'weekly.client', { clientId: dt, week: '2026-W39' });
    expect(s.licence).toEqual({ number: '晋B2-20260123', issuedOn: '2026-09-22', expiresOn: '2031-09-21', firstAnnualReport: { year: 2027, opens: '2027-01-01', due: '2027-03-31' } });
    expect(s.milestones.map((m) => `${m.on} ${m.text}`)).toEqual([
      '2026-09-22 阶段：发证 → 后续管理',
      '2026-09-22 发证：许可证编号 晋B2-20260123，有效期至 2031-09-21；首次年报 2027-01-01 ~ 2027-03-31（2026年度）',
    ]);
    expect(weeklyClientText(s)).toContain('· 09-22 发证：许可证编号 晋B2-20260123，有效期至 2031-09-21；首次年报 2027-01-01 ~ 2027-03-31（2026年度）');
    const w40 = await ok(ctx, 'weekly.rollup', { week: '2026-W40' });
    expect(w40.rows.map((r) => r.clientId)).toEqual([ty]);

    // The roll-up's Excel carries it too, with the milestone.
    const x = await ok(ctx, 'weekly.exportXlsx', { week: '2026-W39', sort: 'name' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.dataBase64, 'base64') as unknown as ExcelJS.Buffer);
    const roll = wb.getWorksheet('周报汇总')!;
    const row = [4, 5].map((i) => roll.getRow(i)).find((r) => r.getCell(2).text === DATONG.name)!;
    expect(row.getCell(6).text).toBe('发证 09-22 晋B2-20260123，有效期至2031-09-21');
  });

  it('the per-client Excel holds exactly that client\'s sheet, with real date cells', async () => {
    const ctx = testContext();
    const { ty } = await autumn(ctx);
    at(ctx, '2026-09-29');
    const x = await ok(ctx, 'weekly.exportClientXlsx', { clientId: ty, week: '2026-W40' });
    expect(x.fileName).toBe(`周报_${TAIYUAN.name}_2026-W40.xlsx`);
    expect(x.sheets).toEqual([TAIYUAN.name]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.dataBase64, 'base64') as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([TAIYUAN.name]);
    const ws = wb.worksheets[0];
    expect(JSON.stringify(ws.getSheetValues())).not.toContain(DATONG.name);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' });
    const dates: string[] = [];
    ws.eachRow((r) => r.eachCell((c) => {
      if (c.value instanceof Date) {
        expect(c.numFmt).toBe('yyyy-mm-dd');
        dates.push(c.value.toISOString().slice(0, 10));
      }
    }));
    expect(dates).toEqual(expect.arrayContaining(['2026-09-28', '2026-09-29', '2026-09-24', '2026-09-30', '2026-10-10', '2026-10-16']));
    expect((await dispatch(ctx, 'weekly.exportClientXlsx', { clientId: 999, week: '2026-W40' }))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
