import { describe, expect, it } from 'vitest';
import { DEFAULT_MATERIAL_TEMPLATE } from '../../shared/domain/materials';
import { isoWeekFromId } from '../../shared/domain/weeks';
import { buildClientWeekSummary, suggestNextSteps, type RawClientWeek } from '../../shared/reports/weekly-build';
import { compareRollupAttention, headlineOf, oneLine, rollupRowOf, sortRollupRows, filterRollupRows } from '../../shared/reports/weekly-rollup';
import { RollupQuery } from '../../shared/contracts/weekly';
import { weeklyClientText } from '../../shared/reports/weekly-text';
import type { RollupRow } from '../../shared/reports/weekly-model';

/**
 * The 17-item checklist at a week's end: A01 submitted, A02/B01 received, D02 需补正 (with the authority's note), C02…D06
 * received, the rest 待收集; B03 renamed with a '、' in its title; A03 due 11-20 (overdue), B02 due 12-03.
 */
function checklist(): RawClientWeek['materials'] {
  const status: Record<string, RawClientWeek['materials'][number]['status']> = {
    A01: 'submitted', A02: 'received', B01: 'received', D02: 'correction', C02: 'received', C03: 'received', C04: 'received',
    D01: 'received', D03: 'received', D04: 'received', D05: 'received', D06: 'received',
  };
  const due: Record<string, string> = { A03: '2026-11-20', B02: '2026-12-03' };
  return DEFAULT_MATERIAL_TEMPLATE.map((m, i) => ({
    itemKey: m.key, title: m.key === 'B03' ? '办公设备清单、设备照片' : m.title, sort: (i + 1) * 10, status: status[m.key] ?? 'missing', dueDate: due[m.key] ?? null,
    note: m.key === 'D02' ? '信用报告需加盖公章\n补充近三年记录' : m.key === 'A02' ? '已收到扫描件' : null,
  }));
}

type Item = RawClientWeek['upcoming'][number];
const item = (x: Partial<Item> & Pick<Item, 'date' | 'title'>): Item => ({ clientId: 7, source: 'material', sourceLabel: '材料截止', detail: null, time: null, overdueDays: 0, dayMark: null, ref: null, ...x });

const RAW: RawClientWeek = {
  week: isoWeekFromId('2026-W48'),
  generatedOn: '2026-11-27',
  asOf: '2026-11-27',
  client: { id: 7, name: '晋中重工源装备科技有限公司', uscc: '91140702MA6A20M59M', city: '晋中市', consultant: '路顾问' },
  stage: 'pre_application',
  events: [
    { on: '2026-11-24', kind: 'material.status', subject: 'A01', subjectTitle: '增值电信业务经营许可证申请表', oldValue: 'missing', newValue: 'received' },
    { on: '2026-11-24', kind: 'material.status', subject: 'A02', subjectTitle: '营业执照副本复印件', oldValue: 'missing', newValue: 'received' },
    { on: '2026-11-24', kind: 'material.status', subject: 'A01', subjectTitle: '增值电信业务经营许可证申请表', oldValue: 'received', newValue: 'checked' },
    { on: '2026-11-25', kind: 'material.status', subject: 'A01', subjectTitle: '增值电信业务经营许可证申请表', oldValue: 'checked', newValue: 'submitted' },
    { on: '2026-11-23', kind: 'stage', subject: null, subjectTitle: null, oldValue: 'materials', newValue: 'pre_application' },
    { on: '2026-11-26', kind: 'material.status', subject: 'D02', subjectTitle: '企业信用信息公示报告', oldValue: 'submitted', newValue: 'correction' },
    { on: '2026-11-26', kind: 'material.status', subject: 'B01', subjectTitle: '办公场地租赁合同', oldValue: 'missing', newValue: 'received' },
    { on: '2026-11-26', kind: 'material.status', subject: 'C01', subjectTitle: '专职团队名单', oldValue: 'received', newValue: 'missing' },
  ],
  notes: [
    { id: 12, date: '2026-11-26', body: '材料已初审通过，\n需补充场地消防证明' },
    { id: 11, date: '2026-11-24', body: '已提交线上预申请' },
  ],
  materials: checklist(),
  upcoming: [
    item({ date: '2026-12-10', source: 'process', sourceLabel: '办理期限', title: '正式审查' }),
    item({ date: '2026-12-01', source: 'inspection', sourceLabel: '现场核查', title: '现场核查', time: '14:30', detail: '太原市小店区长治路1号' }),
    item({ date: '2026-11-20', title: '法定代表人身份证复印件', overdueDays: 7 }),
    item({ date: '2026-11-27', source: 'process', sourceLabel: '办理期限', title: '补正期限', detail: '企业信用信息公示报告', dayMark: { kind: 'holiday', name: '', dueOn: '2026-11-29' } }),
    item({ date: '2026-12-20', title: '窗口之外' }),
  ],
  nextSteps: { body: '下周一前提供场地消防备案证明；补正信用报告', updatedAt: '2026-11-27T03:00:00.000Z' },
};

