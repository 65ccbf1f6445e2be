import { describe, expect, it } from 'vitest';
import { DEFAULT_MATERIAL_TEMPLATE } from '../../shared/domain/materials';
import { isoWeekFromId } from '../../shared/domain/weeks';
import { buildClientWeekSummary, suggestNextSteps, type RawClientWeek } from '../../shared/reports/weekly-build';
import { headlineOf, oneLine, rollupRowOf, sortRollupRows, filterRollupRows } from '../../shared/reports/weekly-rollup';
import { weeklyClientText } from '../../shared/reports/weekly-text';
import type { RollupRow } from '../../shared/reports/weekly-model';

/** The 17-item checklist at a week's end: A01 checked, A02/B01 received, D02 需补正, the rest 待收集. */
function checklist(): RawClientWeek['materials'] {
  const status: Record<string, RawClientWeek['materials'][number]['status']> = { A01: 'checked', A02: 'received', B01: 'received', D02: 'correction' };
  return DEFAULT_MATERIAL_TEMPLATE.map((m, i) => ({ itemKey: m.key, title: m.title, sort: (i + 1) * 10, status: status[m.key] ?? 'missing', dueDate: m.key === 'B02' ? '2026-12-03' : null }));
}

const RAW: RawClientWeek = {
  week: isoWeekFromId('2026-W48'),
  generatedOn: '2026-11-27',
  client: { id: 7, name: '晋中重工源装备科技有限公司', uscc: '91140702MA6A20M59M', city: '晋中市', consultant: '路顾问' },
  stage: 'pre_application',
  events: [
    { on: '2026-11-24', kind: 'material.status', subject: 'A01', subjectTitle: '增值电信业务经营许可证申请表', oldValue: 'missing', newValue: 'received' },
    { on: '2026-11-24', kind: 'material.status', subject: 'A02', subjectTitle: '营业执照副本复印件', oldValue: 'missing', newValue: 'received' },
    { on: '2026-11-25', kind: 'material.status', subject: 'A01', subjectTitle: '增值电信业务经营许可证申请表', oldValue: 'received', newValue: 'checked' },
    { on: '2026-11-23', kind: 'stage', subject: null, subjectTitle: null, oldValue: 'materials', newValue: 'pre_application' },
    { on: '2026-11-26', kind: 'material.status', subject: 'B01', subjectTitle: '办公场地租赁合同', oldValue: 'missing', newValue: 'received' },
    { on: '2026-11-26', kind: 'material.status', subject: 'D02', subjectTitle: '企业信用信息公示报告', oldValue: 'submitted', newValue: 'correction' },
    { on: '2026-11-26', kind: 'material.status', subject: 'C01', subjectTitle: '专职团队名单', oldValue: 'received', newValue: 'missing' },
  ],
  notes: [
    { id: 12, date: '2026-11-26', body: '材料已初审通过，\n需补充场地消防证明' },
    { id: 11, date: '2026-11-24', body: '已提交线上预申请' },
  ],
  materials: checklist(),
  upcoming: [
    { clientId: 7, date: '2026-12-03', source: 'material', sourceLabel: '材料截止', title: '场地消防备案证明', detail: null },
    { clientId: 7, date: '2026-12-20', source: 'material', sourceLabel: '材料截止', title: '窗口之外', detail: null },
  ],
  nextSteps: { body: '下周一前提供场地消防备案证明；补正信用报告', updatedAt: '2026-11-27T03:00:00.000Z' },
};

const EXPECTED_TEXT = [
  '【ICP许可证办理进度周报】',
  '客户：晋中重工源装备科技有限公司',
  '周次：2026年第48周（11-23 ~ 11-29）',
  '当前阶段：线上预申请（本周：材料准备 → 线上预申请）',
  '材料进度：1/17',
  '本周进展：',
  '1. 11-24 已提交线上预申请',
  '2. 11-26 材料已初审通过，需补充场地消防证明',
  '本周材料变化：',
  '· 已收到：增值电信业务经营许可证申请表、营业执照副本复印件、办公场地租赁合同',
  '· 已核对：增值电信业务经营许可证申请表',
  '· 需补正：企业信用信息公示报告',
  '尚缺材料（14项）：法定代表人身份证复印件、场地消防备案证明、办公设备清单、服务器托管/云服务协议、专职团队名单、近1个月社保缴纳证明、信息安全管理制度、业务运营规范 等',
  '近两周截止（11-30 ~ 12-13）：',
  '· 12-03 场地消防备案证明（材料截止）',
  '下一步：',
  '下周一前提供场地消防备案证明；补正信用报告',
  '负责顾问：路顾问',
  '制表日期：2026-11-27',
].join('\n');

