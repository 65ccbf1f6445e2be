/**
 * One client's weekly summary as short plain text for chat apps (WeChat): no markup, one fact per line, Chinese,
 * carrying the week and the date made. Pure; the UI shows it and copies it to the clipboard.
 */
import { deadlineLine, joinLines, materialLineText, milestoneLine, mmdd, needLine, progressText, stageZh, WEEKLY_ZH } from './weekly-labels';
import type { ClientWeekSummary } from './weekly-model';

/**
 * The chat text of a summary, in a fixed order (sections without content are left out, except notes and next steps):
 * ```
 * 【ICP许可证办理进度周报】
 * 客户：<name>
 * 周次：2026年第40周（09-28 ~ 10-04）
 * 当前阶段：正式提交
 * 本周里程碑：
 * · 09-29 正式申请已受理（受理日期 2026-09-29），进入审查
 * 材料进度：12/17
 * 本周进展：
 * 1. 09-29 <note>
 * 本周材料变化（按清单顺序）：
 * · <title>：待收集 → 已提交（最后变更 09-24）
 * · <title>：已提交 → 需补正（最后变更 09-29；补正要求：<note>）
 * 截止事项（已逾期、本周及之后两周，09-28 ~ 10-18）：
 * · 09-25 <title>（材料截止）【已逾期4天】
 * · 10-09 14:30 现场核查（<address>）
 * 需要贵司配合：
 * · <title>（需补正：<note>）
 * · <title>（待收集，请于10-09前提供）
 * 风险提示：
 * · <sentence>
 * 下一步：
 * <next steps>
 * 负责顾问：<name>
 * 制表日期：2026-09-29
 * ```
 */
export function weeklyClientText(s: ClientWeekSummary): string {
  const out: string[] = [];
  out.push(`【${WEEKLY_ZH.clientTitle}】`);
  out.push(`${WEEKLY_ZH.client}：${s.client.name}`);
  out.push(`${WEEKLY_ZH.week}：${s.week.label}`);
  out.push(`${WEEKLY_ZH.stage}：${stageZh(s.stage)}`);
  if (s.milestones.length) out.push(`${WEEKLY_ZH.milestones}：`, ...s.milestones.map((m) => `· ${milestoneLine(m)}`));
  out.push(`${WEEKLY_ZH.progress}：${progressText(s.progress)}`);

  out.push('本周进展：');
  if (s.notes.length) s.notes.forEach((n, i) => out.push(`${i + 1}. ${mmdd(n.date)} ${joinLines(n.body)}`));
  else out.push(WEEKLY_ZH.noNotes);

  if (s.materialLines.length) out.push('本周材料变化（按清单顺序）：', ...s.materialLines.map((l) => `· ${materialLineText(l)}`));

  if (s.upcoming.items.length) {
    out.push(`${WEEKLY_ZH.upcoming}（${WEEKLY_ZH.upcomingHint}，${mmdd(s.upcoming.from)} ~ ${mmdd(s.upcoming.to)}）：`);
    for (const u of s.upcoming.items) out.push(`· ${deadlineLine(u)}`);
  } else {
    out.push(`${WEEKLY_ZH.upcoming}：${WEEKLY_ZH.noUpcoming}`);
  }

  if (s.missing.length) out.push(`${WEEKLY_ZH.needs}（${s.missing.length}项）：`, ...s.missing.map((m) => `· ${needLine(m, s.upcoming.asOf)}`));
  else out.push(`${WEEKLY_ZH.needs}：${WEEKLY_ZH.noNeeds}`);

  if (s.risks.length) out.push(`${WEEKLY_ZH.risks}：`, ...s.risks.map((r) => `· ${r}`));

  out.push('下一步：');
  out.push(s.nextSteps.text.trim() || WEEKLY_ZH.none);
  if (s.client.consultant) out.push(`${WEEKLY_ZH.consultant}：${s.client.consultant}`);
  out.push(`${WEEKLY_ZH.generatedOn}：${s.generatedOn}`);
  return out.join('\n');
}