/** The chat text of the fixture, written by hand: fixed order (items A–D, deadlines, what we need, risks, next steps). */
const EXPECTED_TEXT = [
  '【ICP许可证办理进度周报】',
  '客户：晋中重工源装备科技有限公司',
  '周次：2026年第48周（11-23 ~ 11-29）',
  '当前阶段：线上预申请',
  '本周里程碑：',
  '· 11-23 阶段：材料准备 → 线上预申请',
  '材料进度：1/17',
  '本周进展：',
  '1. 11-24 已提交线上预申请',
  '2. 11-26 材料已初审通过，需补充场地消防证明',
  '本周材料变化（按清单顺序）：',
  '· 增值电信业务经营许可证申请表：待收集 → 已提交（最后变更 11-25）',
  '· 营业执照副本复印件：待收集 → 已收到（最后变更 11-24）',
  '· 办公场地租赁合同：待收集 → 已收到（最后变更 11-26）',
  '· 专职团队名单：已收到 → 待收集（最后变更 11-26）',
  '· 企业信用信息公示报告：已提交 → 需补正（最后变更 11-26；补正要求：信用报告需加盖公章；补充近三年记录）',
  '截止事项（已逾期、本周及之后两周，11-23 ~ 12-13）：',
  '· 11-20 法定代表人身份证复印件（材料截止）【已逾期7天】',
  '· 11-27 补正期限：企业信用信息公示报告（办理期限；周末，期满日11-29，按此前最后一个工作日计）',
  '· 12-01 14:30 现场核查（太原市小店区长治路1号）',
  '· 12-10 正式审查（办理期限）',
  '需要贵司配合（6项）：',
  '· 法定代表人身份证复印件（待收集，原定11-20前提供，已逾期）',
  '· 场地消防备案证明（待收集，请于12-03前提供）',
  '· 办公设备清单、设备照片（待收集）',
  '· 服务器托管/云服务协议（待收集）',
  '· 专职团队名单（待收集）',
  '· 企业信用信息公示报告（需补正：信用报告需加盖公章；补充近三年记录）',
  '风险提示：',
  '· 11-20 法定代表人身份证复印件（材料截止）已逾期7天',
  '· 补正期限：企业信用信息公示报告，期满日11-29适逢周末，请于11-27（此前最后一个工作日）前完成',
  '下一步：',
  '下周一前提供场地消防备案证明；补正信用报告',
  '负责顾问：路顾问',
  '制表日期：2026-11-27',
].join('\n');

