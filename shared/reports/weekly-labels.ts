/**
 * The Chinese wording of the weekly summary's exports (PDF print views, Excel, chat text). Exports are always in
 * Chinese whatever the UI language (they go to Chinese clients and the agency manager), so their words live here, in
 * one place shared by all three renderers, rather than in the UI's i18n resources.
 */
import { MATERIAL_STATUS_ZH, type MaterialStatus } from '../domain/materials';
import { stageOf, type StageKey } from '../domain/stages';
import type { HeadlineChanges, MilestoneRef, UpcomingItem } from './weekly-model';

/** Fixed words of the weekly exports. */
export const WEEKLY_ZH = {
  clientTitle: 'ICP许可证办理进度周报',
  rollupTitle: 'ICP许可证在办客户周报汇总',
  appName: '许可通',
  client: '客户',
  uscc: '统一社会信用代码',
  city: '城市',
  consultant: '负责顾问',
  week: '周次',
  generatedOn: '制表日期',
  stage: '当前阶段',
  stageMoves: '本周阶段变化',
  progress: '材料进度',
  progressHint: '已核对及以上 / 全部',
  notes: '本周进度记录',
  noNotes: '本周无进度记录',
  changes: '本周材料状态变化',
  noChanges: '本周无材料状态变化',
  missing: '尚缺材料',
  noMissing: '材料已齐全',
  upcoming: '截止事项',
  upcomingHint: '已逾期、本周及之后两周',
  noUpcoming: '无逾期及近期截止事项',
  nextSteps: '下一步计划',
  milestones: '本周里程碑',
  licence: '许可证',
  licenceNo: '许可证编号',
  validTo: '有效期至',
  firstAnnual: '首次年报',
  needs: '需要贵司配合',
  noNeeds: '目前无需贵司提供材料',
  risks: '风险提示',
  lastChange: '最后变更',
  reason: '补正要求',
  holiday: '节假日',
  adjusted: '调休上班',
  date: '日期',
  content: '内容',
  material: '材料',
  change: '变化',
  status: '状态',
  dueDate: '截止日期',
  item: '事项',
  kind: '类别',
  overdue: '已逾期',
  overdueCount: '逾期',
  correctionCount: '需补正',
  milestone: '里程碑',
  seq: '序号',
  name: '客户名称',
  headline: '本周要点',
  nextDeadline: '下一截止',
  noteFlag: '本周记录',
  noNoteFlag: '无记录',
  filters: '筛选',
  all: '全部',
  none: '无',
  headlineNone: '本周无记录',
  rollupSheet: '周报汇总',
} as const;

/** Chinese name of a stage, e.g. 'materials' → '材料准备'. */
export function stageZh(key: StageKey): string {
  return stageOf(key).zh;
}

/** Chinese name of a material status, e.g. 'received' → '已收到'. */
export function statusZh(s: MaterialStatus): string {
  return MATERIAL_STATUS_ZH[s];
}

/** A date 'YYYY-MM-DD' as 'MM-DD' (used inside a week whose year is already given). */
export function mmdd(date: string): string {
  return date.slice(5);
}

/**
 * Multi-line text on one line: each line break becomes '；' unless the line already ends with punctuation, then
 * nothing; blank lines drop out. E.g. '已初审通过，\n需补充消防证明\n下周提交' → '已初审通过，需补充消防证明；下周提交'.
 */
export function joinLines(s: string): string {
  const lines = s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.reduce((acc, l) => (acc ? `${acc}${/[，。；：！？、,.;:!?]$/.test(acc) ? '' : '；'}${l}` : l), '');
}

/** Progress as '12/17'. */
export function progressText(p: { done: number; total: number }): string {
  return `${p.done}/${p.total}`;
}

/** Stage moves as '材料准备 → 线上预申请 → 正式提交' (consecutive moves joined), or '' when there are none. */
export function stageMovesText(moves: ReadonlyArray<{ from: StageKey; to: StageKey }>): string {
  if (!moves.length) return '';
  const parts = [stageZh(moves[0].from)];
  for (const m of moves) parts.push(stageZh(m.to));
  return parts.join(' → ');
}

