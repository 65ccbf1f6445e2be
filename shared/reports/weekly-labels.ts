/**
 * The Chinese wording of the weekly summary's exports (PDF print views, Excel, chat text). Exports are always in
 * Chinese whatever the UI language (they go to Chinese clients and the agency manager), so their words live here, in
 * one place shared by all three renderers, rather than in the UI's i18n resources.
 */
import { MATERIAL_STATUS_ZH, type MaterialStatus } from '../domain/materials';
import { stageOf, type StageKey } from '../domain/stages';

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
  upcoming: '近两周截止事项',
  noUpcoming: '近两周无截止事项',
  nextSteps: '下一步计划',
  suggested: '系统建议，未经顾问修改',
  date: '日期',
  content: '内容',
  material: '材料',
  change: '变化',
  status: '状态',
  dueDate: '截止日期',
  item: '事项',
  kind: '类别',
  overdue: '已逾期',
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