describe('weekly summary model (pure)', () => {
  const s = buildClientWeekSummary(RAW);

  it('assembles the week: moves, changes in date order, progress, missing, window, saved next steps', () => {
    expect(s.week.label).toBe('2026年第48周（11-23 ~ 11-29）');
    expect(s.stageMoves).toEqual([{ on: '2026-11-23', from: 'materials', to: 'pre_application' }]);
    expect(s.materialChanges.map((c) => `${c.on} ${c.itemKey} ${c.from}→${c.to}`)).toEqual([
      '2026-11-24 A01 missing→received', '2026-11-24 A02 missing→received', '2026-11-25 A01 received→checked',
      '2026-11-26 B01 missing→received', '2026-11-26 D02 submitted→correction', '2026-11-26 C01 received→missing',
    ]);
    expect(s.notes.map((n) => n.id)).toEqual([11, 12]);
    expect(s.progress).toEqual({ done: 1, total: 17 });
    expect(s.missing).toHaveLength(14);
    expect(s.missing.find((m) => m.itemKey === 'D02')).toMatchObject({ status: 'correction' });
    expect(s.upcoming.from).toBe('2026-11-30');
    expect(s.upcoming.to).toBe('2026-12-13');
    expect(s.upcoming.items.map((u) => u.title)).toEqual(['场地消防备案证明']);
    expect(s.nextSteps).toEqual({ text: '下周一前提供场地消防备案证明；补正信用报告', saved: true, updatedAt: '2026-11-27T03:00:00.000Z' });
  });

  it('the chat text equals the expected string for the fixture', () => {
    expect(weeklyClientText(s)).toBe(EXPECTED_TEXT);
    expect(weeklyClientText(s)).not.toMatch(/[<>*#`]|\*\*/); // no markup
  });

  it('chat text of a quiet week: no notes, no changes, nothing missing, the suggestion as next steps', () => {
    const quiet = buildClientWeekSummary({
      ...RAW, events: [], notes: [], upcoming: [], nextSteps: null, stage: 'formal_submission',
      client: { ...RAW.client, consultant: null },
      materials: checklist().map((m) => ({ ...m, status: 'submitted' as const })),
    });
    expect(weeklyClientText(quiet)).toBe([
      '【ICP许可证办理进度周报】',
      '客户：晋中重工源装备科技有限公司',
      '周次：2026年第48周（11-23 ~ 11-29）',
      '当前阶段：正式提交',
      '材料进度：17/17',
      '本周进展：',
      '本周无进度记录',
      '尚缺材料：无（材料已齐全）',
      '下一步：',
      '1. 按计划推进“正式提交”阶段工作',
      '制表日期：2026-11-27',
    ].join('\n'));
  });

  it('suggests next steps from corrections, missing items and deadlines', () => {
    expect(suggestNextSteps({ ...s })).toBe([
      '1. 按补正要求重新提供：企业信用信息公示报告',
      '2. 继续收集材料：法定代表人身份证复印件、场地消防备案证明、办公设备清单、服务器托管/云服务协议、专职团队名单、近1个月社保缴纳证明、信息安全管理制度、业务运营规范 等13项',
      '3. 12-03 前：场地消防备案证明（材料截止）',
    ].join('\n'));
    expect(buildClientWeekSummary({ ...RAW, nextSteps: { body: '   ', updatedAt: 'x' } }).nextSteps.saved).toBe(false);
  });

  it('headline: the most recent note, else the changes, else 本周无记录', () => {
    expect(headlineOf(s)).toEqual({ text: '材料已初审通过，需补充场地消防证明', source: 'note' });
    expect(headlineOf({ ...s, notes: [] })).toEqual({ text: '阶段：材料准备 → 线上预申请；材料：已收到3项、已核对1项、需补正1项、退回待收集1项', source: 'changes' });
    expect(headlineOf({ notes: [], stageMoves: [], materialChanges: [] })).toEqual({ text: '本周无记录', source: 'none' });
    expect(oneLine('甲'.repeat(70), 60)).toBe(`${'甲'.repeat(59)}…`);
    expect(rollupRowOf(s)).toMatchObject({ clientId: 7, noNote: false, noteCount: 2, changeCount: 7, stageMoved: true, nextDeadline: { date: '2026-12-03' } });
  });

  it('roll-up sort and filter', () => {
    const row = (id: number, name: string, city: string, consultant: string | null, stage: RollupRow['stage'], done: number, deadline: string | null, noNote: boolean): RollupRow => ({
      clientId: id, name, city, consultant, stage, stageMoved: false, progress: { done, total: 17 }, headline: '', headlineSource: 'none', noteCount: noNote ? 0 : 1, changeCount: 0, noNote,
      nextDeadline: deadline ? { clientId: id, date: deadline, source: 'material', sourceLabel: '材料截止', title: 't', detail: null } : null,
    });
    const rows = [
      row(1, '太原甲公司', '太原市', '白顾问', 'materials', 3, '2026-12-05', false),
      row(2, '大同乙公司', '大同市', null, 'site_inspection', 12, null, true),
      row(3, '晋中丙公司', '晋中市', '路顾问', 'pre_application', 8, '2026-12-01', true),
    ];
    const ids = (xs: RollupRow[]) => xs.map((r) => r.clientId);
    expect(ids(sortRollupRows(rows, 'name'))).toEqual([2, 3, 1]);
    expect(ids(sortRollupRows(rows, 'city', 'desc'))).toEqual([1, 3, 2]);
    expect(ids(sortRollupRows(rows, 'stage'))).toEqual([1, 3, 2]);
    expect(ids(sortRollupRows(rows, 'progress', 'desc'))).toEqual([2, 3, 1]);
    expect(ids(sortRollupRows(rows, 'consultant'))).toEqual([1, 3, 2]); // 白 < 路, none last
    expect(ids(sortRollupRows(rows, 'consultant', 'desc'))).toEqual([3, 1, 2]);
    expect(ids(sortRollupRows(rows, 'nextDeadline'))).toEqual([3, 1, 2]);
    expect(ids(sortRollupRows(rows, 'noNote'))).toEqual([2, 3, 1]);
    expect(ids(filterRollupRows(rows, { city: null, stage: null, consultant: '路顾问' }))).toEqual([3]);
    expect(ids(filterRollupRows(rows, { city: '太原市', stage: 'materials', consultant: null }))).toEqual([1]);
  });
});