/** The roll-up's filter line, e.g. '城市：太原市；阶段：全部；负责顾问：全部'. */
export function filtersText(f: { city: string | null; stage: StageKey | null; consultant: string | null }): string {
  return [
    `${WEEKLY_ZH.city}：${f.city ?? WEEKLY_ZH.all}`,
    `阶段：${f.stage ? stageZh(f.stage) : WEEKLY_ZH.all}`,
    `${WEEKLY_ZH.consultant}：${f.consultant ?? WEEKLY_ZH.all}`,
  ].join('；');
}

/** 'N天' overdue label, e.g. 3 → '已逾期3天'. */
export function overdueText(days: number): string {
  return `${WEEKLY_ZH.overdue}${days}天`;
}

/** The calendar mark of a deadline's date, e.g. '节假日：国庆节，期满日10-02，按此前最后一个工作日计' / '调休上班（国庆节）' / '周末' / '' (an ordinary working day). */
export function dayMarkText(u: Pick<UpcomingItem, 'dayMark'>): string {
  const m = u.dayMark;
  if (!m) return '';
  if (m.kind === 'adjusted') return `${WEEKLY_ZH.adjusted}${m.name ? `（${m.name}）` : ''}`;
  const what = m.name ? `${WEEKLY_ZH.holiday}：${m.name}` : '周末';
  return m.dueOn ? `${what}，期满日${mmdd(m.dueOn)}，按此前最后一个工作日计` : what;
}

/** What a deadline item is, without date, kind or marks: '14:30 现场核查（<address>）' / '补正期限（<items>）' / '续期提醒（机构）：<detail>'. */
export function deadlineWhat(u: Pick<UpcomingItem, 'time' | 'title' | 'detail'>): string {
  if (u.time) return `${u.time} ${u.title}${u.detail ? `（${u.detail}）` : ''}`;
  return `${u.title}${u.detail ? `：${u.detail}` : ''}`;
}

/**
 * One deadline or appointment as one line of text (chat text, Excel, next steps), without the leading date when
 * `withDate` is false. Appointments read '10-09 14:30 现场核查'; deadlines '10-16 正式审查（办理期限）'; an overdue
 * one ends '【已逾期3天】'; a date on a holiday or 调休 day carries its mark.
 * @example deadlineLine({ date: '2026-09-30', title: '补正期限', sourceLabel: '办理期限', dayMark: { kind: 'holiday', name: '国庆节', dueOn: '2026-10-02' }, … }) → '09-30 补正期限（办理期限；节假日：国庆节，期满日10-02，按此前最后一个工作日计）'
 */
export function deadlineLine(u: UpcomingItem, withDate = true): string {
  const head = withDate ? `${mmdd(u.date)} ` : '';
  const mark = dayMarkText(u);
  if (u.source === 'inspection') return `${head}${deadlineWhat(u)}${mark ? `（${mark}）` : ''}`;
  const extras = [u.sourceLabel, mark].filter(Boolean).join('；');
  return `${head}${deadlineWhat(u)}${extras ? `（${extras}）` : ''}${u.overdueDays > 0 ? `【${overdueText(u.overdueDays)}】` : ''}`;
}

/** A milestone line, e.g. '09-22 发证：晋B2-20260123，有效期至2031-09-21'. */
export function milestoneLine(m: { on: string; text: string }): string {
  return `${mmdd(m.on)} ${m.text}`;
}

/** The files part of a material line: '附件 2 个', '附件 3 个（本周收到 2 个）' — counts only, never the files; '' when none. */
function filesText(l: { files?: number; filesArrived?: number }): string {
  if (!l.files) return '';
  return `附件 ${l.files} 个${l.filesArrived ? `（本周收到 ${l.filesArrived} 个）` : ''}`;
}

/**
 * The change of one item: '待收集 → 已收到', with '（附件 2 个（本周收到 2 个））' when files are attached (counts only, never
 * the files); a line that only reports files arriving: '已收到，本周收到附件 2 个（共 3 个）'.
 */