describe('weekly summary model (pure)', () => {
  const s = buildClientWeekSummary(RAW);

  it('assembles the week: moves, changes in date order, progress, missing, window with overdue first, saved next steps', () => {
    expect(s.week.label).toBe('2026年第48周（11-23 ~ 11-29）');
    expect(s.stageMoves).toEqual([{ on: '2026-11-23', from: 'materials', to: 'pre_application' }]);
    expect(s.milestones).toEqual([{ on: '2026-11-23', kind: 'stage', text: '阶段：材料准备 → 线上预申请' }]);
    expect(s.materialChanges).toHaveLength(7); // the full step list stays (timeline)
    expect(s.notes.map((n) => n.id)).toEqual([11, 12]);
    expect(s.progress).toEqual({ done: 1, total: 17 });
    expect(s.missing.map((m) => m.itemKey)).toEqual(['A03', 'B02', 'B03', 'B04', 'C01', 'D02']);
    expect(s.missing.find((m) => m.itemKey === 'D02')).toMatchObject({ status: 'correction', note: '信用报告需加盖公章\n补充近三年记录' });
    expect(s.upcoming).toMatchObject({ from: '2026-11-23', to: '2026-12-13', asOf: '2026-11-27' });
    expect(s.upcoming.items.map((u) => u.date)).toEqual(['2026-11-20', '2026-11-27', '2026-12-01', '2026-12-10']);
    expect(s.nextSteps).toEqual({ text: '下周一前提供场地消防备案证明；补正信用报告', saved: true, updatedAt: '2026-11-27T03:00:00.000Z' });
  });

  it('one line per item: 待收集→已收到→已核对→已提交 in one week is exactly "待收集 → 已提交"; 需补正 lines carry the note', () => {
    const a01 = s.materialLines.filter((l) => l.itemKey === 'A01');
    expect(a01).toEqual([{ itemKey: 'A01', title: '增值电信业务经营许可证申请表', from: 'missing', to: 'submitted', lastChangeOn: '2026-11-25', note: null }]);
    expect(s.materialLines.map((l) => l.itemKey)).toEqual(['A01', 'A02', 'B01', 'C01', 'D02']); // checklist order, not event order
    expect(s.materialLines.find((l) => l.itemKey === 'D02')!.note).toBe('信用报告需加盖公章\n补充近三年记录');
    expect(s.materialLines.find((l) => l.itemKey === 'A02')!.note).toBeNull(); // a note only explains a 需补正
  });

  it('the chat text equals the expected string for the fixture', () => {
    expect(weeklyClientText(s)).toBe(EXPECTED_TEXT);
    expect(weeklyClientText(s)).not.toMatch(/[<>*#`]|\*\*|审核/); // no markup, the authority's words
  });

  it('milestones: licence issued in the week (number, validity, first annual report) and the acceptance date', () => {
    const licence = { number: '晋B2-20260123', issuedOn: '2026-11-25', expiresOn: '2031-11-24', firstAnnualReport: { year: 2027, opens: '2027-01-01', due: '2027-03-31' } };
    const done = buildClientWeekSummary({ ...RAW, facts: { licence, acceptedOn: '2026-11-24' } });
    expect(done.licence).toEqual(licence);
    expect(done.milestones.map((m) => `${m.on} ${m.text}`)).toEqual([
      '2026-11-23 阶段：材料准备 → 线上预申请',
      '2026-11-24 正式申请已受理（受理日期 2026-11-24），进入审查',
      '2026-11-25 发证：许可证编号 晋B2-20260123，有效期至 2031-11-24；首次年报 2027-01-01 ~ 2027-03-31（2026年度）',
    ]);
    expect(rollupRowOf(done).milestone).toBe('发证 11-25 晋B2-20260123，有效期至2031-11-24');
    expect(rollupRowOf(done).milestoneRef).toEqual({ kind: 'licence', on: '2026-11-25', number: '晋B2-20260123', expiresOn: '2031-11-24' });
    const accepted = rollupRowOf(buildClientWeekSummary({ ...RAW, facts: { acceptedOn: '2026-11-24' } }));
    expect([accepted.milestone, accepted.milestoneRef]).toEqual(['受理 11-24', { kind: 'accepted', on: '2026-11-24' }]);
    // A licence issued in another week is no milestone of this one.
    expect(buildClientWeekSummary({ ...RAW, facts: { licence: { ...licence, issuedOn: '2026-11-30' } } }).licence).toBeNull();
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
      '截止事项：无逾期及近期截止事项',
      '需要贵司配合：目前无需贵司提供材料',
      '下一步：',
      '1. 按计划推进“正式提交”阶段工作',
      '制表日期：2026-11-27',
    ].join('\n'));
  });

  it('suggests next steps from corrections, missing items (one per title, even with 、 inside) and deadlines; an appointment is "MM-DD HH:MM 现场核查"', () => {
    expect(suggestNextSteps({ ...s })).toBe([
      '1. 按补正要求重新提供：企业信用信息公示报告',
      '2. 继续收集材料：法定代表人身份证复印件；场地消防备案证明；办公设备清单、设备照片；服务器托管/云服务协议；专职团队名单',
      '3. 尽快办理：法定代表人身份证复印件（材料截止）【已逾期7天】',
      '4. 11-27 前：补正期限：企业信用信息公示报告（办理期限；周末，期满日11-29，按此前最后一个工作日计）',
      '5. 12-01 14:30 现场核查（太原市小店区长治路1号）',
    ].join('\n'));
    expect(suggestNextSteps({ ...s })).not.toMatch(/前：现场核查|14:30 前/);
    expect(buildClientWeekSummary({ ...RAW, nextSteps: { body: '   ', updatedAt: 'x' } }).nextSteps.saved).toBe(false);
  });

  it('headline: the most recent note, else the changes, else 本周无记录', () => {
    expect(headlineOf(s)).toEqual({ text: '材料已初审通过，需补充场地消防证明', source: 'note', changes: null });
    // The changes as codes + params (for the UI's language) and their Chinese text (the reports' wording).
    expect(headlineOf({ ...s, notes: [] })).toEqual({
      text: '阶段：材料准备 → 线上预申请；材料：已收到2项、已提交1项、需补正1项、退回待收集1项', source: 'changes',
      changes: {
        stages: ['materials', 'pre_application'], filesArrived: 0,
        materials: [{ status: 'received', count: 2 }, { status: 'submitted', count: 1 }, { status: 'correction', count: 1 }, { status: 'missing', count: 1 }],
      },
    });
    expect(headlineOf({ notes: [], stageMoves: [], materialLines: [] })).toEqual({ text: '本周无记录', source: 'none', changes: null });
    // Files arriving without a status change: only the count.
    const files = headlineOf({ notes: [], stageMoves: [], materialLines: [{ itemKey: 'B01', title: 'x', from: 'received', to: 'received', lastChangeOn: '2026-11-26', note: null, files: 3, filesArrived: 2, onlyFiles: true }] });
    expect(files).toEqual({ text: '材料：收到附件2个', source: 'changes', changes: { stages: [], materials: [], filesArrived: 2 } });
    expect(oneLine('甲'.repeat(70), 60)).toBe(`${'甲'.repeat(59)}…`);
    // Cut on whole characters: a surrogate pair, an emoji with a skin tone, a letter with a combining mark count one.
    expect(oneLine('𠀋'.repeat(10), 5)).toBe(`${'𠀋'.repeat(4)}…`);
    expect(oneLine(`${'a'.repeat(3)}👍🏽👍🏽`, 5)).toBe('aaa👍🏽👍🏽');
    expect(oneLine(`${'a'.repeat(3)}👍🏽👍🏽b`, 5)).toBe('aaa👍🏽…');
    expect(oneLine('e\u0301'.repeat(6), 4)).toBe(`${'e\u0301'.repeat(3)}…`);
    expect(rollupRowOf(s)).toMatchObject({
      clientId: 7, noNote: false, noteCount: 2, changeCount: 6, stageMoved: true, correctionCount: 1, overdueCount: 1,
      nextDeadline: { date: '2026-11-20', overdueDays: 7 }, milestone: '材料准备 → 线上预申请（11-23）',
      milestoneRef: { kind: 'stage', on: '2026-11-23', from: 'materials', to: 'pre_application' }, headlineChanges: null,
    });
    // Without an overdue item, the next deadline is the earliest on or after the as-of day (a past appointment is not one).
    const later = buildClientWeekSummary({ ...RAW, upcoming: [item({ date: '2026-11-24', source: 'inspection', sourceLabel: '现场核查', title: '现场核查', time: '09:00' }), RAW.upcoming[0]] });
    expect(rollupRowOf(later).nextDeadline).toMatchObject({ date: '2026-12-10', title: '正式审查' });
  });

  it('roll-up sort and filter', () => {
    const row = (id: number, name: string, city: string, consultant: string | null, stage: RollupRow['stage'], done: number, deadline: string | null, noNote: boolean, corrections: number, overdue: number): RollupRow => ({
      clientId: id, name, city, consultant, stage, stageMoved: false, progress: { done, total: 17 }, headline: '', headlineSource: 'none', noteCount: noNote ? 0 : 1, changeCount: 0, noNote,
      nextDeadline: deadline ? item({ clientId: id, date: deadline, title: 't' }) : null, correctionCount: corrections, overdueCount: overdue, milestone: null, headlineChanges: null, milestoneRef: null,
    });
    const rows = [
      row(1, '太原甲公司', '太原市', '白顾问', 'materials', 3, '2026-12-05', false, 2, 0),
      row(2, '大同乙公司', '大同市', null, 'site_inspection', 12, null, true, 0, 1),
      row(3, '晋中丙公司', '晋中市', '路顾问', 'pre_application', 8, '2026-12-01', true, 1, 3),
    ];
    const ids = (xs: RollupRow[]) => xs.map((r) => r.clientId);
    expect(ids(sortRollupRows(rows, 'name'))).toEqual([2, 3, 1]);
    expect(ids(sortRollupRows(rows, 'city'))).toEqual([1, 2, 3]); // division code: 太原 1401, 大同 1402, 晋中 1407
    expect(ids(sortRollupRows(rows, 'city', 'desc'))).toEqual([3, 2, 1]);
    expect(ids(sortRollupRows(rows, 'stage'))).toEqual([1, 3, 2]);
    expect(ids(sortRollupRows(rows, 'progress', 'desc'))).toEqual([2, 3, 1]);
    expect(ids(sortRollupRows(rows, 'consultant'))).toEqual([1, 3, 2]); // 白 < 路, none last
    expect(ids(sortRollupRows(rows, 'consultant', 'desc'))).toEqual([3, 1, 2]);
    expect(ids(sortRollupRows(rows, 'nextDeadline'))).toEqual([3, 1, 2]);
    expect(ids(sortRollupRows(rows, 'noNote'))).toEqual([2, 3, 1]);
    expect(ids(sortRollupRows(rows, 'corrections'))).toEqual([1, 3, 2]); // most 需补正 first
    expect(ids(sortRollupRows(rows, 'corrections', 'desc'))).toEqual([2, 3, 1]);
    expect(ids(sortRollupRows(rows, 'overdue'))).toEqual([3, 2, 1]); // most overdue first
    expect(ids(sortRollupRows(rows, 'attention'))).toEqual([3, 2, 1]); // overdue 3, 1, 0
    expect(ids(filterRollupRows(rows, { city: null, stage: null, consultant: '路顾问' }))).toEqual([3]);
    expect(ids(filterRollupRows(rows, { city: '太原市', stage: 'materials', consultant: null }))).toEqual([1]);
  });

  it('the default roll-up order (README): overdue desc, then 需补正 desc, then city in division-code order, then name', () => {
    const row = (id: number, name: string, city: string, corrections: number, overdue: number): RollupRow => ({
      clientId: id, name, city, consultant: null, stage: 'materials', stageMoved: false, progress: { done: 0, total: 17 }, headline: '', headlineSource: 'none',
      noteCount: 0, changeCount: 0, noNote: true, nextDeadline: null, correctionCount: corrections, overdueCount: overdue, milestone: null, headlineChanges: null, milestoneRef: null,
    });
    const rows = [
      row(1, '吕梁甲公司', '吕梁市', 0, 0),
      row(2, '大同乙公司', '大同市', 0, 0),
      row(3, '太原丙公司', '太原市', 2, 0),
      row(4, '运城丁公司', '运城市', 0, 1),
      row(5, '长治戊公司', '长治市', 5, 0),
      row(6, '太原安公司', '太原市', 2, 0),
      row(7, '临汾己公司', '临汾市', 1, 1),
    ];
    // 7 (1 overdue, 1 需补正) before 4 (1 overdue, 0); then 需补正 5 > 2 = 2 (太原: 安 an < 丙 bing); then 大同 1402 < 吕梁 1411.
    expect(sortRollupRows(rows, 'attention').map((r) => r.clientId)).toEqual([7, 4, 5, 6, 3, 2, 1]);
    expect(compareRollupAttention(rows[6]!, rows[3]!)).toBeLessThan(0);
    // The service's default sort is this order (screen, preview / PDF and Excel all read it).
    expect(RollupQuery.parse({ week: '2026-W48' }).sort).toBe('attention');
  });
});