export function materialChangeText(l: { from: MaterialStatus; to: MaterialStatus; files?: number; filesArrived?: number; onlyFiles?: true }): string {
  if (l.onlyFiles) return `${statusZh(l.to)}，本周收到附件 ${l.filesArrived ?? 0} 个（共 ${l.files ?? 0} 个）`;
  const files = filesText(l);
  return `${statusZh(l.from)} → ${statusZh(l.to)}${files ? `（${files}）` : ''}`;
}

/**
 * A material line 'title：待收集 → 已提交（最后变更 09-24）', '…，附件 2 个（本周收到 2 个）' when files are attached,
 * '；补正要求：…' when it carries a note; a line that only reports files: 'title：已收到，本周收到附件 2 个（共 3 个，最后 11-27）'.
 */
export function materialLineText(l: { title: string; from: MaterialStatus; to: MaterialStatus; lastChangeOn: string; note: string | null; files?: number; filesArrived?: number; onlyFiles?: true }): string {
  if (l.onlyFiles) return `${l.title}：${statusZh(l.to)}，本周收到附件 ${l.filesArrived ?? 0} 个（共 ${l.files ?? 0} 个，最后 ${mmdd(l.lastChangeOn)}）`;
  const reason = l.to === 'correction' && l.note ? `；${WEEKLY_ZH.reason}：${joinLines(l.note)}` : '';
  const files = filesText(l);
  return `${l.title}：${statusZh(l.from)} → ${statusZh(l.to)}（${WEEKLY_ZH.lastChange} ${mmdd(l.lastChangeOn)}${files ? `，${files}` : ''}${reason}）`;
}

/**
 * One "what we need from you" line: '营业执照副本复印件（待收集，请于10-09前提供）', '…（待收集，原定09-25前提供，已逾期）'
 * when the due date is before `asOf`, '…（需补正：<note>）'.
 */
export function needLine(m: { title: string; status: MaterialStatus; dueDate: string | null; note: string | null }, asOf: string): string {
  const due = m.dueDate ? (m.dueDate < asOf ? `原定${mmdd(m.dueDate)}前提供，${WEEKLY_ZH.overdue}` : `请于${mmdd(m.dueDate)}前提供`) : '';
  if (m.status === 'correction') return `${m.title}（需补正${m.note ? `：${joinLines(m.note)}` : ''}${due ? `；${due}` : ''}）`;
  return `${m.title}（${statusZh(m.status)}${due ? `，${due}` : ''}）`;
}

/**
 * A roll-up headline made of changes, in Chinese (the reports' wording):
 * @example { stages: ['materials', 'pre_application'], materials: [{ status: 'received', count: 2 }, { status: 'missing', count: 1 }], filesArrived: 0 }
 *   → '阶段：材料准备 → 线上预申请；材料：已收到2项、退回待收集1项'; { stages: [], materials: [], filesArrived: 3 } → '材料：收到附件3个'
 */
export function headlineChangesZh(c: HeadlineChanges): string {
  const parts: string[] = [];
  if (c.stages.length) parts.push(`阶段：${c.stages.map(stageZh).join(' → ')}`);
  if (c.materials.length) parts.push(`材料：${c.materials.map((m) => `${m.status === 'missing' ? '退回待收集' : statusZh(m.status)}${m.count}项`).join('、')}`);
  else if (c.filesArrived) parts.push(`材料：收到附件${c.filesArrived}个`);
  return parts.join('；');
}

/**
 * The roll-up's milestone in Chinese (the reports' wording).
 * @example { kind: 'licence', on: '2026-11-25', number: '晋B2-20260123', expiresOn: '2031-11-24' } → '发证 11-25 晋B2-20260123，有效期至2031-11-24';
 *   { kind: 'accepted', on: '2026-09-29' } → '受理 09-29'; { kind: 'stage', on: '2026-11-25', from: 'materials', to: 'pre_application' } → '材料准备 → 线上预申请（11-25）'
 */
export function milestoneZh(m: MilestoneRef): string {
  if (m.kind === 'licence') return `发证 ${mmdd(m.on)} ${m.number}，有效期至${m.expiresOn}`;
  if (m.kind === 'accepted') return `受理 ${mmdd(m.on)}`;
  return `${stageZh(m.from)} → ${stageZh(m.to)}（${mmdd(m.on)}）`;
}
